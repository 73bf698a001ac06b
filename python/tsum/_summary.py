"""Summary and Pattern: the result of tsum.summarize().

A Summary is a sequence of Patterns in rank order (the shape of the seed's Dask
library, whose users get `summary[0].pattern`, `.saving`, `.coverage` as before), plus
the totals and the CLI's renderings: str() is the CLI's text, to_json() its JSON.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union

from . import _core

#: How reports name in-memory data (pandas, Dask, dicts), in place of a path.
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
    """

    pattern: dict
    saving: Union[int, float]
    rows: int
    coverage: float
    cumulative_coverage: float


class Summary(Sequence):
    """The ranked patterns of a table (a read-only sequence of Pattern)."""

    def __init__(self, core: _core.Summary, input_name: str, dask_stats=None, spark_stats=None):
        self._core = core
        self._input = input_name
        integral = core.cost_model == "tsum-dask"
        self._patterns = tuple(
            Pattern(
                pattern=dict(items),
                saving=int(saving) if integral else saving,
                rows=rows,
                coverage=coverage,
                cumulative_coverage=cumulative,
            )
            for items, saving, rows, coverage, cumulative in core.patterns
        )
        #: For a Dask DataFrame, what the distributed run did (tsum.DaskStats), else None.
        self.dask_stats = dask_stats
        #: For a Spark DataFrame (tsum.spark.summarize), the same record of its rounds.
        self.spark_stats = spark_stats

    # Sequence
    def __getitem__(self, index):
        return self._patterns[index]

    def __len__(self) -> int:
        return len(self._patterns)

    # Totals
    @property
    def input(self) -> str:
        """The input's name in reports: the path, or "<DataFrame>" for in-memory data."""
        return self._input

    @property
    def rows(self) -> int:
        return self._core.rows

    @property
    def columns(self) -> list:
        """The columns summarized, in table order."""
        return list(self._core.columns)

    @property
    def cost_model(self) -> str:
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

    # Renderings
    def __str__(self) -> str:
        return _core.render_text(self._core, self._input)

    def to_json(self) -> str:
        """The CLI's `--format json` output, byte for byte (input name as in .input)."""
        return _core.render_json(self._core, self._input)

    def to_markdown(self) -> str:
        """The CLI's `--format markdown` output."""
        return _core.render_markdown(self._core, self._input)

    def to_pandas(self):
        """One row per pattern, indexed by rank (1 = best): pattern (dict), saving, rows,
        coverage, cumulative_coverage."""
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

    def to_html(self) -> str:
        """The CLI's `--format html` page (one self-contained file), without the
        generation time and the elapsed time, so it depends on the summary alone."""
        return _core.render_html(self._core, self._input)

    def to_csv(self) -> str:
        """The CLI's `--format csv` output (RFC 4180, CRLF line ends)."""
        return _core.render_csv(self._core, self._input)

    def _repr_html_(self) -> str:
        """For Jupyter: the HTML report's pattern table, under a one-line heading, with
        the report's own styles scoped to this output (they never restyle the notebook)."""
        return _notebook_html(self.to_html(), self)

    def __repr__(self) -> str:
        return (
            f"<tsum.Summary of {self._input}: {self.rows} rows x {len(self.columns)} columns, "
            f"cost model {self.cost_model}, {len(self)} of {self.total_patterns} patterns>"
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
