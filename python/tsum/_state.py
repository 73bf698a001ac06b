"""tsum.State: a table's current rows in a state file, kept up to date by Debezium change
events (docs/state.md); the Python face of ``tsum state``."""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Optional, Union

from . import _core
from ._api import summarize as _summarize
from ._summary import Summary

PathLike = Union[str, "os.PathLike[str]"]


class State:
    """A state file. ``State(path)`` opens one; ``State.init(path, key=...)`` creates one.

    >>> state = tsum.State.init("person.tsum", key="id")
    >>> state.apply("events.jsonl")          # a JSON Lines file, a list of files,
    >>> state.apply([{"op": "c", "after": {...}}])   # or events: dicts or JSON strings
    >>> state.summarize(cost="tsum-js")      # tsum.summarize's keywords
    """

    def __init__(self, path: PathLike) -> None:
        self.path = os.fsdecode(path)

    @classmethod
    def init(
        cls,
        path: PathLike,
        key: Optional[str] = None,
        *,
        table: Optional[str] = None,
        from_: Optional[PathLike] = None,
        input_format: Optional[str] = None,
        delimiter: Optional[str] = None,
        no_header: bool = False,
        query: Optional[str] = None,
        max_memory: Union[int, str, None] = None,
    ) -> "State":
        """``tsum state init``: a new, empty state, or one holding the rows of ``from_``
        (any input tsum reads; needs ``key``). The read options are those of --from."""
        _core.state_init(
            os.fsdecode(path),
            key or "",
            table or "",
            None if from_ is None else os.fsdecode(from_),
            input_format,
            delimiter,
            not no_header,
            query,
            None if max_memory is None else str(max_memory),
        )
        return cls(path)

    def apply(self, events: Union[PathLike, bytes, Iterable[Any]], *, skip_bad: int = 0) -> dict:
        """``tsum state apply``: applies a batch of events, all or nothing. ``events`` is
        a path, a list of paths, JSON Lines as bytes, or an iterable of events (dicts,
        JSON strings, None for a tombstone). Returns what was done (the counts the CLI
        prints). Raises tsum.Error naming the line of a bad event."""
        if skip_bad < 0:
            raise ValueError(f"skip_bad must be 0 or more, got {skip_bad}")
        if isinstance(events, (str, os.PathLike)):
            return _core.state_apply(self.path, [os.fsdecode(events)], skip_bad)
        if isinstance(events, bytes):
            return _core.state_apply_text(self.path, events, "<events>", skip_bad)
        items = list(events)
        if items and all(isinstance(e, os.PathLike) for e in items):
            return _core.state_apply(self.path, [os.fsdecode(e) for e in items], skip_bad)
        lines = []
        for event in items:
            if event is None or isinstance(event, Mapping):
                lines.append(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
            elif isinstance(event, str):
                lines.append(event.rstrip("\r\n"))
            else:
                raise TypeError(f"an event must be a dict, a JSON string or None, got {event.__class__.__name__}")
        text = ("\n".join(lines) + "\n").encode("utf-8")
        return _core.state_apply_text(self.path, text, "<events>", skip_bad)

    def info(self) -> dict:
        """``tsum state info``: rows, columns, types, key, table, last source position."""
        return _core.state_info(self.path)

    @property
    def rows(self) -> int:
        """The number of rows in the state now."""
        return self.info()["rows"]

    def summarize(self, **keywords: Any) -> Summary:
        """The summary of the state's current rows: tsum.summarize(path, **keywords)."""
        return _summarize(self.path, **keywords)

    def __repr__(self) -> str:
        return f"tsum.State({self.path!r})"
