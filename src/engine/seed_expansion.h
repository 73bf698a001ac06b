// Seeds and their expansion on a Residue: the building blocks the searches share.
//
// root_seeds() scores the patterns a search may start from on R: every one-item
// pattern (c, v) and, when `pairs` is set, every two-item pattern {(c1, v1), (c2, v2)}
// with c1 < c2 (the entropy model's greedy search needs them: docs/spec.md). Only
// patterns with N_R >= 2 and a saving > 0 are seeds. They come back best first:
// greater saving first, equal savings in enumeration order (one-item patterns in
// column then dictionary order, then pairs in order of c1, v1, c2, v2), so the first
// seed is the spec's "first strict maximum".
//
// expand_seed() is the spec's expand(R, P) started from a seed: add the best one-item
// extension while it saves strictly more than the pattern so far.
#pragma once

#include <vector>

#include "engine/pattern.h"
#include "engine/residue.h"

namespace tsum {

struct Seed {
  CodedPattern pattern;
  double saving = 0;
  uint64_t count = 0;  // N_R
};

// The `keep` best seeds (all of them when keep == 0).
std::vector<Seed> root_seeds(Residue& residue, bool pairs, size_t keep);

// First items (c1, v1) for v1 in [begin, end), whose pairs a root step reads together.
struct PairSlice {
  size_t c1;
  uint32_t begin, end;
};
// The slices, in enumeration order, in which root_seeds(residue, true, ·) scores pairs
// read from kept pair counts side by side (the same seeds as one pass); empty when it
// reads them in one pass: some column's pairs are not kept, or there are few to read.
// They depend on R and the counts only, not on the threads.
std::vector<PairSlice> kept_pair_slices(Residue& residue);

// Consecutive first columns [first, last) whose pairs root_seeds(residue, true, ·) scores
// side by side, one column a task, in waves of a few columns: columns without kept pair
// counts whose pair grid covers every later column (engine/pair_grid.h). Each column
// keeps its own best above the threshold the waves before it left; the seeds are the same
// as one pass. Empty when there are none. They depend on R only, not on the threads.
struct ColumnWave {
  size_t first, last;
};
std::vector<ColumnWave> grid_column_waves(Residue& residue);

// Expands `seed` greedily on R; returns it with its final saving and count, and its
// rows of R in `rows_out` when given.
Seed expand_seed(Residue& residue, Seed seed, std::vector<RowId>* rows_out = nullptr);

// The spec's greedy extension choice from a pattern matching `rows` of R.
Candidate best_extension_of(Residue& residue, const CodedPattern& p, const std::vector<RowId>& rows);

}  // namespace tsum
