"""Arrow data -> the engine's Table, through the Arrow PyCapsule interface.

Any object with ``__arrow_c_stream__`` (pyarrow Table, RecordBatchReader, ChunkedArray,
polars DataFrame, a DuckDB relation, ...) or ``__arrow_c_array__`` (pyarrow RecordBatch,
Array, ...) is read in C++ by the Arrow reader (src/io/arrow), batch by batch, straight
from the producer's buffers: no Python code runs per row and nothing is converted to
pandas. What each Arrow type becomes is documented in src/io/arrow/arrow_type.h and
python/README.md.

pandas columns whose values live in Arrow memory (pandas 3's default ``str`` dtype,
``string[pyarrow]``, ``pd.ArrowDtype``) are read the same way, column by column
(``arrow_column``), from the ChunkedArray pandas holds.
"""

from __future__ import annotations

from typing import Any

from . import _core
from ._options import Options


def is_arrow(data: Any) -> bool:
    """True when `data` speaks the Arrow PyCapsule interface."""
    return hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__")


def arrow_table(data: Any, options: Options, input_name: str) -> _core.Table:
    """The table `data` holds, only the columns `options` selects."""
    selection = (options.columns, options.exclude, options.threads)
    if hasattr(data, "__arrow_c_stream__"):
        return _core.read_arrow_stream(data.__arrow_c_stream__(), input_name, *selection)
    schema, array = data.__arrow_c_array__()
    return _core.read_arrow_array(schema, array, input_name, *selection)


def arrow_column(name: str, chunked: Any, input_name: str, threads: int = 0) -> _core.Column:
    """One column from an Arrow array or ChunkedArray (a pandas column's storage)."""
    return _core.encode_arrow_column(name, chunked.__arrow_c_stream__(), input_name, threads)
