"""Spark mode: summarize a PySpark DataFrame where its partitions live, exactly.

    >>> import tsum.spark
    >>> summary = tsum.spark.summarize(spark.read.parquet("flights/"), cost="paper")
    >>> summary.spark_stats            # its rounds, with time and payload bytes

The rounds and every decision are the shared driver loop's (tsum/_rounds.py), the Dask
front end's too; this file runs each round as one Spark job over all partitions
(docs/spark.md):

1. dictionaries: mapInArrow encodes every partition once, in its executor's Python
   worker, into a Table with partition-local dictionaries; the result (the Table's
   serialization in chunks, plus its dictionaries) is persisted in Spark's block store,
   and only the dictionaries are collected.
2. attach: the code maps and bin relabellings of every partition are broadcast.
3. expand / 4. marshal: a mapInArrow over the persisted chunks answers the round's
   request on every partition; the driver collects one result per partition and sums
   them in partition order.

The persisted DataFrame's lineage is source -> encode, both deterministic, so Spark
recomputes the encoded partitions an executor took with it; the digest recorded in
round 1 guards against a source that is not deterministic.
"""

from __future__ import annotations

import pickle
import uuid
from typing import Callable, Optional

from . import _core
from . import _spark_tasks as tasks
from ._options import Options, make_options
from ._rounds import payload, summarize_with
from ._summary import Summary


def _unsupported(data_type) -> bool:
    """Spark types with no single text per value: nested, binary, variant and the like."""
    from pyspark.sql import types as T

    supported = (T.NumericType, T.StringType, T.CharType, T.VarcharType, T.BooleanType, T.DateType,
                 T.TimestampType, T.TimestampNTZType, T.NullType)
    return not isinstance(data_type, supported)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


class _SparkBackend:
    """The shared driver loop's Backend (tsum/_rounds.py) on Spark."""

    def __init__(self, frame, names: list, threads: int):
        self.frame = frame
        self.session = frame.sparkSession
        self.names = names
        self.threads = threads
        self.run = uuid.uuid4().hex
        self.partitions = 0
        self.encoded = None
        self.chunks = None
        self.context = None
        self.digests = []

    def encode(self) -> list:
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        timezone = self.session.conf.get("spark.sql.session.timeZone")
        self.encoded = self.frame.mapInArrow(tasks.encode(self.run, self.names, timezone), tasks.ENCODED)
        self.encoded.persist(StorageLevel.MEMORY_AND_DISK)
        rows = self.encoded.filter(F.col("kind") == tasks.DICTIONARIES).select("part", "data").collect()
        rows.sort(key=lambda row: row.part)
        if [row.part for row in rows] != list(range(len(rows))):
            raise RuntimeError("tsum: Spark returned an incomplete set of partitions")
        self.partitions = len(rows)
        results = [pickle.loads(row.data) for row in rows]
        self.digests = [digest for digest, _ in results]
        self.chunks = self.encoded.filter(F.col("kind") == tasks.TABLE).select("part", "seq", "data")
        return [dictionaries for _, dictionaries in results]

    def attach(self, code_maps: list, relabels: list, columns) -> int:
        context = (self.digests, code_maps, relabels, columns)
        self.context = self.session.sparkContext.broadcast(context)
        return payload(code_maps) + payload(relabels)

    def _query(self, kind: str, request) -> list:
        task = tasks.query(self.run, kind, request, self.threads, self.context)
        rows = self.chunks.mapInArrow(task, tasks.RESULT).collect()
        rows.sort(key=lambda row: row.part)
        if [row.part for row in rows] != list(range(self.partitions)):
            raise RuntimeError("tsum: Spark returned an incomplete set of partitions")
        return [pickle.loads(row.data) for row in rows]

    def histograms(self, request) -> list:
        return self._query("histograms", request)

    def signatures(self, request) -> list:
        return self._query("signatures", request)

    def global_rows(self) -> list:
        return self._query("global_rows", None)

    def release(self) -> None:
        if self.encoded is not None:
            self.encoded.unpersist(blocking=False)
        if self.context is not None:
            self.context.unpersist(blocking=False)


def summarize(
    sdf,
    cost: str = "paper",
    columns=None,
    exclude=None,
    threads: Optional[int] = None,
    limit: Optional[int] = None,
    *,
    bins=None,
    types: Optional[dict] = None,
    keep_id_columns: bool = False,
    search: str = "greedy",
    beam: int = 3,
    progress: Optional[Callable] = None,
) -> Summary:
    """Summarize a PySpark DataFrame on its executors (TSum), with the keywords of
    tsum.summarize (which calls this for a PySpark DataFrame). The answer equals
    tsum.summarize on the same rows in partition order, as pandas values with nullable
    integer and boolean dtypes (docs/spark.md), byte for byte in to_json().

    threads: TBB threads per partition task (default 1: Spark runs partitions in
        parallel already). progress: called with a tsum.DaskRound after every round.
    search, beam: the CLI's --search and --beam; the entropy model and the beam and
        bottom-up searches gather the partitions' rows on the driver in one round.
    The returned Summary's .spark_stats lists the rounds (a tsum.DaskStats).

    Raises tsum.Error for a selected column Spark holds as a map, array, struct, binary
    or other type with no text per value (leave it out with exclude=).
    """
    options = make_options(cost, columns, exclude, threads, limit, bins, types, keep_id_columns, search, beam)
    return summarize_spark(sdf, options, progress)


def summarize_spark(sdf, options: Options, progress: Optional[Callable] = None) -> Summary:
    from pyspark.sql import DataFrame

    if not isinstance(sdf, DataFrame):
        raise TypeError(f"sdf must be a pyspark.sql.DataFrame, got {type(sdf).__name__}")
    if type(sdf).__module__.startswith("pyspark.sql.connect"):
        raise TypeError("tsum.spark needs a classic SparkSession (Spark Connect has no broadcast variables)")
    names = list(sdf.columns)
    chosen = _core.select_names(names, options.columns, options.exclude)
    fields = {field.name: field for field in sdf.schema.fields}
    for name in chosen:
        if _unsupported(fields[name].dataType):
            raise _core.Error(
                f"column '{name}' has Spark type {fields[name].dataType.simpleString()}, which tsum cannot "
                f"summarize; leave it out with exclude=['{name}']"
            )
    frame = sdf if chosen == names else sdf.select(*[_quoted(name) for name in chosen])
    backend = _SparkBackend(frame, chosen, options.threads or 1)
    try:
        return summarize_with(backend, chosen, options, progress, stats_name="spark_stats")
    finally:
        backend.release()
