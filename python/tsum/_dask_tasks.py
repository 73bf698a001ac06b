"""The functions Dask runs on the workers, one per kind of task.

Each is a deterministic function of its arguments, so Dask can recompute any result a
dead worker took with it: an encoded partition from its source partition, an attached
Partition from the encoded one and its code maps, a round's histograms from the
Partition and the round's request.
"""

from __future__ import annotations

from . import _core
from ._pandas import partition_table


def encode(frame, names: list) -> _core.Table:
    """A source partition (pandas DataFrame) -> a Table with partition-local dictionaries."""
    return partition_table(frame, names)


def dictionaries(table: _core.Table) -> tuple:
    """What the driver needs to build the global dictionaries: the partition's rows and,
    per column, its distinct values and their counts (see Table.dictionaries)."""
    return table.rows, table.dictionaries()


def attach(table: _core.Table, code_maps: list, columns=None, relabels=None) -> _core.Partition:
    """The partition as the rounds query it: its Table, prepared as the driver decided
    (only `columns`, when given: the others were left out; binned columns relabelled
    with `relabels`), plus local -> global code maps."""
    if columns is not None:
        table = table.select(columns, [])
    if relabels is not None and any(r is not None for r in relabels):
        table = table.relabel(relabels)
    return _core.Partition(table, code_maps)


def histograms(partition: _core.Partition, request, threads: int):
    return partition.histograms(request, threads)


def signatures(partition: _core.Partition, request, threads: int):
    return partition.signatures(request, threads)


def global_rows(partition: _core.Partition, threads: int):
    return partition.global_rows(threads)
