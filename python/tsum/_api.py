"""tsum.summarize(): one entry point for every kind of input.

Every option of the `tsum` command has a keyword of the same name (``--no-header`` is
``no_header``, ``-o/--output`` is ``output``); python/tests/test_api.py checks this
against ``tsum --help``.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Optional, Union

from . import _core
from ._arrow import arrow_table, is_arrow
from ._options import Options, make_options
from ._output import FORMATS, format_from_extension, peak_rss_mib, write_output
from ._summary import IN_MEMORY_INPUT, Summary

#: What summarize() accepts as the table.
Data = Any  # pandas/Dask/polars DataFrame, pyarrow Table/RecordBatch(Reader), Arrow object, dict, path(s)
PathLike = Union[str, bytes, "os.PathLike[str]"]


def _is_dask_frame(data: Any) -> bool:
    # Only a program that imported dask.dataframe can hold a Dask DataFrame, so pandas
    # users never pay for importing Dask.
    dd = sys.modules.get("dask.dataframe")
    return dd is not None and isinstance(data, dd.DataFrame)


def _is_spark_frame(data: Any) -> bool:
    sql = sys.modules.get("pyspark.sql")  # likewise: only if the program imported pyspark
    return sql is not None and isinstance(data, sql.DataFrame)


def summarize(
    data: Data = None,
    cost: str = "paper",
    columns: Union[str, Sequence[str], None] = None,
    exclude: Union[str, Sequence[str], None] = None,
    threads: Optional[int] = None,
    limit: Optional[int] = None,
    *,
    column: Union[str, Sequence[str], None] = None,
    search: str = "greedy",
    beam: int = 3,
    bins: Union[str, int, Mapping[Optional[str], Union[str, int]], None] = None,
    type: Optional[Mapping[str, str]] = None,  # noqa: A002 - the CLI's --type
    types: Optional[Mapping[str, str]] = None,
    keep_id_columns: bool = False,
    where: Optional[str] = None,
    input_format: Optional[str] = None,
    delimiter: Optional[str] = None,
    no_header: bool = False,
    header: bool = True,
    query: Optional[str] = None,
    max_memory: Union[int, str, None] = None,
    null_values: Union[str, Sequence[str], None] = None,
    encoding: Optional[str] = None,
    ragged: Optional[str] = None,
    format: Optional[str] = None,  # noqa: A002 - the CLI's --format
    output: Optional[PathLike] = None,
    width: Optional[int] = None,
    quiet: bool = True,
    stats: bool = False,
    progress: Optional[Callable[..., None]] = None,
    ddf: Any = None,
) -> Summary:
    """Summarize a table as a ranked list of patterns (TSum).

    data: the table. A pandas DataFrame; any object with the Arrow PyCapsule interface
        (``__arrow_c_stream__`` or ``__arrow_c_array__``: pyarrow Table, RecordBatch,
        RecordBatchReader, polars DataFrame, a DuckDB relation, ...), read in C++ from
        its Arrow buffers, batch by batch; a Dask DataFrame (summarized on its workers,
        with the same result as the pandas one); a PySpark DataFrame
        (tsum.spark.summarize); a dict of columns (name -> list, numpy
        array or pandas Series); or a path (str or os.PathLike) or list of paths read by
        the CLI's readers (several paths are one table, as ``tsum a.csv b.csv``).
    cost: "paper" (default), "tsum-dask", "tsum-js" or "entropy" (docs/spec.md).
    search: "greedy" (default, the spec's local expansion), "beam" or "bottom-up"
        (docs/spec.md, "Search strategies"); beam: the beam width for "beam" (default 3).
    columns, exclude: a column name or a list of names to keep / leave out; column: the
        CLI's repeatable --column, more names to keep (added to columns).
    threads: worker threads (default: all cores; for Dask, threads per partition task,
        default 1, and the driver's own work on as many, default all cores). Never
        changes the answer.
    limit: keep only the top `limit` patterns (totals still count all of them); 0 keeps
        all. With a limit the text and Markdown renderings show every pattern kept
        (without one, their top 20).
    bins, type, keep_id_columns: the CLI's --bins, --type and --keep-id-columns
        (preprocessing, paper model only; see docs/binning.md). bins: "auto"
        (default), "none", a count N, or a dict column -> "none"|"auto"|N (the key None
        sets the other columns'). type: dict column -> "string", "integer", "float",
        "boolean", "date" or "timestamp" (``types`` is the same keyword's older name).
    where: the CLI's --where: summarize only the rows matching a condition such as
        "age >= 30 AND city IN ('Oslo', 'Bergen')" (docs/drilldown.md); its columns may
        be any of the data's, summarized or not. In-memory data and paths only.
    input_format, delimiter, no_header, query: for paths only, as the CLI's
        --input-format, --delimiter, --no-header and --query (SQL for database URLs).
        ``header=False`` is the older spelling of ``no_header=True``.
    null_values, encoding, ragged: for paths only, the CLI's --null-values (a list of
        texts, or one comma-separated str, that stand for NULL), --encoding ("utf-8" or
        "latin-1") and --ragged ("error", "pad" or "skip"). Reader warnings (a repeated
        header name renamed, ragged rows padded or skipped) are UserWarnings.
    max_memory: for paths only, the CLI's --max-memory: bytes (int) or a size such as
        "512M", "4G" or "none"; reading stops with tsum.Error instead of exhausting memory.
    format, output: as the CLI's --format and -o: also write the summary, rendered as
        "text", "json", "markdown", "html" or "csv" (any case; default: from the
        extension of `output`, .json, .md, .html or .csv, else text), to the file
        `output`, atomically (a failed call leaves no file). The HTML page leaves out the
        CLI's "generated" and "took" lines.
    width: the CLI's --width: text renderings (str(summary), output=) at most this many
        columns wide, long values shortened with an ellipsis (default and 0: no limit).
    quiet: the CLI's --quiet. The package never draws a progress bar, so quiet=False
        changes nothing; it is accepted so that every CLI option has a keyword.
    stats: the CLI's --stats: print where the time went, the patterns found and the
        process's peak memory to stderr, in the CLI's words.
    progress: for Dask and Spark only, called with a tsum.DaskRound after every round.
    ddf: the seed library's keyword for a Dask DataFrame, accepted for drop-in use.

    Returns a tsum.Summary. Raises TypeError for arguments of the wrong type and
    tsum.Error (a ValueError) for impossible values, unreadable inputs, unsupported
    column types and unknown columns, with the CLI's messages.
    """
    started = time.perf_counter()
    if ddf is not None:
        if data is not None:
            raise TypeError("pass the table as data or as ddf, not both")
        data = ddf
    if type is not None and types is not None:
        raise TypeError("pass type= or its older name types=, not both")
    if not isinstance(no_header, bool) or not isinstance(header, bool):
        raise TypeError("no_header and header must be bools")
    for flag, value in (("quiet", quiet), ("stats", stats)):
        if not isinstance(value, bool):
            raise TypeError(f"{flag} must be a bool, got {value.__class__.__name__}")
    if isinstance(format, str):
        format = {"md": "markdown"}.get(format.lower(), format.lower())  # noqa: A001 - as the CLI, any case
    if format is not None and format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    if format is not None and output is None:
        raise TypeError("format applies with output= (for a string, call summary.to_json(), .to_markdown(), ...)")
    if width is not None and (isinstance(width, bool) or not isinstance(width, int) or width < 0):
        raise ValueError(f"width must be a non-negative int (0: no limit), got {width!r}")
    if column is not None:
        columns = _as_list(columns) + _as_list(column)
    options = make_options(cost, columns, exclude, threads, limit, bins, type if type is not None else types,
                           keep_id_columns, search, beam, where)
    paths = _paths(data)
    if paths is None and (input_format is not None or delimiter is not None or no_header or not header
                          or query is not None or max_memory is not None or null_values is not None
                          or encoding is not None or ragged is not None):
        raise TypeError("input_format, delimiter, no_header, query, max_memory, null_values, encoding and ragged "
                        "apply to paths only")
    if max_memory is not None and (isinstance(max_memory, bool) or not isinstance(max_memory, (int, str))):
        raise TypeError("max_memory must be a number of bytes or a size such as '4G' or 'none'")
    if progress is not None and not (_is_dask_frame(data) or _is_spark_frame(data)):
        raise TypeError("progress applies to Dask DataFrames only")  # and Spark ones

    if where is not None and (_is_dask_frame(data) or _is_spark_frame(data)):
        raise TypeError("where applies to in-memory data and paths; filter a Dask or Spark DataFrame first "
                        "(ddf.query(...), df.where(...))")

    if _is_dask_frame(data) or _is_spark_frame(data):
        if _is_dask_frame(data):
            from ._dask import summarize_dask

            summary = summarize_dask(data, options, progress)
        else:
            from .spark import summarize_spark

            summary = summarize_spark(data, options, progress)
        read_seconds = prepare_seconds = 0.0
    else:
        read = (input_format, delimiter, header and not no_header, query, max_memory, _null_list(null_values),
                encoding, ragged)
        table, label = _table(data, options, paths, read)
        read_seconds = time.perf_counter() - started
        core_started = time.perf_counter()
        core = _core.summarize(table, options.prepare, options.threads, options.limit, options.search, options.beam)
        # Preparation runs inside the engine call: its share is what expansion and
        # marshalling leave of it.
        prepare_seconds = max(0.0, time.perf_counter() - core_started - core.expand_seconds - core.marshal_seconds)
        source = (paths, read) if paths is not None else None
        summary = Summary(core, label, options=options, source=source)
    summary._width = width or 0
    render_started = time.perf_counter()
    if output is not None:
        write_output(summary, format or format_from_extension(output), output)
    if stats:
        print(
            f"tsum stats: read+encode {read_seconds:.3f} s, prepare {prepare_seconds:.3f} s, "
            f"expand {summary._core.expand_seconds:.3f} s, marshal {summary._core.marshal_seconds:.3f} s, "
            f"render {time.perf_counter() - render_started:.3f} s, total {time.perf_counter() - started:.3f} s; "
            f"{summary.rows} rows x {len(summary.columns)} columns, {summary.total_patterns} patterns, "
            f"peak RSS {peak_rss_mib()} MiB; evaluations: expand {summary._core.expand_evaluations}, "
            f"marshal {summary._core.marshal_evaluations}",
            file=sys.stderr,
        )
    return summary


def _table(data: Data, options: Options, paths: Optional[list[str]], read: tuple) -> tuple[_core.Table, str]:
    """The engine's Table for `data` (the rows `options.where` keeps, the columns
    `options` selects) and its name in reports. `read` holds the path-only options."""
    if options.where is None:
        return _encoded(data, options, paths, read)
    # The condition may name any column: encode them all, filter, then select (the CLI's order).
    every = dataclasses.replace(options, columns=[], exclude=[])
    table, label = _encoded(data, every, paths, read)
    return _core.filter_where(table, options.where).select(options.columns, options.exclude), label


def _encoded(data: Data, options: Options, paths: Optional[list[str]], read: tuple) -> tuple[_core.Table, str]:
    if paths is not None:
        input_format, delimiter, header, query, max_memory, null_values, encoding, ragged = read
        table = _core.read_tables(paths, input_format, delimiter, header, options.threads, query,
                                  None if max_memory is None else str(max_memory), null_values, encoding, ragged)
        table = table.select(options.columns, options.exclude)
        # Named as the CLI names its inputs.
        label = " ".join("<stdin>" if path == "-" else _core.display_input_name(path) for path in paths)
        return table, label
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(data, pandas.DataFrame):
        # Column by column: numpy columns by the numpy encoders, Arrow-backed ones by the
        # Arrow reader (the frame's own __arrow_c_stream__ would copy object columns).
        from ._pandas import frame_table

        return frame_table(data, options), IN_MEMORY_INPUT
    # A pandas Series speaks the Arrow interface too, but is one column, not a table.
    if is_arrow(data) and not (pandas is not None and isinstance(data, pandas.Series)):
        return arrow_table(data, options, IN_MEMORY_INPUT), IN_MEMORY_INPUT
    if isinstance(data, Mapping):
        from ._pandas import mapping_table

        return mapping_table(data, options), IN_MEMORY_INPUT
    raise TypeError(
        f"data must be a pandas DataFrame, a Dask DataFrame, a dict of columns or a path, got {data.__class__.__name__} "
        "(tables with the Arrow PyCapsule interface are read too: pyarrow, polars, DuckDB, ...)"
    )


def prepared_table(data: Data, options: Options) -> _core.Table:
    """The table the summary of `data` saw (for Pattern.mask): encoded and prepared with
    the summary's options."""
    if _is_dask_frame(data) or _is_spark_frame(data):
        raise TypeError("mask() and rows_of() take in-memory data; collect the Dask or Spark DataFrame first")
    table, _ = _table(data, options, _paths(data), (None, None, True, None, None, [], None, None))
    return _core.prepare_table(table, options.prepare)


def explained(summary: Summary, rank: int, data: Data, options: Options, source: Optional[tuple]) -> tuple:
    """(JSON, text, Markdown) of tsum explain for pattern `rank` of `summary`."""
    if data is None:
        if source is None:
            raise TypeError("explain(n, data): pass the table the summary was made from "
                            "(only a summary of paths remembers its input)")
        paths, read = source
    else:
        if _is_dask_frame(data) or _is_spark_frame(data):
            raise TypeError("explain() takes in-memory data; collect the Dask or Spark DataFrame first")
        paths, read = _paths(data), (None, None, True, None, None, [], None, None)
    table, _ = _table(data, options, paths, read)
    return _core.explain(table, options.prepare, summary._core, rank, summary.input)


def _as_list(names: Union[str, Sequence[str], None]) -> list:
    if names is None:
        return []
    return [names] if isinstance(names, str) else list(names)


def _null_list(values: Union[str, Sequence[str], None]) -> list[str]:
    """--null-values: a list of texts, or one str split at commas as the CLI splits it (a
    text holding a comma in double quotes)."""
    if values is None:
        return []
    if isinstance(values, str):
        import csv

        out = [v for v in next(csv.reader([values])) if v] if values else []
        if not out:
            raise ValueError("--null-values: no values given")
        return out
    out = list(values)
    for v in out:
        if not isinstance(v, str):
            raise TypeError(f"null_values must hold str, got {type(v).__name__} {v!r}")
    return out


def _paths(data: Any) -> Optional[list[str]]:
    """The path(s) `data` names, or None when it is not a path or a list of paths."""
    one = (str, bytes, os.PathLike)
    if isinstance(data, one):
        return [os.fsdecode(data)]
    if isinstance(data, (list, tuple)) and data and all(isinstance(p, one) for p in data):
        return [os.fsdecode(p) for p in data]
    return None
