"""tsum.diff(): what changed between two tables (the CLI's `tsum diff`, docs/diff.md).

    d = tsum.diff(old_df, new_df)            # pandas / Dask DataFrames, dicts, paths
    d = tsum.diff(df, by="shard")            # each value of a column against the rest
    d = tsum.diff(df, by="shard=eu")         # one value against the rest
    d.to_pandas(); d.to_json(); d           # (HTML in a notebook)

A Dask DataFrame is collected to the driver (compute()) and diffed locally: the answer
is the pandas one, but the distributed driver of tsum.summarize is not used.
"""

from __future__ import annotations

import dataclasses
import numbers
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

from . import _core
from ._api import _paths
from ._arrow import arrow_table, is_arrow
from ._options import make_options
from ._summary import IN_MEMORY_INPUT


class Diff:
    """The result of tsum.diff(): the CLI's diff, with its renderings.

    str(d) is the CLI's text; to_json(), to_markdown(), to_html() and to_csv() its other
    formats, byte for byte. to_pandas() has one row per reported pattern.
    """

    def __init__(self, core: _core.Diffs) -> None:
        self._core = core

    def __str__(self) -> str:
        """The CLI's text output of `tsum diff`."""
        return self._core.render_text()

    def __repr__(self) -> str:
        return self._core.render_text()

    def to_json(self) -> str:
        """The CLI's `tsum diff --format json` output."""
        return self._core.render_json()

    def to_markdown(self) -> str:
        """The CLI's `tsum diff --format markdown` output."""
        return self._core.render_markdown()

    def to_html(self) -> str:
        """The CLI's `tsum diff --format html` page."""
        return self._core.render_html()

    def to_csv(self) -> str:
        """The CLI's `tsum diff --format csv` output."""
        return self._core.render_csv()

    def _repr_html_(self) -> str:
        return self._core.render_html()

    def to_pandas(self) -> Any:
        """One row per reported pattern: by_value (the --by value, "" otherwise), rank,
        status (up, down, new, gone), pattern (dict column -> value), old_rows,
        old_share, new_rows, new_share (percent of each side's rows), change
        (percentage points), g (the G statistic), p_value (corrected)."""
        import pandas as pd

        names = ["by_value", "rank", "status", "pattern", "old_rows", "old_share", "new_rows", "new_share", "change", "g",
                 "p_value"]
        rows = [(by, rank, status, dict(items), *rest) for by, rank, status, items, *rest in self._core.patterns]
        return pd.DataFrame(rows, columns=names)


def _is_dask_frame(data) -> bool:
    dd = sys.modules.get("dask.dataframe")
    return dd is not None and isinstance(data, dd.DataFrame)


def _table(data, options, read_args) -> tuple:
    """(table, name) for one side: a path or list of paths (read by the CLI's readers),
    a pandas or Dask DataFrame, or a dict of columns. Every column is encoded: the
    engine selects columns itself, over both sides."""
    paths = _paths(data)
    if paths is not None:
        table = _core.read_tables(paths, *read_args)
        return table, " ".join("<stdin>" if p == "-" else _core.display_input_name(p) for p in paths)
    if read_args != (None, None, True, options.threads, None, None):
        raise TypeError("input_format, delimiter, header, query and max_memory apply to paths only")
    if _is_dask_frame(data):
        data = data.compute()
    import pandas as pd

    from ._pandas import frame_table, mapping_table

    every = dataclasses.replace(options, columns=[], exclude=[])
    if isinstance(data, pd.DataFrame):
        return frame_table(data, every), IN_MEMORY_INPUT
    if is_arrow(data) and not isinstance(data, pd.Series):  # pyarrow, polars, ...
        return arrow_table(data, every, IN_MEMORY_INPUT), IN_MEMORY_INPUT
    if isinstance(data, Mapping):
        return mapping_table(data, every), IN_MEMORY_INPUT
    raise TypeError(
        "data must be a pandas DataFrame, a Dask DataFrame, a dict of columns or a path, "
        f"got {type(data).__name__}"
    )


def diff(
    old: Any = None,
    new: Any = None,
    *,
    by: Optional[str] = None,
    cost: str = "paper",
    columns: Union[str, Sequence[str], None] = None,
    exclude: Union[str, Sequence[str], None] = None,
    threads: Optional[int] = None,
    limit: Optional[int] = None,
    alpha: float = 0.05,
    bins: Union[str, int, Mapping[Optional[str], Union[str, int]], None] = None,
    types: Optional[dict] = None,
    keep_id_columns: bool = False,
    input_format: Optional[str] = None,
    delimiter: Optional[str] = None,
    header: bool = True,
    query: Optional[str] = None,
    max_memory: Union[int, str, None] = None,
) -> Diff:
    """What changed between OLD and NEW, as the CLI's `tsum diff OLD NEW`.

    old, new: a pandas or Dask DataFrame, a dict of columns, or a path / list of paths
        (several paths are one side, as --old A --old B).
    by: instead of `new`, contrast each value of this column of `old` with the rest, or
        "COLUMN=VALUE" for one value (the CLI's --by).
    alpha: family-wise significance level (layered Bonferroni, docs/diff.md).
    The other keywords are the CLI's options of the same name (see tsum.summarize).

    Raises TypeError for arguments of the wrong type, ValueError (tsum.Error) with the
    CLI's messages for impossible values, unreadable inputs, no column in common and a
    --by column that does not exist or has one value.
    """
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real):
        raise TypeError(f"alpha must be a float, got {type(alpha).__name__}")
    if not 0 < alpha < 1:
        raise ValueError(f"--alpha must be between 0 and 1, got {alpha:g}")
    options = make_options(cost, columns, exclude, threads, limit, bins, types, keep_id_columns)
    if max_memory is not None and (isinstance(max_memory, bool) or not isinstance(max_memory, (int, str))):
        raise TypeError("max_memory must be a number of bytes or a size such as '4G' or 'none'")
    read_args = (input_format, delimiter, bool(header), options.threads, query,
                 None if max_memory is None else str(max_memory))
    common = (options.prepare, options.columns, options.exclude, options.threads, options.limit, float(alpha))
    if by is not None:
        if new is not None:
            raise TypeError("pass either new or by, not both")
        if not isinstance(by, str):
            raise TypeError(f"by must be a column name (str), got {type(by).__name__}")
        if not by or by.startswith("="):
            raise ValueError("--by needs a COLUMN (or COLUMN=VALUE)")
        column, eq, value = by.partition("=")
        table, _ = _table(old, options, read_args)
        return Diff(_core.diff_by(table, column, value if eq else None, *common))
    if old is None or new is None:
        raise TypeError("diff needs old and new (or old and by=)")
    old_table, old_name = _table(old, options, read_args)
    new_table, new_name = _table(new, options, read_args)
    if old_name == new_name == IN_MEMORY_INPUT:
        old_name, new_name = "<old DataFrame>", "<new DataFrame>"
    return Diff(_core.diff_tables(old_table, new_table, *common, old_name, new_name))
