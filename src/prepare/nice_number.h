// Readable numbers for bin edges: the "nicest" number in an interval (1-2-5 steps), and
// its text for labels (15, 0.25, 2500, 15k, 2.5M, 3B).
#pragma once

#include <string>

namespace tsum {

struct NiceNumber {
  double value = 0;  // the double nearest to `text`
  std::string text;  // exact plain decimal: "15", "-0.25", "10000000"
  double step = 0;   // the 1-2-5 step it is a multiple of (0 when none was found)

  // About two significant digits at the data's scale: a multiple of a step of at least
  // 1/50 of the value or of the data's spread, whichever is smaller ("15", "350", "14.5",
  // "1100", "500k"; not "351" or "14.6"; "2005" among years from 1995 to 2010).
  bool readable(double spread) const {
    double magnitude = value < 0 ? -value : value;
    return value == 0 || step * 50 >= (spread < magnitude ? spread : magnitude);
  }
};

// The number c with lo < c <= hi that is a multiple of the largest step s in
// {..., 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, ...} having a multiple in that interval,
// choosing among those multiples the one nearest to `target`. Integer columns use steps
// >= 1. Requires lo < hi.
NiceNumber nicest_between(double lo, double hi, double target, bool integer);

// The same number as a label shows it: plain up to 9999, then with a suffix k (thousand),
// M (million) or B (billion) when that needs at most two decimals: 15000 -> "15k",
// 2500000 -> "2.5M", 123456 -> "123456".
std::string readable_number(const std::string& plain);

// The shortest text that round-trips a double (for edges that were not rounded).
std::string shortest_number(double value);

}  // namespace tsum
