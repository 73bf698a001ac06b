"""What Spark runs in the executors' Python workers: mapInArrow functions, one per kind
of task.

Every encoded partition is a deterministic function of its source partition, and every
round's answer a deterministic function of the encoded partition and the round's
request, so Spark may recompute any of them after losing an executor.

The encoded partitions live in Spark's block store (a persisted DataFrame of byte
chunks: see ENCODED). A Python worker also keeps the Partition objects it built in
_LIVE, so that the next round it runs for the same partition skips deserializing and
reuses the Partition's own cache (residue, prefix rows). _LIVE is only a shortcut: a
Python worker that lacks a partition (a new worker, a new executor after a loss)
rebuilds it from the chunks, and checks them against the digest the dictionaries round
recorded, so a partition that changed when Spark recomputed it (a source that is not
deterministic) is an error, never a wrong answer.
"""

from __future__ import annotations

import hashlib
import pickle

import pandas as pd
import pyarrow as pa
from pyspark import TaskContext

from . import _core
from ._dask_tasks import attach
from ._pandas import partition_table

# The persisted encoded DataFrame: per partition, its Table's serialization in chunks
# (kind TABLE, seq 0, 1, ...) and one row (kind DICTIONARIES) with the digest of that
# serialization and (rows, Table.dictionaries()), pickled.
ENCODED = "part int, kind int, seq int, data binary"
TABLE, DICTIONARIES = 0, 1
# A round's answer: one row per partition, its result pickled.
RESULT = "part int, data binary"
# Chunks stay far below the JVM's 2 GiB limit for one binary value and Arrow's for one
# batch.
_CHUNK = 16 << 20

_NULLABLE = {
    pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
}

# (run, partition) -> [digest, Table or Partition]; entries of older runs are dropped.
_LIVE: dict = {}


def _row(batch_schema: str, values: dict) -> pa.RecordBatch:
    fields = {"part": pa.int32(), "kind": pa.int32(), "seq": pa.int32(), "data": pa.binary()}
    names = [f.split()[0] for f in batch_schema.split(", ")]
    return pa.RecordBatch.from_arrays([pa.array([values[n]], fields[n]) for n in names], names=names)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _remember(run: str, part: int, digest: bytes, value) -> None:
    for key in [key for key in _LIVE if key[0] != run]:
        del _LIVE[key]
    _LIVE[(run, part)] = [digest, value]


def arrow_frame(batches: list, names: list, timezone: str) -> pd.DataFrame:
    """The rows of Arrow batches as pandas values, as the local engine would get them:
    integers and booleans keep their type when NULLs are present (nullable dtypes),
    dates are datetime.date objects, timestamps are in the session's time zone without
    one (as DataFrame.toPandas gives them)."""
    if not batches:
        return pd.DataFrame({i: pd.Series([], dtype=object) for i in range(len(names))})
    frame = pa.Table.from_batches(batches).to_pandas(date_as_object=True, types_mapper=_NULLABLE.get)
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            frame.isetitem(i, column.dt.tz_convert(timezone).dt.tz_localize(None))
    return frame


def encode(run: str, names: list, timezone: str):
    """Source partition (Arrow batches) -> its Table's chunks and its dictionaries."""

    def task(batches):
        part = TaskContext.get().partitionId()
        table = partition_table(arrow_frame(list(batches), names, timezone), names)
        data = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
        digest = _digest(data)
        _remember(run, part, digest, table)
        for seq, start in enumerate(range(0, max(len(data), 1), _CHUNK)):
            yield _row(ENCODED, {"part": part, "kind": TABLE, "seq": seq, "data": data[start:start + _CHUNK]})
        summary = pickle.dumps((digest, (table.rows, table.dictionaries())), protocol=pickle.HIGHEST_PROTOCOL)
        yield _row(ENCODED, {"part": part, "kind": DICTIONARIES, "seq": 0, "data": summary})

    return task


def _partition(run: str, part: int, batches, context) -> _core.Partition:
    """Partition `part` of this run: from _LIVE, else rebuilt from its chunks. The
    chunks are always read: Spark streams them to the task either way."""
    digests, code_maps, relabels, columns = context.value
    live = _LIVE.get((run, part))
    usable = live is not None and live[0] == digests[part]
    chunks = []
    for batch in batches:
        if not usable:
            chunks.extend(zip(batch.column(1).to_pylist(), batch.column(2).to_pylist()))
    if not usable:
        data = b"".join(chunk for _, chunk in sorted(chunks, key=lambda c: c[0]))
        if _digest(data) != digests[part]:
            raise RuntimeError(
                f"tsum: partition {part} of the DataFrame changed when Spark recomputed it (its source is not "
                "deterministic); persist or checkpoint the DataFrame before summarizing it"
            )
        live = [digests[part], pickle.loads(data)]
    if isinstance(live[1], _core.Table):  # first round of this partition in this worker
        live[1] = attach(live[1], code_maps[part], columns, relabels[part])
    _remember(run, part, live[0], live[1])
    return live[1]


def query(run: str, kind: str, request, threads: int, context):
    """One round on one partition: Partition.histograms or .signatures of `request`, or
    Partition.global_rows.
    Its input is the partition's chunks (part, seq, data); `context` is the broadcast
    (digests, code maps, relabels, kept columns) of the attach round."""

    def task(batches):
        part = TaskContext.get().partitionId()
        partition = _partition(run, part, batches, context)
        # global_rows takes no request: the partition's rows as global codes.
        result = partition.global_rows(threads) if kind == "global_rows" else getattr(partition, kind)(request, threads)
        yield _row(RESULT, {"part": part, "data": pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)})

    return task
