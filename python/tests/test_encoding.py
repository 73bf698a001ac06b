"""pandas and dict columns -> the engine's values: texts, NULLs, types, codes."""

from __future__ import annotations

import datetime
import random
import struct

import numpy as np
import pandas as pd

import tsum
from tsum import _core
from tsum._options import make_options
from tsum._pandas import frame_table, mapping_table

ALL = make_options("paper", None, None, None, None)


def encoded(data) -> _core.Table:
    return frame_table(data, ALL) if isinstance(data, pd.DataFrame) else mapping_table(data, ALL)


def column(data, name="x"):
    """(values in code order, codes, numeric?) of one column."""
    table = encoded(data)
    return table.values(name), list(table.codes(name)), table.is_numeric(name)


def test_object_strings_first_appearance_and_nulls():
    values = ["b", None, "a", np.nan, "b", pd.NA, "a", pd.NaT, float("nan")]
    assert column(pd.DataFrame({"x": values})) == (["b", "a"], [1, 0, 2, 0, 1, 0, 2, 0, 0], False)


def test_object_strings_that_look_like_numbers_are_strings():
    assert column(pd.DataFrame({"x": ["1", "2", "1"]})) == (["1", "2"], [1, 2, 1], False)


def test_integers_are_decimal_numbers():
    for dtype in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]:
        frame = pd.DataFrame({"x": np.array([3, 1, 3, 100], dtype=dtype)})
        assert column(frame) == (["3", "1", "100"], [1, 2, 1, 3], True), dtype
    big = pd.DataFrame({"x": np.array([2**64 - 1, -(2**63)], dtype=object)})
    assert column(big) == (["18446744073709551615", "-9223372036854775808"], [1, 2], True)


def test_floats_print_like_repr():
    rng = random.Random(7)
    samples = [0.0, -0.0, 1.0, 0.1, 1e16, 1e15, 1.5e-7, 1e-4, 1e-5, 123456789.125, 2.5e300, float("inf"), -float("inf")]
    samples += [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(2000)]
    samples += [rng.uniform(-1e6, 1e6) for _ in range(2000)]
    samples = [x for x in samples if x == x]
    values, codes, numeric = column(pd.DataFrame({"x": samples}))
    assert numeric
    distinct = list(dict.fromkeys(repr(x) for x in samples))
    assert values == distinct


def test_float_nan_is_null_and_integral_floats_keep_their_dot():
    frame = pd.DataFrame({"x": [1.0, np.nan, 2.5, 1.0]})
    assert column(frame) == (["1.0", "2.5"], [1, 0, 2, 1], True)


def test_float32_uses_its_own_shortest_digits():
    frame = pd.DataFrame({"x": np.array([0.1, 2.0], dtype=np.float32)})
    assert column(frame)[0] == ["0.1", "2.0"]


def test_bools_are_true_false_strings():
    assert column(pd.DataFrame({"x": [True, False, True]})) == (["true", "false"], [1, 2, 1], False)
    nullable = pd.DataFrame({"x": pd.array([True, None, False], dtype="boolean")})
    assert column(nullable) == (["true", "false"], [1, 0, 2], False)


def test_nullable_integers_and_strings():
    frame = pd.DataFrame({"x": pd.array([5, None, 5, 7], dtype="Int64")})
    assert column(frame) == (["5", "7"], [1, 0, 1, 2], True)
    strings = pd.DataFrame({"x": pd.array(["p", None, "q"], dtype="string")})
    assert column(strings) == (["p", "q"], [1, 0, 2], False)


def test_mixed_objects():
    values = [1, "1", 2.0, True, None, datetime.date(2024, 1, 2), np.int64(3), np.float32(0.5)]
    values_out, codes, numeric = column(pd.DataFrame({"x": values}))
    # The int 1 and the str "1" are one value: the spec compares text.
    assert values_out == ["1", "2.0", "true", "2024-01-02", "3", "0.5"]
    assert codes == [1, 1, 2, 3, 0, 4, 5, 6]
    assert not numeric


def test_object_numbers_make_a_numeric_column():
    frame = pd.DataFrame({"x": pd.Series([1, None, 2.5], dtype=object)})
    assert column(frame) == (["1", "2.5"], [1, 0, 2], True)


def test_categorical_follows_first_appearance_and_drops_unused():
    cat = pd.Categorical(["b", None, "c", "b"], categories=["a", "b", "c", "d"])
    assert column(pd.DataFrame({"x": cat})) == (["b", "c"], [1, 0, 2, 1], False)
    numbers = pd.Categorical([10, 5, 10], categories=[5, 10, 15])
    assert column(pd.DataFrame({"x": numbers})) == (["10", "5"], [1, 2, 1], True)


def test_categorical_equals_object_column():
    rng = np.random.default_rng(3)
    raw = rng.choice(["u", "v", "w", None], size=500)
    plain = encoded(pd.DataFrame({"x": raw}))
    cat = encoded(pd.DataFrame({"x": pd.Categorical(raw, categories=["w", "v", "u", "z"])}))
    assert plain.values("x") == cat.values("x")
    assert list(plain.codes("x")) == list(cat.codes("x"))


def test_datetimes_use_pandas_text():
    frame = pd.DataFrame({"x": pd.to_datetime(["2024-01-02 03:04:05", None, "2024-01-02 03:04:05"])})
    assert column(frame) == (["2024-01-02 03:04:05"], [1, 0, 1], False)


def test_strided_columns_are_read_in_place():
    frame = pd.DataFrame({"x": ["a", "b", "a"], "y": ["c", "c", "d"], "z": [1, 2, 1]})
    sliced = frame.iloc[::-1]
    assert column(sliced, "x") == (["a", "b"], [1, 2, 1], False)
    assert column(sliced, "z") == (["1", "2"], [1, 2, 1], True)


def test_dict_of_lists_keeps_python_types():
    assert column({"x": [1, None, 3]}) == (["1", "3"], [1, 0, 2], True)
    assert column({"x": np.array(["a", "b"])}) == (["a", "b"], [1, 2], False)


def test_summary_ignores_nulls():
    frame = pd.DataFrame({"x": ["a", None, "a", None, "a", None], "y": [None] * 6})
    summary = tsum.summarize(frame)
    assert [p.pattern for p in summary] == [{"x": "a"}]
    assert summary[0].rows == 3


def test_non_string_column_labels_become_text():
    summary = tsum.summarize(pd.DataFrame({0: ["a"] * 4, 1: ["b"] * 4}))
    assert summary.columns == ["0", "1"]
    assert summary[0].pattern == {"0": "a", "1": "b"}
