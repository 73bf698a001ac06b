"""Drill-down into one pattern: tsum.Summary.explain(n) (the CLI's `tsum explain N`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class ValueShare:
    """A value among a pattern's rows: how many hold it, their share (percent), and its
    share of the whole table (percent). value is None for NULL."""

    value: Optional[str]
    rows: int
    share: float
    table_share: float


@dataclass(frozen=True)
class Explanation:
    """Pattern `rank` of a summary, explained.

    where: a condition (the language of summarize(where=...), docs/drilldown.md) that
        selects exactly the pattern's rows from the data as read: bins become ranges.
    rows: rows matching the pattern; new_rows: of those, rows no higher-ranked pattern
        matches; table_rows: rows of the table.
    sample: the first matching rows, as {column: value} dicts (None for NULL), keyed by
        their 1-based row number.
    context: for every summarized column the pattern does not name, its most frequent
        values among the pattern's rows, against their share of the whole table.
    """

    rank: int
    pattern: dict[str, str]
    saving: float
    where: str
    rows: int
    new_rows: int
    table_rows: int
    sample: dict[int, dict[str, Optional[str]]]
    context: dict[str, list[ValueShare]]
    _json: str = field(repr=False, compare=False, default="")
    _text: str = field(repr=False, compare=False, default="")
    _markdown: str = field(repr=False, compare=False, default="")

    @classmethod
    def _from_renderings(cls, renderings: tuple[str, str, str]) -> "Explanation":
        json_text, text, markdown = renderings
        doc: dict[str, Any] = json.loads(json_text)
        columns = doc["columns"]
        return cls(
            rank=doc["rank"],
            pattern=doc["pattern"],
            saving=doc["saving"],
            where=doc["where"],
            rows=doc["rows"],
            new_rows=doc["new_rows"],
            table_rows=doc["table_rows"],
            sample={s["row"]: dict(zip(columns, s["values"])) for s in doc["sample_rows"]},
            context={c["column"]: [ValueShare(**v) for v in c["top"]] for c in doc["context"]},
            _json=json_text,
            _text=text,
            _markdown=markdown,
        )

    def __str__(self) -> str:
        """The CLI's text output of `tsum explain N`."""
        return self._text

    def to_json(self) -> str:
        """The CLI's `tsum explain N --format json`, byte for byte."""
        return self._json

    def to_markdown(self) -> str:
        """The CLI's `tsum explain N --format markdown`."""
        return self._markdown
