// EntropyMarshalScorer: marshalling under the entropy model (engine/marshalling.h).
//
// A pattern's saving (EntropyCoder::saving) depends on the cells the patterns ranked so
// far left uncovered and on the residue's size, so it may change every round. The
// scorer gives the ranking keys that outlast a round instead (MarshalScorer::bound),
// on the argument of engine/lazy_root_seeds.h: ranking a pattern lowers U_c for its
// columns, which only lowers savings; it lowers u_c(v) for its items, which may raise
// the savings of the patterns holding one of them (sharing() names them); the residue
// falls, which raises savings, so a key is the saving on a floor of the residue
// (63/64 of it when renew() set it) plus a slack of 10^-9 of g(|T|) for rounding, and
// renew() sets a new floor once the residue is below it. A pattern whose count changes
// is rekeyed by the ranking loop itself.
//
// The description of each size is computed once per residue (the same doubles as the
// model's function). One thread at a time (the ranking loop), but for bound(), which
// only reads and which the loop calls from several threads at once.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/cost_model.h"
#include "engine/entropy_coder.h"
#include "engine/marshalling.h"
#include "engine/pattern.h"

namespace tsum {

class EntropyMarshalScorer : public MarshalScorer {
 public:
  EntropyMarshalScorer(const CostModel& model, const std::vector<std::vector<uint64_t>>& counts,
                       const std::vector<CodedPattern>& patterns);

  double saving(size_t p, uint64_t n, uint64_t residue) const override;
  void ranked(size_t p, uint64_t n) override { coder_.cover(patterns_[p].items, n); }

  bool has_bounds() const override { return true; }
  bool renew(uint64_t residue) override;
  double bound(size_t p, uint64_t n) const override;
  std::span<const uint32_t> sharing(size_t p) override;

 private:
  const CostModel& model_;
  EntropyCoder coder_;
  const std::vector<CodedPattern>& patterns_;
  mutable std::vector<double> descriptions_;   // per pattern size, for the residue `described_`
  mutable uint64_t described_ = ~uint64_t{0};  // (no residue yet)

  uint64_t floor_ = 0;
  bool renewed_ = false;
  std::vector<double> floor_descriptions_;  // per pattern size, on the floor
  double slack_ = 0;

  // The patterns holding each item: item_start_[c][v] .. [v + 1] in holders_ (built on
  // first use).
  std::vector<uint32_t> column_base_;  // per column: the index of its code 0 in item_start_
  std::vector<uint64_t> item_start_;
  std::vector<uint32_t> holders_;
  std::vector<uint32_t> shared_;  // sharing()'s answer
  std::vector<uint64_t> cardinality_;
};

}  // namespace tsum
