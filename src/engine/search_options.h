// SearchOptions and SearchCounters: an internal switch between the incremental search
// structures and the plain rescanning loops of the spec, and counts of the work done.
//
// Both paths give the same patterns, order and savings bit for bit; the plain path is
// kept as the reference the incremental one is tested against (tests/engine), and the
// counters let tests bound the work on adversarial tables without timing anything.
#pragma once

#include <cstdint>

#include "tsum/summarize.h"

namespace tsum {

struct SearchOptions {
  // kAdaptive, kIncremental: per-column tournament trees of root candidates
  // (engine/root_candidates.h), root steps kept across steps elsewhere (engine/
  // root_steps.h: the entropy model's keys, the other models' savings in a heap) and a
  // tournament tree of pattern savings in marshalling, updated only where counts change.
  // kPlain: every candidate and every unranked pattern rescored every time.
  SearchPath path = SearchPath::kAdaptive;
  // Rows marshalling's lazy counts may read per (pattern, row) match before the ranking
  // decrements counts instead (engine/marshalling.cc); 0 decrements from the start. The
  // search runs SearchPath::kIncremental with 1/4, which gives way part of the way through.
  double lazy_reads_per_match = 8;
  bool incremental() const { return path != SearchPath::kPlain; }
};

// Savings computed (CostModel::saving calls) and work shared out, deterministic for any
// thread count.
struct SearchCounters {
  // Candidates scored by the search: (column, value) candidates in local expansion; in the
  // other loops (entropy's greedy search, the beam's) the root steps' values, one- and
  // two-item patterns and run bounds (keys included) and the extensions' candidates.
  uint64_t expand_evaluations = 0;
  uint64_t marshal_evaluations = 0;  // patterns, marshalling
  uint64_t expansions_in_batches = 0;  // local expansion's batches (local_expansion.cc)
  uint64_t marshal_rows_read = 0;      // rows marshalling's lazy counts read (marshalling.cc)
  uint64_t marshal_gave_way = 0;       // rankings whose lazy counts gave way to decrements
};

}  // namespace tsum
