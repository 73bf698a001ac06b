"""The driver loop shared by the distributed front ends (Dask and Spark).

A front end supplies a Backend: something that can run one kind of task on every
partition of the table, where the partitions live, and hand the results back in
partition order. Everything else - the rounds, their order, the preprocessing and every
decision - is here and in C++ (tsum._core.DaskPreparation and Coordinator), once, so a
Dask summary and a Spark summary of the same rows make the same decisions as the local
engine.

Rounds (each is one pass over all partitions; the stats record them):

1. dictionaries: every partition is encoded once where it lives, into a Table with
   partition-local dictionaries that the backend keeps there, and sends its distinct
   values and their counts. The driver merges them in partition order: global codes
   follow first appearance across partitions, as in the concatenated table. It then
   makes the paper model's preprocessing decisions (types, identifier-like columns,
   bins) from the merged dictionaries, with no extra round.
2. attach: each partition receives its local -> global code maps and, for a binned
   column, which bin label each of its values becomes.
3. expand (one round per step of local expansion): the driver sends the patterns found
   so far and the current prefix; each partition sends sparse histograms; the driver
   sums them in partition order and decides with the engine's rule.
4. marshal (one round): each partition sends its rows grouped by the set of patterns
   they match; the driver ranks the patterns exactly as the local engine does.

A summary of many patterns would take one expand round per item of every pattern (a
table of 10^5 values per column finds about 94,000 patterns: hundreds of thousands of
rounds). The expand rounds are therefore capped: after EXPAND_ROUND_BUDGET of them, the
driver stops expanding and gathers the rows in one "rows" round (below) to run the same
greedy search itself, from the start. The answer is the same either way (the engine's
search on the concatenated rows is the local engine's); a summary takes at most
EXPAND_ROUND_BUDGET + 4 rounds, at the cost of holding the distinct rows (4 bytes per
cell, plus a count per row) on the driver when the cap is reached.

Under the entropy cost model and the beam and bottom-up searches, rounds 3 and 4 are
replaced by one "rows" round from the start: each partition sends its rows as global codes (distinct
rows with their counts when that is cheap) and the driver runs the engine's own search
and marshalling on them (tsum._core.Coordinator.search): the concatenated table's
answer, at the cost of holding those rows on the driver.
"""

from __future__ import annotations

import time
from typing import Callable, Optional, Protocol

from . import _core
from ._dask_stats import DaskRound, DaskStats
from ._options import Options
from ._summary import IN_MEMORY_INPUT, Summary

#: Expand rounds after which the driver gathers the rows and searches them itself.
EXPAND_ROUND_BUDGET = 256


def payload(value) -> int:
    """Bytes of the numpy buffers, byte strings and strings in a (nested) result."""
    if hasattr(value, "nbytes"):
        return int(value.nbytes)
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, str):  # bin labels
        return len(value.encode())
    if isinstance(value, (list, tuple)):
        return sum(payload(v) for v in value)
    return 0


class Backend(Protocol):
    """Runs tasks on every partition. Results are lists in partition order."""

    partitions: int  # known after encode()

    def encode(self) -> list:
        """Encode every partition once and keep it where it lives; returns, per partition,
        (rows, Table.dictionaries())."""

    def attach(self, code_maps: list, relabels: list, columns: Optional[list]) -> int:
        """Give partition k code_maps[k] and relabels[k] (and keep only `columns`, when
        given); returns the payload bytes sent."""

    def histograms(self, request) -> list:
        """Partition.histograms(request) of every partition."""

    def signatures(self, request) -> list:
        """Partition.signatures(request) of every partition."""

    def global_rows(self) -> list:
        """Partition.global_rows() of every partition: (codes, weights)."""


class DriverLoop:
    def __init__(self, options: Options, progress: Optional[Callable]):
        self.options = options
        self.progress = progress
        self.stats = DaskStats(partitions=0)

    def record(self, kind: str, seconds: float, to_workers: int, to_driver: int) -> None:
        entry = DaskRound(kind, seconds, to_workers, to_driver)
        self.stats.rounds.append(entry)
        if self.progress is not None:
            self.progress(entry)

    def _round(self, kind: str, run: Callable, to_workers: int) -> list:
        start = time.perf_counter()
        results = run()
        self.record(kind, time.perf_counter() - start, to_workers, payload(results))
        return results

    def run(self, backend: Backend, names: list) -> tuple:
        """The summary (tsum.Summary, stats filled) of the backend's table, whose columns
        are `names`."""
        start = time.perf_counter()
        dictionaries = self._round("dictionaries", backend.encode, 0)
        n = self.stats.partitions = backend.partitions

        # Preprocessing (paper model: types, identifier-like columns, bins) decided from
        # the merged dictionaries, the concatenated table's; binned columns reach the
        # coordinator as rewritten dictionaries (python/src/dask_prepare.h).
        preparation = _core.DaskPreparation(names, dictionaries, self.options.prepare)
        kept = preparation.columns
        coordinator = _core.Coordinator(self.options.cost, kept)
        preparation.feed(coordinator)
        coordinator.start(self.options.threads)
        del dictionaries

        attach_start = time.perf_counter()
        maps = [coordinator.code_maps(k) for k in range(n)]
        relabels = [preparation.relabels(k) for k in range(n)]
        select = None if kept == names else kept  # left-out columns stay out of the Partitions
        sent = backend.attach(maps, relabels, select)
        self.record("attach", time.perf_counter() - attach_start, sent, 0)

        if self.options.cost == "entropy" or self.options.search != "greedy":
            # The expand rounds implement the spec's local expansion under the seed-
            # compatible models; for the rest the driver gathers the rows.
            return self._search_gathered(backend, coordinator, preparation, start)

        expand_rounds = 0
        while (request := coordinator.next_request()) is not None:
            if expand_rounds == EXPAND_ROUND_BUDGET:
                return self._search_gathered(backend, coordinator, preparation, start)
            for result in self._round("expand", lambda: backend.histograms(request), request.nbytes * n):
                coordinator.add_histograms(*result)
            coordinator.decide()
            expand_rounds += 1

        self.stats.patterns_found = coordinator.patterns_found
        self.stats.items_found = coordinator.items_found
        if coordinator.patterns_found:
            request = coordinator.marshal_request()
            for result in self._round("marshal", lambda: backend.signatures(request), request.nbytes * n):
                coordinator.add_signatures(*result)
        coordinator.rank()
        self.stats.seconds = time.perf_counter() - start
        return preparation.describe(coordinator.summary(self.options.limit)), self.stats


    def _search_gathered(self, backend: Backend, coordinator, preparation, start: float) -> tuple:
        """One "rows" round, then the engine's search and ranking on the driver."""
        for codes, weights in self._round("rows", backend.global_rows, 0):
            coordinator.add_rows(codes, weights)
        coordinator.search(self.options.search, self.options.beam, self.options.threads)
        self.stats.patterns_found = coordinator.patterns_found
        self.stats.items_found = coordinator.items_found
        self.stats.seconds = time.perf_counter() - start
        return preparation.describe(coordinator.summary(self.options.limit)), self.stats


def summarize_with(backend: Backend, names: list, options: Options, progress: Optional[Callable],
                   stats_name: str = "dask_stats") -> Summary:
    """Runs the loop; the Summary carries the stats as its attribute `stats_name`."""
    core, stats = DriverLoop(options, progress).run(backend, names)
    return Summary(core, IN_MEMORY_INPUT, options=options, **{stats_name: stats})
