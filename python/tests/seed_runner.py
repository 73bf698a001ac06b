"""Runs the seed library (PyPI's tsum 0.1.0) on tables given as JSON, for
test_seed_side_by_side.py. It is run by the seed's own interpreter (its virtual
environment, with nothing of ours on sys.path), never imported by pytest.

stdin: a JSON list of jobs {"name", "columns", "rows" (lists of cells: str, int, float
or null), "copies"}; each table is built as the seed's own benchmark builds it,
pd.DataFrame.from_records(rows * copies) and dd.from_pandas(df, npartitions=4), and
summarized with the seed's summarize(ddf=...).
stdout: a JSON object name -> list of {"pattern": {column: value}, "saving", "coverage"},
in the iteration order of the set the seed returns (which means nothing), with numpy
scalars turned into Python numbers.
"""

from __future__ import annotations

import json
import sys
from importlib import metadata


def plain(value):
    """A JSON-able Python value for a cell value the seed returns (numpy scalars too)."""
    return value.item() if hasattr(value, "item") else value


def main() -> None:
    import dask
    import dask.dataframe as dd
    import pandas as pd
    import tsum

    # The seed's own library, not ours: both are imported as `tsum`.
    if metadata.version("tsum") != "0.1.0" or not hasattr(tsum, "local_expansion"):
        sys.exit(f"seed_runner: imported the wrong tsum ({tsum.__file__})")
    # Results do not depend on the scheduler (every step is a len() or unique() of a
    # filtered frame); the synchronous one saves starting a cluster.
    dask.config.set(scheduler="synchronous")

    out = {}
    for job in json.load(sys.stdin):
        frame = pd.DataFrame.from_records(job["rows"] * job["copies"], columns=job["columns"])
        patterns = tsum.summarize(ddf=dd.from_pandas(frame, npartitions=4))
        out[job["name"]] = [
            {
                "pattern": {column: plain(value) for column, value in p.pattern.items()},
                "saving": plain(p.saving),
                "coverage": plain(p.coverage),
            }
            for p in patterns
        ]
    versions = {name: metadata.version(name) for name in ("tsum", "dask", "pandas", "numpy")}
    json.dump({"versions": versions, "python": sys.version.split()[0], "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
