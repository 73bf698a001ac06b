// Pattern marshalling: the spec's ordering of the patterns local expansion found.
//
// N_R(P) is counted once over the whole table for every pattern, then kept exact either
// for every unranked pattern (decremented for each row as it leaves the residue) or, when
// no saving can grow as its pattern loses rows, only for the pattern topping the tree,
// counted from its row list then ("lazy counts", docs/engine.md). The unranked patterns'
// savings sit in a tournament tree (engine/first_max_tree.h) whose winner is the spec's
// "first pattern with the greatest saving"; a round re-evaluates only the patterns that
// lost rows to it (or only its winner), so it costs O(log patterns) per such pattern plus
// the rows it removes, not O(patterns). (SearchOptions::incremental = false rescores every unranked pattern
// every round, the spec's loop literally.) Rows are matched to patterns through an anchor
// index: each pattern is filed under its rarest (column, value) pair, so a row meets
// only the patterns filed under one of its own values.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/cost_model.h"
#include "engine/kernels.h"
#include "engine/pattern.h"
#include "engine/pattern_matches.h"
#include "engine/search_options.h"
#include "engine/work_table.h"

namespace tsum {

struct RankedPattern {
  size_t index;             // into the discovered patterns
  double saving;            // Saving(P, R) when it was ranked
  uint64_t rows;            // N_T(P)
  uint64_t covered_rows;    // rows covered by this pattern and those ranked above it
};

// Scores patterns for a cost model whose savings depend on the patterns ranked so far
// (entropy: engine/entropy_marshal_scorer.h). Without one, saving = model.saving(sum_bits, N).
class MarshalScorer {
 public:
  virtual ~MarshalScorer() = default;
  // Saving of pattern p matching n rows of a residue of `residue` rows.
  virtual double saving(size_t p, uint64_t n, uint64_t residue) const = 0;
  // Pattern p was ranked, covering n rows.
  virtual void ranked(size_t p, uint64_t n) = 0;

  // Optional keys that outlast a round, so that a round need not rescore every pattern:
  // bound(p, n) is at least saving(p, n, r) for every residue r from the one of the last
  // renew() down to the floor renew() set, however many patterns are ranked meanwhile —
  // unless p loses rows (its n changes) or p is among the patterns sharing() names for a
  // ranked one. renew(r) starts a new floor when r is below the last one (and at the
  // first call) and says so: every key must then be computed again. bound() may be
  // called from several threads at once (between the loop's other calls): it only reads.
  virtual bool has_bounds() const { return false; }
  virtual bool renew(uint64_t /*residue*/) { return false; }
  virtual double bound(size_t p, uint64_t n) const { return saving(p, n, 0); }
  // The patterns (with repeats, p among them) whose keys ranking p made stale.
  virtual std::span<const uint32_t> sharing(size_t /*p*/) { return {}; }
};

// Work of the caller's on the patterns, independent of their ranks, that may run while
// they are ranked: the ranking is mostly one serial loop, which leaves other threads idle
// (summarize() names the patterns there).
using BesideRanking = std::function<void(const std::vector<CodedPattern>& patterns)>;

// `counters`, when given, gets the pattern evaluations added to it. With a scorer every
// saving may change each round (it depends on the residue's size and on the patterns
// ranked so far): without bounds every unranked pattern is rescored each round, as the
// spec's loop; with them (has_bounds()) the tree holds keys at or above the savings and a
// round rescores the patterns that top it until one tops it with its saving of now.
// `beside`, when given, is called once, as a task beside the ranking loop (on another
// thread when the arena has one; after the rows of every pattern are gathered, which is
// shared between the threads).
std::vector<RankedPattern> marshal(const WorkTable& table, const CostModel& model,
                                   const std::vector<CodedPattern>& patterns, MarshalScorer* scorer = nullptr,
                                   const SearchOptions& options = {}, SearchCounters* counters = nullptr,
                                   const BesideRanking& beside = {});

// marshal() for a caller that already holds each pattern's rows (the beam search's
// refinement marshals many lists made of mostly the same patterns): the same ranking,
// without matching the table's rows against the patterns again. Lists out of order or
// with repeats rank as their sorted, distinct rows (copied first).
std::vector<RankedPattern> marshal_known(const WorkTable& table, const CostModel& model,
                                         const std::vector<CodedPattern>& patterns, const PatternRows& rows_of,
                                         MarshalScorer* scorer = nullptr, SearchCounters* counters = nullptr);

}  // namespace tsum
