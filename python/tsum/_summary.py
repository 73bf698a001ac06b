"""Summary and Pattern: the result of tsum.summarize().

A Summary is a sequence of Patterns in rank order (the shape of the seed's Dask
library, whose users get `summary[0].pattern`, `.saving`, `.coverage` as before), plus
the totals, the CLI's renderings (str() is the CLI's text, to_json() its JSON) and
tables of the patterns for pandas, polars and pyarrow. A Pattern finds the rows it
covers in the data it was found in (mask(), rows_of()), for drill-down.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional, Union, overload

from . import _core

if TYPE_CHECKING:
    from ._explain import Explanation
    import numpy as np

    from ._dask_stats import DaskStats
    from ._options import Options

#: How reports name in-memory data (pandas, polars, Arrow, Dask, dicts), in place of a path.
IN_MEMORY_INPUT = "<DataFrame>"


@dataclass(frozen=True)
class Pattern:
    """One ranked pattern.

    pattern: column -> value (values are text, as the engine compares them), in table
        column order.
    saving: bits saved on the rows the patterns ranked above left over; an int under
        the tsum-dask cost model, else a float.
    rows: rows of the whole table matching the pattern.
    coverage: 100 * rows / table rows.
    cumulative_coverage: 100 * rows covered by this and every higher-ranked pattern /
        table rows.
    rank: 1 for the best pattern.
    """

    pattern: dict[str, str]
    saving: Union[int, float]
    rows: int
    coverage: float
    cumulative_coverage: float
    rank: int = 0
    _options: Optional["Options"] = field(default=None, repr=False, compare=False)

    def mask(self, data: Any) -> "np.ndarray":
        """A numpy bool array, one entry per row of `data`: True where the row matches
        the pattern.

        `data` is the table the summary was made from, in any form summarize() takes
        (pandas, polars, pyarrow, a dict of columns, a path), possibly in another form
        than the one summarized. Rows are matched as the summary counted them: the data
        is encoded and prepared again with the summary's options, so a value is its text
        and a bin label (paper model) matches every value of its bin. The number of True
        entries is `self.rows` when `data` is the summarized table.
        """
        from ._api import prepared_table
        from ._options import make_options

        options = self._options or make_options("paper", None, None, None, None, bins="none", keep_id_columns=True)
        table = prepared_table(data, options)
        return _core.pattern_mask(table, list(self.pattern.items()))

    def rows_of(self, data: Any) -> Any:
        """The rows of `data` the pattern covers, as the same kind of table: a pandas
        DataFrame (index kept), a polars DataFrame, a pyarrow Table or RecordBatch.
        See mask() for how rows are matched."""
        mask = self.mask(data)
        pandas = _module("pandas")
        if pandas is not None and isinstance(data, pandas.DataFrame):
            return data.loc[mask]
        polars = _module("polars")
        if polars is not None and isinstance(data, polars.DataFrame):
            return data.filter(polars.Series(mask))
        pyarrow = _module("pyarrow")
        if pyarrow is not None and isinstance(data, (pyarrow.Table, pyarrow.RecordBatch)):
            return data.filter(pyarrow.array(mask))
        raise TypeError(
            "rows_of() returns rows of a pandas or polars DataFrame or a pyarrow Table or RecordBatch, "
            f"got {type(data).__name__} (mask() works for every input summarize() takes)"
        )

    def __str__(self) -> str:
        """The pattern as the reports write it: "gender = M, age = adult"."""
        items = ", ".join(f"{column} = {value}" for column, value in self.pattern.items())
        return items or "(empty pattern)"

    def __repr__(self) -> str:
        saving = f"{self.saving}" if isinstance(self.saving, int) else f"{self.saving:.1f}"
        return (f"<tsum.Pattern #{self.rank}: {self}; {self.rows:,} rows ({self.coverage:.1f} %), "
                f"saving {saving} bits>")


def _module(name: str):
    import sys

    return sys.modules.get(name)


class Summary(Sequence):
    """The ranked patterns of a table (a read-only sequence of Pattern), its totals and
    its renderings."""

    def __init__(self, core: _core.Summary, input_name: str, dask_stats: Optional["DaskStats"] = None,
                 spark_stats: Optional["DaskStats"] = None, options: Optional["Options"] = None,
                 source: Optional[tuple] = None) -> None:
        self._core = core
        self._options = options
        self._source = source  # (paths, read options) when summarized from paths, for explain()
        self._input = input_name
        integral = core.cost_model == "tsum-dask"
        self._patterns = tuple(
            Pattern(
                pattern=dict(items),
                saving=int(saving) if integral else saving,
                rows=rows,
                coverage=coverage,
                cumulative_coverage=cumulative,
                rank=rank,
                _options=options,
            )
            for rank, (items, saving, rows, coverage, cumulative) in enumerate(core.patterns, start=1)
        )
        #: For a Dask DataFrame, what the distributed run did (tsum.DaskStats), else None.
        self.dask_stats = dask_stats
        #: For a Spark DataFrame (tsum.spark.summarize), the same record of its rounds.
        self.spark_stats = spark_stats

    # Sequence
    @overload
    def __getitem__(self, index: int) -> Pattern: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Pattern, ...]: ...
    def __getitem__(self, index: Union[int, slice]) -> Union[Pattern, tuple[Pattern, ...]]:
        """The pattern of rank index + 1 (or a tuple of them, for a slice)."""
        return self._patterns[index]

    def __len__(self) -> int:
        """Patterns reported (at most `limit`)."""
        return len(self._patterns)

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self._patterns)

    # Totals
    @property
    def input(self) -> str:
        """The input's name in reports: the path, or "<DataFrame>" for in-memory data."""
        return self._input

    @property
    def rows(self) -> int:
        """Rows of the table."""
        return self._core.rows

    @property
    def columns(self) -> list[str]:
        """The columns summarized, in table order."""
        return list(self._core.columns)

    @property
    def cost_model(self) -> str:
        """"paper", "tsum-dask" or "tsum-js"."""
        return self._core.cost_model

    @property
    def search(self) -> str:
        """The search that generated the patterns: greedy, beam or bottom-up."""
        return self._core.search

    @property
    def saving_ratio(self) -> float:
        """total_saving / table_bits (0 for a table of no bits), as the JSON's totals.saving_ratio."""
        bits = self._core.table_bits
        return self._core.total_saving / bits if bits > 0 else 0.0

    @property
    def total_patterns(self) -> int:
        """Patterns found, before `limit` was applied."""
        return self._core.total_patterns

    @property
    def total_saving(self) -> Union[int, float]:
        """Sum of the savings of all patterns (before `limit`)."""
        total = self._core.total_saving
        return int(total) if self.cost_model == "tsum-dask" else total

    @property
    def table_bits(self) -> float:
        """Bits of the whole table under the cost model (sum over non-NULL cells; under
        entropy, NULL cells too)."""
        return self._core.table_bits

    @property
    def covered_rows(self) -> int:
        """Rows matching at least one pattern (before `limit`)."""
        return self._core.covered_rows

    # Drill-down
    def explain(self, n: int, data: Any = None) -> "Explanation":
        """Pattern `n` (1 = the best) explained, as `tsum explain N`: a condition that
        selects exactly its rows (for summarize(where=...)), its first rows, and what else
        those rows hold compared with the whole table (tsum.Explanation).

        `data` is the table the summary was made from (any form summarize() takes); it
        may be left out when the summary was made from paths, which are read again.
        """
        from ._api import explained
        from ._explain import Explanation
        from ._options import make_options

        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int (a pattern's rank), got {type(n).__name__}")
        if n < 1:
            raise ValueError(f"--explain takes a pattern's rank, 1 or more, got {n}")
        options = self._options or make_options(self.cost_model, None, None, None, None, bins="none",
                                                keep_id_columns=True)
        return Explanation._from_renderings(explained(self, n, data, options, self._source))

    # Renderings
    def __str__(self) -> str:
        """The CLI's text output."""
        return _core.render_text(self._core, self._input, getattr(self, "_width", 0))

    def to_json(self) -> str:
        """The CLI's `--format json` output, byte for byte (input name as in .input)."""
        threads = self._options.threads if self._options is not None else 0
        return _core.render_json(self._core, self._input, threads)

    def to_markdown(self) -> str:
        """The CLI's `--format markdown` output."""
        return _core.render_markdown(self._core, self._input)

    def to_html(self) -> str:
        """The CLI's `--format html` page (one self-contained file), without the
        generation time and the elapsed time, so it depends on the summary alone."""
        return _core.render_html(self._core, self._input)

    def to_csv(self) -> str:
        """The CLI's `--format csv` output (RFC 4180, CRLF line ends)."""
        return _core.render_csv(self._core, self._input)

    # Tables of the patterns
    def to_pandas(self) -> Any:
        """A pandas DataFrame, one row per pattern, indexed by rank (1 = best): pattern
        (dict column -> value), saving, rows, coverage, cumulative_coverage."""
        import pandas as pd

        frame = pd.DataFrame(
            {
                "pattern": [p.pattern for p in self._patterns],
                "saving": [p.saving for p in self._patterns],
                "rows": [p.rows for p in self._patterns],
                "coverage": [p.coverage for p in self._patterns],
                "cumulative_coverage": [p.cumulative_coverage for p in self._patterns],
            },
            index=pd.RangeIndex(1, len(self._patterns) + 1, name="rank"),
        )
        return frame

    def to_arrow(self) -> Any:
        """A pyarrow Table, one row per pattern in rank order: rank, pattern (a map
        column -> value, in table column order), saving (int64 under tsum-dask, else
        double), rows, coverage, cumulative_coverage."""
        import pyarrow as pa

        integral = self.cost_model == "tsum-dask"
        return pa.table(
            {
                "rank": pa.array([p.rank for p in self._patterns], pa.int64()),
                "pattern": pa.array([list(p.pattern.items()) for p in self._patterns], pa.map_(pa.string(), pa.string())),
                "saving": pa.array([p.saving for p in self._patterns], pa.int64() if integral else pa.float64()),
                "rows": pa.array([p.rows for p in self._patterns], pa.int64()),
                "coverage": pa.array([p.coverage for p in self._patterns], pa.float64()),
                "cumulative_coverage": pa.array([p.cumulative_coverage for p in self._patterns], pa.float64()),
            }
        )

    def to_polars(self) -> Any:
        """A polars DataFrame of to_arrow()'s columns (pattern: a map column -> value)."""
        import polars as pl

        return pl.from_arrow(self.to_arrow())

    def _repr_html_(self) -> str:
        """For Jupyter: the HTML report's pattern table, under a one-line heading, with
        the report's own styles scoped to this output (they never restyle the notebook)."""
        return _notebook_html(self.to_html(), self)

    def __repr__(self) -> str:
        top = f"; top: {self._patterns[0]}" if self._patterns else ""
        return (
            f"<tsum.Summary of {self._input}: {self.rows:,} rows x {len(self.columns)} columns, "
            f"cost model {self.cost_model}, {len(self)} of {self.total_patterns} patterns{top}>"
        )


# --- Jupyter rendering -------------------------------------------------------------------

_SCOPE = "tsum-summary"
_TABLE_START = '<div class="table-wrap"><table class="patterns">'
_TABLE_END = "</table></div>"
# The report's rules the pattern table uses (matched on each selector's first word).
_TABLE_SELECTORS = re.compile(r"^(:root|\.table-wrap|table|th|td|tbody|\.item|\.v\.e|\.cov|\.meter|\.note)\b")


def _css_rules(css: str):
    """Top-level (prelude, body) pairs of a style sheet; @media bodies hold rules."""
    rules, depth, start, prelude = [], 0, 0, ""
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                rules.append((prelude, css[start:i]))
                start = i + 1
    return rules


def _scoped(css: str) -> str:
    out = []
    for prelude, body in _css_rules(css):
        if prelude.startswith("@media"):
            inner = _scoped(body)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [sel.strip() for sel in prelude.split(",")]
        kept = [sel for sel in selectors if _TABLE_SELECTORS.match(sel)]
        if not kept:
            continue
        scoped = [f".{_SCOPE}" if sel == ":root" else f".{_SCOPE} {sel}" for sel in kept]
        out.append(f"{','.join(scoped)}{{{body}}}")
    return "".join(out)


def _notebook_html(page: str, summary: "Summary") -> str:
    esc = html.escape
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    css = _scoped(style.group(1)) if style else ""
    head = (
        f"<p><b>{esc(summary.input)}</b>: {summary.rows:,} rows &times; {len(summary.columns)} columns, "
        f"cost model {esc(summary.cost_model)}, {summary.total_patterns:,} pattern"
        f"{'' if summary.total_patterns == 1 else 's'}</p>"
    )
    start = page.find(_TABLE_START)
    if start < 0:
        body = "<p class=\"note\">No pattern saves any bits.</p>"
    else:
        end = page.index(_TABLE_END, start) + len(_TABLE_END)
        body = page[start:end]
        shown = re.search(r'<p class="note">Showing the top [^<]*</p>', page[end:])
        if shown:
            body += shown.group(0)
    return f'<div class="{_SCOPE}"><style>{css}</style>{head}{body}</div>'
