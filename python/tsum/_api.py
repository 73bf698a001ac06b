"""tsum.summarize(): one entry point for every kind of input."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Callable, Optional

from . import _core
from ._arrow import arrow_table, is_arrow
from ._options import make_options
from ._summary import IN_MEMORY_INPUT, Summary


def _is_dask_frame(data) -> bool:
    # Only a program that imported dask.dataframe can hold a Dask DataFrame, so pandas
    # users never pay for importing Dask.
    dd = sys.modules.get("dask.dataframe")
    return dd is not None and isinstance(data, dd.DataFrame)


def _is_spark_frame(data) -> bool:
    sql = sys.modules.get("pyspark.sql")  # likewise: only if the program imported pyspark
    return sql is not None and isinstance(data, sql.DataFrame)


def summarize(
    data=None,
    cost: str = "paper",
    columns=None,
    exclude=None,
    threads: Optional[int] = None,
    limit: Optional[int] = None,
    *,
    bins=None,
    types: Optional[dict] = None,
    search: str = "greedy",
    beam: int = 3,
    keep_id_columns: bool = False,
    input_format: Optional[str] = None,
    delimiter: Optional[str] = None,
    header: bool = True,
    query: Optional[str] = None,
    max_memory=None,
    progress: Optional[Callable] = None,
    ddf=None,
) -> Summary:
    """Summarize a table as a ranked list of patterns (TSum).

    data: a pandas DataFrame, a Dask DataFrame (summarized on its workers, with the
        same result as the pandas one), a PySpark DataFrame (tsum.spark.summarize), a dict of columns (name -> list, numpy array or
        pandas Series), or a path (str or os.PathLike) or list of paths read by the
        CLI's readers (several paths are one table, as `tsum a.csv b.csv`).
    cost: "paper" (default), "tsum-dask", "tsum-js" or "entropy" (docs/spec.md).
    search: "greedy" (default, the spec's local expansion), "beam" or "bottom-up"
        (docs/spec.md, "Search strategies"); beam: the beam width for "beam" (default 3).
    columns, exclude: a column name or a list of names to keep / leave out.
    threads: worker threads (default: all cores; for Dask, threads per partition task,
        default 1). Never changes the answer.
    limit: keep only the top `limit` patterns (totals still count all of them).
    bins, types, keep_id_columns: the CLI's --bins, --type and --keep-id-columns
        (preprocessing, paper model only; see docs/binning.md). bins: "auto"
        (default), "none", a count N, or a dict column -> "none"|"auto"|N (the key None
        sets the other columns'). types: dict column -> "string", "integer", "float",
        "boolean", "date" or "timestamp". keep_id_columns: keep identifier-like columns.
    input_format, delimiter, header, query: for paths only, as the CLI's
        --input-format, --delimiter, --no-header and --query (SQL for database URLs).
    max_memory: for paths only, the CLI's --max-memory: bytes (int) or a size such as
        "512M", "4G" or "none"; reading stops with tsum.Error instead of exhausting memory.
    progress: for Dask and Spark only, called with a tsum.DaskRound after every round.
    ddf: the seed library's keyword for a Dask DataFrame, accepted for drop-in use.

    Raises TypeError for arguments of the wrong type and ValueError (tsum.Error) for
    impossible values, unreadable inputs and unknown columns, with the CLI's messages.
    """
    if ddf is not None:
        if data is not None:
            raise TypeError("pass the table as data or as ddf, not both")
        data = ddf
    options = make_options(cost, columns, exclude, threads, limit, bins, types, keep_id_columns, search, beam)
    paths = _paths(data)
    is_path = paths is not None
    if not is_path and (input_format is not None or delimiter is not None or header is not True or query is not None
                        or max_memory is not None):
        raise TypeError("input_format, delimiter, header, query and max_memory apply to paths only")
    if max_memory is not None and (isinstance(max_memory, bool) or not isinstance(max_memory, (int, str))):
        raise TypeError("max_memory must be a number of bytes or a size such as '4G' or 'none'")
    if progress is not None and not (_is_dask_frame(data) or _is_spark_frame(data)):
        raise TypeError("progress applies to Dask DataFrames only")  # and Spark ones

    if is_path:
        table = _core.read_tables(paths, input_format, delimiter, bool(header), options.threads, query,
                                  None if max_memory is None else str(max_memory))
        table = table.select(options.columns, options.exclude)
        # Named as the CLI names its inputs.
        label = " ".join("<stdin>" if path == "-" else _core.display_input_name(path) for path in paths)
        return _summarize_table(table, options, label)
    if _is_dask_frame(data):
        from ._dask import summarize_dask

        return summarize_dask(data, options, progress)
    if _is_spark_frame(data):
        from .spark import summarize_spark

        return summarize_spark(data, options, progress)

    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(data, pandas.DataFrame):
        # Column by column: numpy columns by the numpy encoders, Arrow-backed ones by the
        # Arrow reader (the frame's own __arrow_c_stream__ would copy object columns).
        from ._pandas import frame_table

        return _summarize_table(frame_table(data, options), options, IN_MEMORY_INPUT)
    if is_arrow(data):
        return _summarize_table(arrow_table(data, options, IN_MEMORY_INPUT), options, IN_MEMORY_INPUT)
    if isinstance(data, Mapping):
        from ._pandas import mapping_table

        return _summarize_table(mapping_table(data, options), options, IN_MEMORY_INPUT)
    raise TypeError(
        "data must be a pandas DataFrame, a Dask DataFrame, a dict of columns or a path, "
        f"got {type(data).__name__}"
    )


def _paths(data) -> Optional[list]:
    """The path(s) `data` names, or None when it is not a path or a list of paths."""
    one = (str, bytes, os.PathLike)
    if isinstance(data, one):
        return [os.fsdecode(data)]
    if isinstance(data, (list, tuple)) and data and all(isinstance(p, one) for p in data):
        return [os.fsdecode(p) for p in data]
    return None


def _summarize_table(table: _core.Table, options, input_name: str) -> Summary:
    core = _core.summarize(table, options.prepare, options.threads, options.limit, options.search, options.beam)
    return Summary(core, input_name)
