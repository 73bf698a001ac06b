// Candidate: one (column, value) extension of a pattern and its saving, and the rule
// that picks the best one. Shared by the local engine and distributed drivers, so that
// every front end makes the same decision from the same counts.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/cost_model.h"

namespace tsum {

struct Candidate {
  double saving = 0;  // only candidates with saving > 0 are ever kept
  uint32_t column = 0;
  uint32_t code = 0;
  uint64_t count = 0;
  bool found = false;
};

// The best value of `column` given hist[code] = rows matching the prefix extended by
// (column, code), for codes 1..cardinality; `base` is the prefix's sum of bits. Keeps
// the first strict maximum in code (dictionary) order, and only savings > 0.
// `evaluations`, when given, is incremented for every saving computed.
template <class Count>
Candidate best_value(const CostModel& model, uint32_t column, const std::vector<double>& bits, double base,
                     const Count* hist, uint32_t cardinality, uint64_t* evaluations = nullptr) {
  Candidate best;
  uint64_t evaluated = 0;
  for (uint32_t code = 1; code <= cardinality; ++code) {
    uint64_t n = hist[code];
    if (n < 2) continue;
    ++evaluated;
    double s = model.saving(base + bits[code], n);
    if (s > best.saving) best = Candidate{s, column, code, n, true};
  }
  if (evaluations) *evaluations += evaluated;
  return best;
}

// Combines per-column bests in table column order (first strict maximum wins).
inline Candidate best_of(const std::vector<Candidate>& per_column) {
  Candidate best;
  for (const Candidate& c : per_column) {
    if (c.found && c.saving > best.saving) best = c;
  }
  return best;
}

}  // namespace tsum
