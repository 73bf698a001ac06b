"""The worker-side objects of Dask mode, in process: pickling, and the Partition's
round cache, which must never change an answer (Dask may replay any round, in any
order, on a fresh or a recomputed Partition)."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pandas as pd

from tsum import _core
from tsum._dask_tasks import attach, dictionaries, encode
from conftest import read_vega


def random_frame(seed: int, rows: int = 3000) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "a": rng.choice(["x", "y", "z", None], rows, p=[0.5, 0.3, 0.15, 0.05]),
            "b": rng.integers(0, 4, rows),
            "c": rng.choice(["p", "q"], rows),
            "d": np.where(rng.random(rows) < 0.1, np.nan, rng.integers(0, 3, rows) * 0.5),
        }
    )


def replay(frame: pd.DataFrame, cost: str = "tsum-dask"):
    """Runs the driver loop over the frame as one partition; returns the partition and
    every (request, histograms) of the run."""
    names = list(frame.columns)
    table = encode(frame, names)
    coordinator = _core.Coordinator(cost, names)
    coordinator.add_partition(*dictionaries(table))
    coordinator.start()
    partition = attach(table, coordinator.code_maps(0))
    log = []
    while (request := coordinator.next_request()) is not None:
        result = partition.histograms(request, 1)
        log.append((request, result))
        coordinator.add_histograms(*result)
        coordinator.decide()
    assert coordinator.patterns_found > 0
    return partition, log


def same(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b))


def test_table_pickles():
    frame = read_vega("cars.json")
    table = encode(frame, list(frame.columns))
    copy = pickle.loads(pickle.dumps(table))
    assert copy.rows == table.rows and copy.column_names == table.column_names
    for name in table.column_names:
        assert copy.values(name) == table.values(name)
        assert np.array_equal(copy.codes(name), table.codes(name))
        assert copy.is_numeric(name) == table.is_numeric(name)


def test_replayed_rounds_give_the_same_histograms():
    partition, log = replay(random_frame(11))
    shuffled = log[:]
    random.Random(3).shuffle(shuffled)
    fresh = pickle.loads(pickle.dumps(partition))  # a recomputed / moved partition: no cache
    for request, expected in shuffled:
        assert same(partition.histograms(request, 1), expected)
        assert same(fresh.histograms(request, 2), expected)


def test_signatures_do_not_depend_on_the_cache():
    frame = random_frame(12)
    partition, log = replay(frame)
    names = list(frame.columns)
    table = encode(frame, names)
    coordinator = _core.Coordinator("tsum-dask", names)
    coordinator.add_partition(*dictionaries(table))
    coordinator.start()
    for request, result in log:
        coordinator.next_request()
        coordinator.add_histograms(*result)
        coordinator.decide()
    assert coordinator.next_request() is None
    request = coordinator.marshal_request()
    offsets, patterns, counts = partition.signatures(request, 1)
    assert offsets[0] == 0 and offsets[-1] == len(patterns) and len(counts) == len(offsets) - 1
    assert counts.sum() <= len(frame)
    assert same(pickle.loads(pickle.dumps(partition)).signatures(request, 1), (offsets, patterns, counts))
