// RootSteps: the root step of a search that takes many steps on one Residue — the
// `keep` best seeds root_seeds(residue, entropy, keep) gives — from a structure that
// keeps them across steps, when search.incremental() and one fits: LazyRootSeeds under
// entropy (keys that stay above the savings), RootSeedHeap under the per-value models
// (the savings themselves); else root_seeds at every step. The same seeds either way.
//
// Used by the loops that run on a residue of their own: the greedy loop under entropy,
// filling and the beam's other starting points (continue_greedy, engine/greedy_search.h),
// and the beam's generation (engine/beam_search.h). Call best() for each step and
// accepted() after each Residue::accept(). One thread.
//
// `whole`, when given, serves the step on the whole table (the residue has accepted
// nothing) where the step would be root_seeds' own: the searches of one beam run share
// it (engine/whole_table_seeds.h). The incremental structures build their state in
// their first step, so they keep it.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "engine/lazy_root_seeds.h"
#include "engine/residue.h"
#include "engine/root_seed_heap.h"
#include "engine/search_options.h"
#include "engine/seed_expansion.h"
#include "engine/whole_table_seeds.h"

namespace tsum {

class RootSteps {
 public:
  RootSteps(Residue& residue, const SearchOptions& search, WholeTableSeeds* whole = nullptr);

  std::vector<Seed> best(size_t keep);
  void accepted(const CodedPattern& p, std::span<const RowId> rows);

 private:
  Residue& residue_;
  bool pairs_;  // two-item seeds too (entropy)
  WholeTableSeeds* whole_;
  std::optional<LazyRootSeeds> lazy_;
  std::optional<RootSeedHeap> heap_;
};

}  // namespace tsum
