"""pandas DataFrames and dicts of columns -> the engine's Table.

Each column is handed to a C++ encoder as a whole numpy array (no Python loop over
rows); the encoders and the text each kind of value gets are described in
python/src/encoders.h and python/README.md. Columns whose values pandas keeps in Arrow
memory (the ``str`` dtype, ``string[pyarrow]``, ``pd.ArrowDtype``) are read by the Arrow
reader from that memory instead (tsum/_arrow.py). Column selection happens first, so
left-out columns are never encoded.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import _core
from ._arrow import arrow_column
from ._options import Options
from ._summary import IN_MEMORY_INPUT

# Masked ("nullable") pandas arrays: their values and NULL mask are plain numpy arrays,
# handed over without copying.
_MASKED = (pd.arrays.IntegerArray, pd.arrays.FloatingArray, pd.arrays.BooleanArray)


def _encode_numpy(name: str, values: np.ndarray, mask=None) -> _core.Column:
    if values.ndim != 1:
        raise ValueError(f"column '{name}' must be one-dimensional, got shape {values.shape}")
    kind = values.dtype.kind
    if kind in "biuf":
        if values.dtype == np.float16:  # no C++ half type: widen, the value is unchanged
            values = values.astype(np.float32)
        return _core.encode_numbers(name, values, mask)
    if kind == "O":
        return _core.encode_objects(name, values, mask)
    if kind in "US":  # fixed-width numpy strings: as Python str / bytes objects
        return _core.encode_objects(name, values.astype(object), mask)
    # datetime64, timedelta64, complex, void: pandas' own text for each value.
    return _encode_series(name, pd.Series(values))


def _arrow_backed(dtype) -> bool:
    """Whether pandas keeps a column of this dtype in Arrow memory."""
    if isinstance(dtype, pd.ArrowDtype):
        return True
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def _encode_series(name: str, series) -> _core.Column:
    """A pandas Series or Index."""
    dtype = series.dtype
    if _arrow_backed(dtype):
        # The ChunkedArray pandas holds (no copy), read by the Arrow reader.
        return arrow_column(name, series.array.__arrow_array__(), IN_MEMORY_INPUT)
    if isinstance(dtype, pd.CategoricalDtype):
        categorical = series.array if isinstance(series, pd.Series) else pd.Categorical(series)
        categories = _encode_series(name, categorical.categories)
        return _core.encode_categorical(name, np.asarray(categorical.codes), categories)
    array = series.array
    if isinstance(array, _MASKED):
        return _core.encode_numbers(name, array._data, np.ascontiguousarray(array._mask))
    if isinstance(dtype, np.dtype) and dtype.kind in "biufOUS":
        return _encode_numpy(name, series.to_numpy(copy=False))
    if isinstance(dtype, pd.StringDtype):
        return _core.encode_objects(name, series.to_numpy(dtype=object))
    # Datetimes, periods, intervals, other extension types: str() of each value, as
    # pandas formats it for the whole column; NULLs from pandas' own isna().
    mask = np.ascontiguousarray(series.isna(), dtype=bool)
    return _core.encode_objects(name, series.astype(str).to_numpy(dtype=object), mask)


def _encode_value(name: str, values) -> _core.Column:
    """One column of a dict: a Series, Index, Categorical, numpy array or sequence."""
    if isinstance(values, (pd.Series, pd.Index)):
        return _encode_series(name, values)
    if isinstance(values, pd.api.extensions.ExtensionArray):
        return _encode_series(name, pd.Series(values, copy=False))
    if isinstance(values, np.ndarray):
        return _encode_numpy(name, values)
    if isinstance(values, (str, bytes, Mapping)) or not hasattr(values, "__len__"):
        raise TypeError(f"column '{name}' must be a sequence of values, got {type(values).__name__}")
    # A list keeps each value's Python type: [1, None, 3] stays ints and NULL (pandas
    # would turn it into floats 1.0, NaN, 3.0).
    return _core.encode_objects(name, np.fromiter(values, dtype=object, count=len(values)))


def _selected(names: list[str], options: Options) -> list[int]:
    """Positions of the selected columns, with the CLI's errors for unknown names."""
    chosen = _core.select_names(names, options.columns, options.exclude)
    position = {name: i for i, name in enumerate(names)}
    return [position[name] for name in chosen]


def frame_table(frame: pd.DataFrame, options: Options) -> _core.Table:
    names = [str(label) for label in frame.columns]
    columns = [_encode_series(names[i], frame.iloc[:, i]) for i in _selected(names, options)]
    return _core.Table(columns, len(frame))


def mapping_table(data: Mapping, options: Options) -> _core.Table:
    names = [str(key) for key in data]
    values = list(data.values())
    columns = [_encode_value(names[i], values[i]) for i in _selected(names, options)]
    rows = columns[0].rows if columns else (len(values[0]) if values else 0)
    return _core.Table(columns, rows)


def partition_table(frame: pd.DataFrame, names: list[str]) -> _core.Table:
    """A Dask partition whose columns are already the selected ones, named `names`."""
    columns = [_encode_series(name, frame.iloc[:, i]) for i, name in enumerate(names)]
    return _core.Table(columns, len(frame))
