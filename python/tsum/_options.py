"""Validation of summarize()'s keyword arguments.

Type problems raise TypeError; impossible values raise ValueError, with the CLI's
message where the CLI has one (the cost model is checked by the engine itself).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Optional

from . import _core


@dataclass(frozen=True)
class Options:
    cost: str                 # canonical cost model name
    columns: list[str]        # empty: every column
    exclude: list[str]
    threads: int              # 0: all hardware threads (local) / 1 per task (Dask)
    limit: Optional[int]


def _names(value, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a column name or a list of names, got {type(value).__name__}")
    names = list(value)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{what} must hold column names as str, got {type(name).__name__} {name!r}")
    return names


def _count(value, what: str, minimum: int) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    if value < minimum:
        kind = "a positive" if minimum == 1 else "a non-negative"
        raise ValueError(f"{what} must be {kind} integer, got {value}")
    return int(value)


def make_options(cost, columns, exclude, threads, limit) -> Options:
    if not isinstance(cost, str):
        raise TypeError(f"cost must be a str (paper, tsum-dask or tsum-js), got {type(cost).__name__}")
    return Options(
        cost=_core.parse_cost_model(cost),
        columns=_names(columns, "columns"),
        exclude=_names(exclude, "exclude"),
        threads=_count(threads, "threads", 1) or 0,
        limit=_count(limit, "limit", 0),
    )
