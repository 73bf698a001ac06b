"""Bad input: TypeError for wrong types, ValueError (tsum.Error) with the CLI's messages."""

from __future__ import annotations

import re

import dask.dataframe as dd
import pandas as pd
import pytest

import tsum
from conftest import REPO, patients_frame


def test_unknown_column_suggests_the_closest():
    with pytest.raises(ValueError, match=re.escape("unknown column 'gendr' (did you mean 'gender'?)")):
        tsum.summarize(patients_frame(), columns=["gendr"])
    with pytest.raises(tsum.Error, match=re.escape("unknown column 'xyzzy' (columns: 'gender', 'age', 'blood_pressure')")):
        tsum.summarize(patients_frame(), exclude="xyzzy")


def test_unknown_column_same_message_for_every_input(dask_client):
    expected = re.escape("unknown column 'gendr' (did you mean 'gender'?)")
    for data in [
        patients_frame(),
        dict(patients_frame()),
        REPO / "examples" / "patients.csv",
        dd.from_pandas(patients_frame(), npartitions=2),
    ]:
        with pytest.raises(ValueError, match=expected):
            tsum.summarize(data, columns=["age", "gendr"])


def test_unknown_cost_model():
    with pytest.raises(ValueError, match=re.escape("unknown cost model 'mdl' (expected paper, tsum-dask, tsum-js or entropy)")):
        tsum.summarize(patients_frame(), cost="mdl")
    with pytest.raises(TypeError, match="cost must be a str"):
        tsum.summarize(patients_frame(), cost=1)


def test_bad_data_types():
    with pytest.raises(TypeError, match="data must be a pandas DataFrame, a Dask DataFrame, a dict of columns or a path, got Series"):
        tsum.summarize(pd.Series([1, 2]))
    with pytest.raises(TypeError, match="got list"):
        tsum.summarize([[1, 2]])
    with pytest.raises(TypeError, match="got NoneType"):
        tsum.summarize()
    with pytest.raises(TypeError, match="not both"):
        tsum.summarize(patients_frame(), ddf=patients_frame())
    with pytest.raises(TypeError, match="column 'x' must be a sequence of values, got int"):
        tsum.summarize({"x": 5})


def test_bad_options():
    frame = patients_frame()
    with pytest.raises(TypeError, match="columns must hold column names as str, got int 3"):
        tsum.summarize(frame, columns=[3])
    with pytest.raises(TypeError, match="columns must be a column name or a list of names, got int"):
        tsum.summarize(frame, columns=3)
    with pytest.raises(ValueError, match="limit must be a non-negative integer, got -1"):
        tsum.summarize(frame, limit=-1)
    with pytest.raises(TypeError, match="limit must be an int, got float"):
        tsum.summarize(frame, limit=2.0)
    with pytest.raises(ValueError, match="threads must be a positive integer, got 0"):
        tsum.summarize(frame, threads=0)
    with pytest.raises(TypeError, match="apply to paths only"):
        tsum.summarize(frame, delimiter=";")
    with pytest.raises(TypeError, match="progress applies to Dask DataFrames only"):
        tsum.summarize(frame, progress=print)


def test_unequal_column_lengths():
    with pytest.raises(ValueError, match="column 'b' has 1 values, expected 2"):
        tsum.summarize({"a": ["x", "y"], "b": ["z"]})


def test_duplicate_column_names():
    frame = pd.DataFrame([["a", "b"]], columns=["c", "c"])
    with pytest.raises(ValueError, match=re.escape("duplicate column name 'c' (columns 1 and 2)")):
        tsum.summarize(frame)


def test_unreadable_path(tmp_path):
    missing = tmp_path / "missing.csv"
    with pytest.raises(ValueError, match=re.escape(str(missing))):
        tsum.summarize(missing)
    with pytest.raises(ValueError, match="unknown input format 'xml'"):
        tsum.summarize(REPO / "examples" / "patients.csv", input_format="xml")


def test_lone_surrogate_is_reported():
    with pytest.raises(ValueError, match="column 'x', row 2: the string is not valid Unicode"):
        tsum.summarize({"x": ["ok", "\ud800"]})
