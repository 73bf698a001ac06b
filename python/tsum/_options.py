"""Validation of summarize()'s keyword arguments.

Type problems raise TypeError; impossible values raise ValueError, with the CLI's
message where the CLI has one (the cost model, --bins and --type values are parsed by
the engine's own parsers, the CLI's).
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Mapping
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Optional

from . import _core


@dataclass(frozen=True)
class Options:
    cost: str                 # canonical cost model name
    search: str               # greedy, beam or bottom-up
    beam: int                 # beam width (search == "beam")
    columns: list[str]        # empty: every column
    exclude: list[str]
    threads: int              # 0: all hardware threads (local) / 1 per task (Dask)
    limit: Optional[int]
    prepare: _core.PrepareOptions  # bins, types, keep_id_columns (paper model only)
    where: Optional[str] = None    # --where: only the rows matching this condition


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


def _bin_text(value, what: str) -> str:
    """A bins setting as the CLI writes it: "none", "auto" or a count."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be \"none\", \"auto\" or an int, got {type(value).__name__}")
    return str(int(value))


def _bins(value) -> tuple[str, list]:
    """bins= -> (setting for every column, [(column, setting)]): "none", "auto", N, or
    a dict column -> setting (other columns "auto"; key None sets every column's)."""
    if value is None:
        return "auto", []
    if not isinstance(value, Mapping):
        return _bin_text(value, "bins"), []
    every, per_column = "auto", []
    for column, setting in value.items():
        if column is None:
            every = _bin_text(setting, "bins[None]")
        elif not isinstance(column, str):
            raise TypeError(f"bins must map column names (str) to settings, got {type(column).__name__} {column!r}")
        else:
            per_column.append((column, _bin_text(setting, f"bins[{column!r}]")))
    return every, per_column


def _types(value) -> list:
    if value is None:
        return []
    if not isinstance(value, Mapping):
        raise TypeError(f"types must be a dict of column -> type name, got {type(value).__name__}")
    out = []
    for column, kind in value.items():
        if not isinstance(column, str) or not isinstance(kind, str):
            raise TypeError(f"types must map column names (str) to type names (str), got {column!r}: {kind!r}")
        out.append((column, kind))
    return out


# The CLI's note when preprocessing options are given under a compatibility model.
_NOTE = ("--bins, --type and --keep-id-columns apply only under --cost paper; {} summarizes the values as read")


def make_options(cost, columns, exclude, threads, limit, bins=None, types=None, keep_id_columns=False,
                 search="greedy", beam=3, where=None) -> Options:
    if not isinstance(cost, str):
        raise TypeError(f"cost must be a str (paper, tsum-dask, tsum-js or entropy), got {type(cost).__name__}")
    if not isinstance(search, str):
        raise TypeError(f"search must be a str (greedy, beam or bottom-up), got {type(search).__name__}")
    search = _core.parse_search(search)
    beam = _count(beam, "beam", 1)
    if beam > 64:
        raise ValueError(f"--beam must be between 1 and 64, got {beam}")
    if not isinstance(keep_id_columns, bool):
        raise TypeError(f"keep_id_columns must be a bool, got {type(keep_id_columns).__name__}")
    if where is not None and not isinstance(where, str):
        raise TypeError(f"where must be a str (a condition such as \"age >= 30 AND city = 'Oslo'\"), got {type(where).__name__}")
    cost = _core.parse_cost_model(cost)
    threads = _count(threads, "threads", 1) or 0
    every, per_column = _bins(bins)
    excluded = _names(exclude, "exclude")
    prepare = _core.PrepareOptions(cost, every, per_column, _types(types), keep_id_columns, threads, excluded)
    if cost not in ("paper", "entropy") and prepare.customized:
        warnings.warn(_NOTE.format(cost), UserWarning, stacklevel=3)
    return Options(
        cost=cost,
        search=search,
        beam=beam,
        columns=_names(columns, "columns"),
        exclude=excluded,
        threads=threads,
        limit=_count(limit, "limit", 0),
        prepare=prepare,
        where=where,
    )
