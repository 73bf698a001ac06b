// RootSeedHeap: the root step of a search under paper, tsum-dask and tsum-js —
// root_seeds(residue, false, k), the k best one-item seeds — across steps, without
// scoring every value at every step.
//
// Under the per-value models a one-item pattern's saving is a function of its item's
// bits and its count on R alone (CostModel::saving), so it changes only when rows holding
// the value leave R. The heap keeps every value's saving (exact, not a bound) with
// equal savings in enumeration order (column, then code); a value whose rows leave is
// marked and rescored at the next step, and a value with fewer than two rows left leaves
// for good (counts only fall). A step pops the k first live entries of saving > 0: the
// same seeds, in the same order, the same doubles as root_seeds. When the rows that left
// hold more (row, column) cells than there are live values, marking them would cost more
// than rescoring every value: the heap is left stale, the step is root_seeds' own (its
// scoring shared out over the columns), and the heap is rebuilt after a pattern of fewer
// cells.
//
// The greedy search itself does not need this (local expansion keeps its own tournament
// trees, engine/root_candidates.h); the beam's generation, filling and the beam's other
// starting points do, each on a residue of its own, on tables of many small groups.
//
// Contract: under the per-value models only (usable()); the residue may have accepted
// patterns already. Call best() for each step and accepted() after each
// Residue::accept(). One thread.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/residue.h"
#include "engine/seed_expansion.h"

namespace tsum {

class RootSeedHeap {
 public:
  static bool usable(const Residue& residue) { return residue.model().kind() != CostModelKind::kEntropy; }
  explicit RootSeedHeap(Residue& residue);

  // root_seeds(residue, false, keep) (keep >= 1).
  std::vector<Seed> best(size_t keep);
  // `rows` (the accepted pattern's rows of R) left R: call after Residue::accept.
  void accepted(std::span<const RowId> rows);

  // Values the heap scored so far (what tests bound; also counted on the residue), and
  // steps handed to root_seeds.
  uint64_t scored() const { return scored_; }
  uint64_t plain_steps() const { return plain_steps_; }

 private:
  struct Entry {
    double key;
    uint32_t id;
    uint32_t stamp;
  };
  uint32_t item_id(uint32_t c, uint32_t v) const { return static_cast<uint32_t>(item_base_[c] + v - 1); }
  void rebuild();
  // A fresh stamp, and the value's entry (appended, not yet sifted) when it has two rows
  // or more; returns whether it appended one.
  bool push(uint32_t id);

  Residue& residue_;
  uint32_t d_;
  std::vector<uint64_t> item_base_;
  std::vector<uint32_t> stamp_;
  std::vector<uint8_t> listed_;  // the value has a live entry
  std::vector<uint8_t> dirty_;
  std::vector<uint32_t> dirty_list_;
  std::vector<Entry> heap_;
  uint64_t live_ = 0;  // values with an entry
  bool rebuild_ = true;
  bool rebuilt_ = false;  // once: values not listed since have fewer than two rows
  bool last_cells_over_ = false;  // the last pattern's cells outnumbered the live values
  uint64_t plain_steps_ = 0;
  uint64_t scored_ = 0;
};

}  // namespace tsum
