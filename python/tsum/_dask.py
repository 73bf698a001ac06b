"""Dask mode: summarize a Dask DataFrame where its partitions live, exactly.

The driver never sees rows. Rounds, in order (each is one dask.compute over all
partitions; DaskStats records them):

1. dictionaries: every partition is encoded once on its worker into a Table with
   partition-local dictionaries (persisted) and sends its distinct values and their
   counts. The driver merges them in partition order: global codes follow first
   appearance across partitions, as in the concatenated table, so every tie breaks as
   the local engine breaks it.
   The driver then makes the paper model's preprocessing decisions (types,
   identifier-like columns, bins) from the merged dictionaries, as the local engine
   makes them on the whole table (no extra round).
2. attach: each partition receives its local -> global code maps (and, for a binned
   column, which bin label each of its values becomes: the worker relabels the column
   once) and is persisted as a Partition object; the encoded tables are released. The graph behind each Partition
   is source partition -> encode -> attach, all deterministic, so Dask can recompute a
   Partition a dead worker took with it.
3. expand (one round per step of local expansion): the driver sends the patterns found
   so far and the current prefix; each partition sends sparse histograms of its rows
   that match no found pattern and all of the prefix; the driver sums them and decides
   with the engine's rule. The first step of every pattern needs no round: the driver
   keeps the residue's histograms and subtracts each new pattern's rows.
4. marshal (one round): each partition sends its rows grouped by the set of patterns
   they match; the driver ranks the patterns exactly as the local engine does.

Under the entropy cost model and the beam and bottom-up searches, rounds 3 and 4 are
replaced by one "rows" round: each partition sends its rows as global codes (distinct
rows with their counts when that is cheap) and the driver runs the engine's own search
and marshalling on them (tsum._core.Coordinator.search).

All decisions are made in C++ (tsum._core.Coordinator) with the engine's CostModel and
candidate rule, so the result equals tsum.summarize(ddf.compute()).
"""

from __future__ import annotations

import inspect
import time
from typing import Callable, Optional

import dask
from dask import delayed
from dask.base import get_scheduler

from . import _core
from . import _dask_tasks as tasks
from ._dask_stats import DaskRound, DaskStats
from ._options import Options
from ._summary import IN_MEMORY_INPUT, Summary


def _payload(value) -> int:
    """Bytes of the numpy buffers, byte strings and strings in a (nested) result."""
    if hasattr(value, "nbytes"):
        return int(value.nbytes)
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, str):  # bin labels
        return len(value.encode())
    if isinstance(value, (list, tuple)):
        return sum(_payload(v) for v in value)
    return 0


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


class _Driver:
    def __init__(self, options: Options, partitions: int, progress: Optional[Callable]):
        self.run_tasks = _Runner()
        self.options = options
        self.threads = options.threads or 1  # Dask runs partitions in parallel already
        self.stats = DaskStats(partitions=partitions)
        self.progress = progress

    def record(self, kind: str, seconds: float, to_workers: int, to_driver: int) -> None:
        entry = DaskRound(kind, seconds, to_workers, to_driver)
        self.stats.rounds.append(entry)
        if self.progress is not None:
            self.progress(entry)

    def round(self, kind: str, jobs: list, to_workers: int) -> list:
        start = time.perf_counter()
        results = self.run_tasks.compute(jobs)
        self.record(kind, time.perf_counter() - start, to_workers, _payload(results))
        return results

    def run(self, frame, names: list) -> Summary:
        start = time.perf_counter()
        n = self.stats.partitions
        encoded = self.run_tasks.persist([delayed(tasks.encode)(part, names) for part in frame.to_delayed()])
        dictionaries = self.round("dictionaries", [delayed(tasks.dictionaries)(t) for t in encoded], 0)

        # Preprocessing (paper model: types, identifier-like columns, bins) decided from
        # the merged dictionaries, the concatenated table's; binned columns reach the
        # coordinator as rewritten dictionaries (python/src/dask_prepare.h).
        preparation = _core.DaskPreparation(names, dictionaries, self.options.prepare)
        kept = preparation.columns
        coordinator = _core.Coordinator(self.options.cost, kept)
        preparation.feed(coordinator)
        coordinator.start()
        del dictionaries

        attach_start = time.perf_counter()
        maps = [coordinator.code_maps(k) for k in range(n)]
        relabels = [preparation.relabels(k) for k in range(n)]
        select = None if kept == names else kept  # left-out columns stay out of the Partitions
        partitions = self.run_tasks.persist(
            [delayed(tasks.attach)(t, m, select, r) for t, m, r in zip(encoded, maps, relabels)]
        )
        del encoded  # the Partitions hold the tables; Dask keeps the graph to recompute them
        self.record("attach", time.perf_counter() - attach_start, _payload(maps) + _payload(relabels), 0)

        if self.options.cost == "entropy" or self.options.search != "greedy":
            # The rounds implement the spec's local expansion under the seed-compatible
            # models; for the rest the driver gathers the partitions' (distinct) rows as
            # global codes and runs the engine's search on them: the same answer as the
            # concatenated table's, at the cost of holding those rows on the driver.
            for codes, weights in self.round("rows", [delayed(tasks.global_rows)(p, self.threads) for p in partitions], 0):
                coordinator.add_rows(codes, weights)
            coordinator.search(self.options.search, self.options.beam, self.options.threads)
            self.stats.patterns_found = coordinator.patterns_found
            self.stats.items_found = coordinator.items_found
            self.stats.seconds = time.perf_counter() - start
            summary = preparation.describe(coordinator.summary(self.options.limit))
            return Summary(summary, IN_MEMORY_INPUT, self.stats)

        while (request := coordinator.next_request()) is not None:
            jobs = [delayed(tasks.histograms)(p, request, self.threads) for p in partitions]
            for result in self.round("expand", jobs, request.nbytes * n):
                coordinator.add_histograms(*result)
            coordinator.decide()

        self.stats.patterns_found = coordinator.patterns_found
        self.stats.items_found = coordinator.items_found
        if coordinator.patterns_found:
            request = coordinator.marshal_request()
            jobs = [delayed(tasks.signatures)(p, request, self.threads) for p in partitions]
            for result in self.round("marshal", jobs, request.nbytes * n):
                coordinator.add_signatures(*result)
        coordinator.rank()
        self.stats.seconds = time.perf_counter() - start
        summary = preparation.describe(coordinator.summary(self.options.limit))
        return Summary(summary, IN_MEMORY_INPUT, self.stats)


def summarize_dask(ddf, options: Options, progress: Optional[Callable] = None) -> Summary:
    labels = list(ddf.columns)
    names = [str(label) for label in labels]
    chosen = _core.select_names(names, options.columns, options.exclude)
    if chosen != names:
        position = {name: i for i, name in enumerate(names)}
        ddf = ddf[[labels[position[name]] for name in chosen]]
    return _Driver(options, ddf.npartitions, progress).run(ddf, chosen)
