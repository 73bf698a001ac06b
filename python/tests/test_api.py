"""The public Python API: a keyword for every CLI option, output files, --stats, tables
of the patterns, drill-down (Pattern.mask / rows_of), reprs, docstrings, type hints."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import tsum
from conftest import REPO, patients_frame, read_vega, vega_data_dir
from test_cli_parity import cli_output, run_cli, without_timing

PATIENTS_CSV = REPO / "examples" / "patients.csv"


def cli_options() -> list[str]:
    """Every long option `tsum --help` lists, as a Python name (--no-header -> no_header)."""
    result = run_cli("--help")
    assert result.returncode == 0
    names = re.findall(r"^\s+(?:-\w,)?--([a-z][a-z-]*)", result.stdout.decode(), re.M)
    return [n.replace("-", "_") for n in names if n not in ("help", "version")]


# CLI options whose Python form is a method, not a keyword of summarize().
METHODS = {"explain": tsum.Summary.explain}


def test_every_cli_option_has_a_keyword_of_the_same_name():
    options = cli_options()
    assert len(options) >= 17, options  # the parse found the option table
    parameters = inspect.signature(tsum.summarize).parameters
    assert [o for o in options if o not in parameters and o not in METHODS] == []
    assert all(o in options for o in METHODS)


def test_long_summary_json_is_the_same_on_one_and_two_threads(tmp_path):
    # 20,000 patterns of two rows each: past the length (2^14) from which to_json()
    # formats patterns in blocks on the summary's threads.
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("a,b,c,d\n" + "".join(f"k{i // 2},m{i // 2},n{i // 2},o{i // 2}\n" for i in range(40000)))
    one = tsum.summarize(pairs, bins="none", keep_id_columns=True, threads=1)
    assert len(one) == 20000
    json = one.to_json()
    assert tsum.summarize(pairs, bins="none", keep_id_columns=True, threads=2).to_json() == json
    assert json == cli_output(pairs, "--format", "json", "--bins", "none", "--keep-id-columns", "--threads", "1")


@pytest.mark.parametrize("form", ["json", "text", "markdown", "csv", "html"])
def test_output_file_equals_the_cli_output_file(tmp_path, form):
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    tsum.summarize(PATIENTS_CSV, cost="tsum-js", format=form, output=ours)
    result = run_cli("--cost", "tsum-js", "--format", form, "-o", str(theirs), str(PATIENTS_CSV))
    assert result.returncode == 0, result.stderr
    expected = theirs.read_bytes().decode()
    if form == "html":
        expected = without_timing(expected)
    assert ours.read_bytes().decode() == expected


def test_failed_call_leaves_no_output_file(tmp_path):
    target = tmp_path / "summary.json"
    with pytest.raises(tsum.Error):
        tsum.summarize(patients_frame(), columns=["nope"], format="json", output=target)
    assert not target.exists()
    target.write_text("before")
    schema = pa.schema([("s", pa.string())])

    def failing():
        yield pa.record_batch([pa.array(["a"])], schema=schema)
        raise OSError("disk gone")

    with pytest.raises(tsum.Error, match="disk gone"):
        tsum.summarize(pa.RecordBatchReader.from_batches(schema, failing()), format="json", output=target)
    assert target.read_text() == "before"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_format_needs_output_and_a_known_value(tmp_path):
    with pytest.raises(TypeError, match="format applies with output="):
        tsum.summarize(patients_frame(), format="json")
    with pytest.raises(ValueError, match="format must be one of text, json, markdown, html, csv, got 'xml'"):
        tsum.summarize(patients_frame(), format="xml", output=tmp_path / "x")


def test_stats_prints_the_cli_line(capsys):
    tsum.summarize(patients_frame(), stats=True)
    err = capsys.readouterr().err
    pattern = (r"tsum stats: read\+encode \d+\.\d{3} s, prepare \d+\.\d{3} s, expand \d+\.\d{3} s, "
               r"marshal \d+\.\d{3} s, render \d+\.\d{3} s, total \d+\.\d{3} s; 10 rows x 3 columns, 2 patterns, "
               r"peak RSS \d+ MiB; evaluations: expand \d+, marshal \d+\n")
    assert re.fullmatch(pattern, err), err
    # The CLI prints the same line.
    result = run_cli("--stats", str(PATIENTS_CSV))
    assert re.fullmatch(pattern, result.stderr.decode()), result.stderr


def test_type_no_header_and_quiet_keywords_match_the_cli():
    path = vega_data_dir() / "seattle-weather.csv"
    ours = tsum.summarize(path, type={"precipitation": "string"}, quiet=True, format=None)
    assert ours.to_json() == tsum.summarize(path, types={"precipitation": "string"}).to_json()
    assert ours.to_json() == cli_output(path, "--format", "json", "--type", "precipitation=string")
    with pytest.raises(TypeError, match="not both"):
        tsum.summarize(path, type={"a": "string"}, types={"a": "string"})
    no_header = tsum.summarize(PATIENTS_CSV, no_header=True, cost="tsum-dask")
    assert no_header.to_json() == cli_output(PATIENTS_CSV, "--format", "json", "--no-header", "--cost", "tsum-dask")
    assert no_header.to_json() == tsum.summarize(PATIENTS_CSV, header=False, cost="tsum-dask").to_json()


def test_tables_of_the_patterns():
    summary = tsum.summarize(read_vega("cars.json"), cost="tsum-dask")
    arrow = summary.to_arrow()
    assert arrow.column_names == ["rank", "pattern", "saving", "rows", "coverage", "cumulative_coverage"]
    assert arrow["rank"].to_pylist() == list(range(1, len(summary) + 1))
    assert [dict(m) for m in arrow["pattern"].to_pylist()] == [p.pattern for p in summary]
    assert [list(dict(m)) for m in arrow["pattern"].to_pylist()] == [list(p.pattern) for p in summary]  # column order
    assert arrow["saving"].type == pa.int64() and arrow["saving"].to_pylist() == [p.saving for p in summary]
    assert arrow["rows"].to_pylist() == [p.rows for p in summary]
    polars = summary.to_polars()
    assert isinstance(polars, pl.DataFrame) and polars["rows"].to_list() == [p.rows for p in summary]
    assert polars["cumulative_coverage"].to_list() == [p.cumulative_coverage for p in summary]
    frame = summary.to_pandas()
    assert frame["saving"].tolist() == [p.saving for p in summary]
    paper = tsum.summarize(patients_frame()).to_arrow()
    assert paper["saving"].type == pa.float64()


@pytest.mark.parametrize("name, cost", [("cars.json", "paper"), ("birdstrikes.csv", "paper"),
                                        ("cars.json", "tsum-dask"), ("movies.json", "tsum-js")])
def test_mask_finds_the_rows_each_pattern_counts(name, cost):
    # Under paper, cars and birdstrikes have binned columns: bin labels are matched as
    # the summary counted them.
    frame = read_vega(name)
    summary = tsum.summarize(frame, cost=cost)
    assert len(summary) >= 3
    for pattern in summary:
        mask = pattern.mask(frame)
        assert mask.dtype == np.bool_ and mask.shape == (len(frame),)
        assert int(mask.sum()) == pattern.rows, pattern


def test_rows_of_returns_the_same_kind_of_table():
    frame = patients_frame(3)
    summary = tsum.summarize(frame, cost="tsum-dask")
    pattern = summary[1]  # age = child, blood_pressure = low
    rows = pattern.rows_of(frame)
    assert isinstance(rows, pd.DataFrame) and list(rows.index) == [5, 6, 7, 15, 16, 17, 25, 26, 27]
    assert (rows["age"] == "child").all() and (rows["blood_pressure"] == "low").all()
    table = pa.Table.from_pandas(frame, preserve_index=False)
    assert pattern.rows_of(table).equals(table.filter(pa.array(pattern.mask(frame))))
    polars = pl.from_arrow(table)
    assert pattern.rows_of(polars).equals(pl.from_arrow(table.take(rows.index.to_numpy())))
    assert pattern.rows_of(table.to_batches()[0]).num_rows == 9
    with pytest.raises(TypeError, match="rows_of"):
        pattern.rows_of({"age": ["child"], "blood_pressure": ["low"], "gender": ["F"]})
    # mask() takes every input summarize() takes: a dict of columns, a path.
    assert pattern.mask({c: frame[c].tolist() for c in frame.columns}).sum() == 9
    assert tsum.summarize(PATIENTS_CSV, cost="tsum-dask")[1].mask(PATIENTS_CSV).tolist() == [
        False] * 5 + [True, True, True, False, False]


def test_mask_on_data_without_the_value_or_column():
    pattern = tsum.summarize(patients_frame(), cost="tsum-dask")[0]  # gender = M, age = adult
    other = pd.DataFrame({"gender": ["F", "F"], "age": ["adult", "adult"], "blood_pressure": ["low", "low"]})
    assert pattern.mask(other).tolist() == [False, False]
    with pytest.raises(tsum.Error, match="the data has no column 'gender', which the pattern uses"):
        pattern.mask(pd.DataFrame({"age": ["adult"]}))


def test_reprs_say_what_they_hold():
    summary = tsum.summarize(patients_frame(), cost="tsum-dask")
    assert repr(summary) == ("<tsum.Summary of <DataFrame>: 10 rows x 3 columns, cost model tsum-dask, 2 of 2 patterns; "
                             "top: gender = M, age = adult>")
    assert repr(summary[0]) == "<tsum.Pattern #1: gender = M, age = adult; 5 rows (50.0 %), saving 3313 bits>"
    assert str(summary[1]) == "age = child, blood_pressure = low"


def public_api():
    """(qualified name, object) for every public function, class, method and property."""
    for name in tsum.__all__:
        obj = getattr(tsum, name)
        if name == "__version__":
            continue
        yield name, obj
        if inspect.isclass(obj) and not issubclass(obj, Exception):
            for member, value in vars(obj).items():
                if member.startswith("_") and member not in ("__str__", "__getitem__", "__len__"):
                    continue
                yield f"{name}.{member}", value


def test_everything_public_has_a_docstring():
    missing = []
    for name, obj in public_api():
        target = obj.fget if isinstance(obj, property) else obj
        if callable(target) or isinstance(obj, property) or inspect.isclass(obj):
            if not (getattr(target, "__doc__", None) or "").strip():
                missing.append(name)
    assert missing == []


def test_public_functions_have_type_hints():
    unhinted = []
    for name, obj in public_api():
        target = obj.fget if isinstance(obj, property) else obj
        if not inspect.isfunction(target):
            continue
        hints = target.__annotations__  # as written: some name types imported only for checkers
        parameters = [p for p in inspect.signature(target).parameters if p not in ("self", "cls")]
        if "return" not in hints or any(p not in hints for p in parameters):
            unhinted.append(name)
    assert unhinted == []


def test_input_keywords_match_the_cli(tmp_path):
    """column, null_values, encoding and ragged: the CLI's --column, --null-values,
    --encoding and --ragged, with its results and its warnings."""
    comma = tmp_path / "comma.csv"
    comma.write_text('"a,b",c,d\n1,x,p\n1,x,q\n2,y,p\n')
    ours = tsum.summarize(comma, column=["a,b", "c"])
    assert ours.columns == ["a,b", "c"]
    assert ours.to_json() == cli_output(comma, "--format", "json", "--column", "a,b", "--column", "c")
    assert tsum.summarize(comma, columns="a,b", column="d").columns == ["a,b", "d"]

    na = tmp_path / "na.csv"
    na.write_text("a,b\nNA,x\nN/A,x\n-,y\n1,y\n")
    nulls = tsum.summarize(na, null_values="NA,N/A,-", bins="none")
    assert nulls.to_json() == cli_output(na, "--format", "json", "--bins", "none", "--null-values", "NA,N/A,-")
    assert nulls.to_json() == tsum.summarize(na, null_values=["NA", "N/A", "-"], bins="none").to_json()
    with pytest.raises(ValueError, match="no values given"):
        tsum.summarize(na, null_values=",")

    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(b"name\nJos\xe9\nJos\xe9\n")
    with pytest.raises(tsum.Error, match=re.escape("line 2, column 4: invalid UTF-8, byte 0xe9 at byte offset 8")):
        tsum.summarize(latin1)
    decoded = tsum.summarize(latin1, encoding="latin-1")
    assert decoded[0].pattern == {"name": "Jos\u00e9"}
    assert decoded.to_json() == cli_output(latin1, "--format", "json", "--encoding", "latin-1")
    with pytest.raises(tsum.Error, match=re.escape("unknown --encoding 'cp1252' (expected utf-8 or latin-1)")):
        tsum.summarize(latin1, encoding="cp1252")

    ragged = tmp_path / "ragged.csv"
    ragged.write_text("a,b\n1,2\n3\n4,5,6\n1,2\n")
    with pytest.warns(UserWarning, match=re.escape("2 rows with more or fewer fields than the header left out")):
        skipped = tsum.summarize(ragged, ragged="skip", bins="none")
    assert skipped.rows == 2
    assert skipped.to_json() == cli_output(ragged, "--format", "json", "--bins", "none", "--ragged", "skip")
    with pytest.raises(tsum.Error, match=re.escape("line 3: row has 1 field, the header has 2")):
        tsum.summarize(ragged)
    dup = tmp_path / "dup.csv"
    dup.write_text("a,b,a\n1,2,3\n")
    with pytest.warns(UserWarning, match=re.escape("column name 'a' repeated (column 3); named it 'a_2'")):
        assert tsum.summarize(dup).columns == ["a", "b", "a_2"]
    with pytest.raises(TypeError, match="apply to paths only"):
        tsum.summarize(patients_frame(), ragged="pad")


def test_limit_width_and_format_keywords_match_the_cli(tmp_path):
    many = tmp_path / "many.csv"
    many.write_text("a,b\n" + "".join(f"a{i},b{i}\n" * 4 for i in range(30)))
    assert str(tsum.summarize(many, limit=25)) == cli_output(many, "--limit", "25")
    assert str(tsum.summarize(many, limit=0)) == cli_output(many, "--limit", "0")
    assert len(str(tsum.summarize(many, limit=0)).splitlines()) == 32  # every pattern, in text too
    wide = tmp_path / "wide.csv"
    wide.write_text("k,v\n" + ("1," + "w" * 120 + "\n") * 6 + "2,z\n")
    narrow = tsum.summarize(wide, width=60)
    assert str(narrow) == cli_output(wide, "--width", "60")
    assert max(len(line) for line in str(narrow).splitlines()) <= 60
    assert "\u2026" in str(narrow)
    with pytest.raises(ValueError, match="width must be a non-negative int"):
        tsum.summarize(wide, width=-1)
    # -o's extension names the format; format names in any case.
    for name, form in (("s.json", "json"), ("s.MD", "markdown"), ("s.html", "html"), ("s.csv", "csv"), ("s.txt", "text")):
        ours, theirs = tmp_path / ("py-" + name), tmp_path / ("cli-" + name)
        tsum.summarize(PATIENTS_CSV, output=ours)
        assert run_cli("-o", str(theirs), str(PATIENTS_CSV)).returncode == 0
        expected = theirs.read_text()
        if form == "html":
            expected = without_timing(expected)
        assert ours.read_text() == expected, name
    tsum.summarize(PATIENTS_CSV, format="JSON", output=tmp_path / "upper")
    assert (tmp_path / "upper").read_text() == cli_output(PATIENTS_CSV, "--format", "json")


def _libpq_mapped_after(statement: str) -> bool:
    """Whether a fresh interpreter has libpq mapped after `import tsum` and `statement`."""
    import os
    import subprocess
    import sys

    code = (
        "import tsum\n"
        f"try:\n    {statement}\nexcept tsum.Error:\n    pass\n"
        "print(any('libpq' in line for line in open('/proc/self/maps')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    return result.stdout.strip() == "True"


def test_libpq_is_loaded_only_for_postgresql():
    """libpq and its ~20 libraries are loaded by a PostgreSQL read, not by `import tsum`."""
    assert not _libpq_mapped_after(f"tsum.summarize({str(PATIENTS_CSV)!r})")
    # A server that does not answer: the read fails, after loading libpq.
    assert _libpq_mapped_after("tsum.summarize('postgresql://alice@127.0.0.1:1/db?table=t')")
