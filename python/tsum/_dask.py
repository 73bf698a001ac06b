"""Dask mode: summarize a Dask DataFrame where its partitions live, exactly.

The driver never sees rows. The rounds and every decision are the shared driver loop's
(tsum/_rounds.py); this file runs each round's tasks as one dask.compute over all
partitions (DaskStats records them):

1. dictionaries: tasks.encode turns every source partition into a Table with
   partition-local dictionaries (persisted on the workers); tasks.dictionaries sends
   its distinct values and their counts.
2. attach: tasks.attach makes each partition a Partition object (its code maps, binned
   columns relabelled once), persisted; the encoded tables are released. The graph
   behind each Partition is source partition -> encode -> attach, all deterministic, so
   Dask can recompute a Partition a dead worker took with it.
3. expand / 4. marshal: tasks.histograms / tasks.signatures on every Partition, or
   under the entropy cost model and the beam and bottom-up searches one "rows" round:
   tasks.global_rows (see tsum/_rounds.py).

All decisions are made in C++ (tsum._core.Coordinator) with the engine's CostModel and
candidate rule, so the result equals tsum.summarize(ddf.compute()).
"""

from __future__ import annotations

import inspect
from typing import Callable, Optional

import dask
from dask import delayed
from dask.base import get_scheduler

from . import _core
from . import _dask_tasks as tasks
from ._options import Options
from ._rounds import payload, summarize_with
from ._summary import Summary


class _Runner:
    """Runs task lists where dask.compute would run them. On a distributed Client the
    Client's own persist/compute are used: dask.persist() persists on the workers only
    for the default Client, and would otherwise bring the partitions to the driver."""

    def __init__(self):
        schedule = get_scheduler()
        owner = getattr(schedule, "__self__", None) if inspect.ismethod(schedule) else None
        self.client = owner if type(owner).__name__ == "Client" else None

    def persist(self, jobs: list) -> list:
        return self.client.persist(jobs) if self.client else list(dask.persist(*jobs))

    def compute(self, jobs: list) -> list:
        return self.client.gather(self.client.compute(jobs)) if self.client else list(dask.compute(*jobs))


class _DaskBackend:
    """The shared driver loop's Backend (tsum/_rounds.py) on Dask."""

    def __init__(self, frame, names: list, options: Options):
        self.run_tasks = _Runner()
        self.frame = frame
        self.names = names
        self.threads = options.threads or 1  # Dask runs partitions in parallel already
        self.partitions = frame.npartitions
        self.encoded = None
        self.attached = None

    def encode(self) -> list:
        self.encoded = self.run_tasks.persist([delayed(tasks.encode)(part, self.names) for part in self.frame.to_delayed()])
        return self.run_tasks.compute([delayed(tasks.dictionaries)(t) for t in self.encoded])

    def attach(self, code_maps: list, relabels: list, columns) -> int:
        self.attached = self.run_tasks.persist(
            [delayed(tasks.attach)(t, m, columns, r) for t, m, r in zip(self.encoded, code_maps, relabels)]
        )
        self.encoded = None  # the Partitions hold the tables; Dask keeps the graph to recompute them
        return payload(code_maps) + payload(relabels)

    def histograms(self, request) -> list:
        return self.run_tasks.compute([delayed(tasks.histograms)(p, request, self.threads) for p in self.attached])

    def signatures(self, request) -> list:
        return self.run_tasks.compute([delayed(tasks.signatures)(p, request, self.threads) for p in self.attached])

    def global_rows(self) -> list:
        return self.run_tasks.compute([delayed(tasks.global_rows)(p, self.threads) for p in self.attached])


def summarize_dask(ddf, options: Options, progress: Optional[Callable] = None) -> Summary:
    labels = list(ddf.columns)
    names = [str(label) for label in labels]
    chosen = _core.select_names(names, options.columns, options.exclude)
    if chosen != names:
        position = {name: i for i, name in enumerate(names)}
        ddf = ddf[[labels[position[name]] for name in chosen]]
    return summarize_with(_DaskBackend(ddf, chosen, options), chosen, options, progress)
