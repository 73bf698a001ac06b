// The text of a floating-point number as Python shows it.
//
// The spec compares values by text, so a number that comes from pandas needs one
// canonical text. We use CPython's repr(): the shortest digits that round-trip, laid out
// in positional form when the decimal exponent is in [-4, 16), scientific ("1e+16",
// "1.5e-07") otherwise, and always with a fractional part in positional form ("1.0").
// A float64 column therefore shows the same text as str(value) in Python.
#pragma once

#include <string>

namespace tsum::python {

// repr(float(x)) for a finite double; "inf" / "-inf" for infinities. x must not be NaN.
std::string python_float_repr(double x);

// The shortest digits that round-trip a float32, in the same layout (numpy's float32
// scalars print the same digits).
std::string python_float32_repr(float x);

}  // namespace tsum::python
