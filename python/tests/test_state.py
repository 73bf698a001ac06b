"""tsum.State: the Python face of `tsum state` (docs/state.md). Its summaries equal those
of the same rows as a CSV snapshot, and its batches are all or nothing."""

from __future__ import annotations

import json

import pytest

import tsum


def person_event(op, before, after, lsn):
    return {"op": op, "before": before, "after": after,
            "source": {"schema": "public", "table": "person", "lsn": lsn}}


def rows_csv(rows):
    lines = ["id,name,city"]
    for r in sorted(rows.values(), key=lambda r: r["id"]):
        lines.append(f'{r["id"]},{r["name"]},{r["city"] or ""}')
    return "\n".join(lines) + "\n"


def workload():
    """Events and the table they leave, generated together."""
    rows, events, lsn = {}, [], 100
    cities = ["Lyon", "Oslo", None, "Porto"]
    for i in range(1, 301):
        lsn += 1
        row = {"id": i, "name": ["Ann", "Bob", "Cy"][i % 3], "city": cities[i % 4]}
        rows[i] = row
        events.append(person_event("c", None, row, lsn))
    for i in range(1, 301, 7):
        lsn += 1
        new = dict(rows[i], city="Kyiv")
        events.append(person_event("u", rows[i], new, lsn))
        rows[i] = new
    for i in range(2, 301, 5):
        lsn += 1
        events.append(person_event("d", rows.pop(i), None, lsn))
        events.append(None)  # tombstone
    return events, rows


def test_state_summarizes_as_the_snapshot(tmp_path):
    events, rows = workload()
    state = tsum.State.init(tmp_path / "p.tsum", key="id")
    counts = state.apply(events)
    assert counts["inserted"] == 300 and counts["deleted"] == len(range(2, 301, 5))
    assert counts["tombstones"] == len(range(2, 301, 5)) and counts["rows"] == len(rows)
    csv = tmp_path / "snap.csv"
    csv.write_text(rows_csv(rows))
    for cost in ("paper", "tsum-dask", "tsum-js"):
        mine = json.loads(state.summarize(cost=cost).to_json())
        theirs = json.loads(tsum.summarize(str(csv), cost=cost).to_json())
        mine.pop("input"), theirs.pop("input")
        assert mine == theirs
    assert state.rows == len(rows)
    info = state.info()
    assert info["key"] == "id" and info["table"] == "public.person" and info["columns"] == ["id", "name", "city"]


def test_reapplied_file_changes_nothing(tmp_path):
    events, rows = workload()
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in events))
    state = tsum.State.init(tmp_path / "p.tsum", key="id")
    state.apply(path)
    before = (tmp_path / "p.tsum").read_bytes()
    again = state.apply([path])
    assert again["already_applied"] == len(events) - again["tombstones"] - 1
    assert state.rows == len(rows)
    # Only the lifetime event counter may differ: summaries are equal.
    assert state.summarize().to_json() == tsum.State(tmp_path / "p.tsum").summarize().to_json()
    assert len(before) == len((tmp_path / "p.tsum").read_bytes())


def test_bad_event_leaves_state_unchanged(tmp_path):
    state = tsum.State.init(tmp_path / "p.tsum", key="id")
    state.apply([{"op": "c", "after": {"id": 1, "n": "a"}}])
    before = (tmp_path / "p.tsum").read_bytes()
    with pytest.raises(tsum.Error, match=r"^<events>:2: column mismatch: 'after' has column 'm', which the state does not have$"):
        state.apply([{"op": "c", "after": {"id": 2, "n": "b"}}, {"op": "c", "after": {"id": 3, "n": "c", "m": 1}}])
    assert (tmp_path / "p.tsum").read_bytes() == before
    counts = state.apply(['{"op":"c","after":{"id":2,"n":"b"}}', "{broken"], skip_bad=1)
    assert counts["bad_skipped"] == 1 and counts["rows"] == 2


def test_init_from_snapshot(tmp_path):
    csv = tmp_path / "snap.csv"
    csv.write_text("id,name\n2,b\n1,a\n")
    state = tsum.State.init(tmp_path / "p.tsum", key="id", from_=csv)
    assert state.rows == 2
    with pytest.raises(tsum.Error, match="exists already"):
        tsum.State.init(tmp_path / "p.tsum", key="id")
