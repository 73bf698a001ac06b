// LazyRootSeeds: the entropy model's root step (root_seeds(residue, true, k): the
// greedy search's seed, k = 1, or the beam's k seeds) without scoring every value and
// every value pair at every step.
//
// Each candidate — a one-item pattern (c, v), or a run of two-item patterns
// {(c1, v1), (c2, ·)} — keeps a key: a number no smaller than the saving of any of its
// patterns on the R of now and of every step to come, until an event named below
// changes it. A step examines candidates from the largest key down and stops at the
// first key below the k-th best saving found, so it returns the same seeds as
// root_seeds — the first strict maxima in the spec's enumeration order, the same
// doubles — having scored only the candidates that could have been among them.
//
// Why a key stays above the saving from step to step (docs/engine.md, "Keys that
// outlast a step"): as patterns are accepted, U_c (the cells a column has left) only
// falls, which only lowers savings; R falls too, which raises them (a cheaper naming
// and description), so a key is computed as if R were already down to a floor |R|·31/32
// and every key is recomputed once R goes below it (an epoch). What else raises a
// saving is local and marks the candidate: a row leaving R changes the counts of its
// values and value pairs; an accepted item (c, v) lowers u_c(v), for (c, v) itself, its
// runs, and the runs (c1, w, c) whose pairs hold v (found from the rows of R holding v).
//
// A run's key is EntropyCoder::pair_bound until the run is read, then the largest saving
// of its pairs on the floor's R. Keys carry a slack of 10^-9 · (1 + 4 g(|T|)) for
// rounding. An epoch costs about one plain step, so when the last pattern suggests it
// would not last four steps, or that its marks (its rows' values and value pairs, the
// rows of R holding its values) outnumber the live candidates, the keys are dropped: the
// step is root_seeds' own and the next one tries again.
//
// Contract: only under entropy, when every column pair has pair counts (Residue::
// has_pair_counts) and the candidates number at most kMaxCandidates (usable()). The
// residue may have accepted patterns already. Call best() for each step and accepted()
// after each Residue::accept(). One thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/residue.h"
#include "engine/seed_expansion.h"

namespace tsum {

class LazyRootSeeds {
 public:
  // About 60 bytes a candidate (key, stamp, mark, the live list, heap entries with the
  // stale ones a compaction leaves): at most ~64 MiB, beside the pair counts' 64 MiB.
  static constexpr uint64_t kMaxCandidates = uint64_t{1} << 20;

  // Whether `residue` can be served (builds its pair counts if they were not yet).
  static bool usable(Residue& residue);
  explicit LazyRootSeeds(Residue& residue);

  // root_seeds(residue, true, 1)'s first seed, if any.
  std::optional<Seed> best();
  // root_seeds(residue, true, keep): the `keep` best seeds (keep >= 1), best first.
  std::vector<Seed> best(size_t keep);
  // `p` was accepted with `rows` (its rows of R, now gone): call after Residue::accept.
  void accepted(const CodedPattern& p, std::span<const RowId> rows);

  // Candidates scored (examined or keyed) so far, and steps taken by root_seeds (when
  // an epoch would not pay off): what tests bound and check.
  uint64_t scored() const { return scored_; }
  uint64_t plain_steps() const { return plain_steps_; }
  // Whether the last best() was the lazy step's (keys current), not root_seeds'.
  bool keyed() const { return !plain_; }
  // For tests, between a keyed() best() and accepted(): the candidates whose key is below the
  // saving of one of their patterns on R now, or that have no key but a pattern of
  // N_R >= 2 (every one rescored: a plain root step's work). 0 is the contract.
  size_t keys_below_savings();

 private:
  struct Entry {
    double key;
    uint32_t id;
    uint32_t stamp;
  };
  struct Where {  // a candidate's patterns: (c, v), or the run {(c, v), (c2, ·)}
    uint32_t c;
    uint32_t v;
    uint32_t c2;  // == c for a one-item pattern
  };
  struct Found {
    double saving;
    uint32_t id;
    uint32_t v2;  // the run's second value (0 for a one-item pattern)
    uint64_t count;
  };
  // The `keep` best patterns scored so far: greater saving first, equal savings in
  // enumeration order (id, then v2), only savings > 0 (root_seeds' order and rule).
  class Best {
   public:
    explicit Best(size_t keep) : keep_(keep) {}
    void consider(double saving, uint32_t id, uint32_t v2, uint64_t count);
    // Whether a candidate whose key is `key` could still enter.
    bool could_enter(double key) const { return full() ? !(key < found_.back().saving) : key > 0; }
    const std::vector<Found>& found() const { return found_; }

   private:
    bool full() const { return found_.size() == keep_; }
    size_t keep_;
    std::vector<Found> found_;
  };

  uint32_t item_id(uint32_t c, uint32_t v) const { return static_cast<uint32_t>(item_base_[c] + v - 1); }
  uint32_t run_id(uint32_t c1, uint32_t v1, uint32_t c2) const {
    return static_cast<uint32_t>(run_base_[c1] + uint64_t{v1 - 1} * (d_ - c1 - 1) + (c2 - c1 - 1));
  }
  Where where(uint32_t id) const;

  void start_epoch();
  void mark(uint32_t id);
  void push_key(uint32_t id);  // a fresh stamp, and the candidate's key when it has one
  std::optional<double> key_of(const Where& w);  // its key now (a run's as pair_bound)
  // Scores the candidate's patterns on R into `best`; returns its key for the steps to come.
  std::optional<double> examine(uint32_t id, Best& best);
  double description_on(size_t size, uint64_t residue) const;
  uint64_t residue_on(uint64_t n) const { return std::max(floor_, n); }

  Residue& residue_;
  const CostModel& model_;
  uint32_t d_;
  std::vector<uint64_t> item_base_, run_base_;
  uint64_t candidates_ = 0;
  std::vector<uint32_t> stamp_;
  std::vector<double> key_;  // the key of the candidate's live entry, or -infinity
  std::vector<uint8_t> dirty_;
  std::vector<uint32_t> dirty_list_;
  std::vector<Entry> heap_;
  std::vector<std::pair<uint32_t, Where>> live_;  // the candidates an epoch rescores
  bool listed_ = false;
  uint64_t floor_ = 0;
  bool force_epoch_ = true;
  double slack_ = 0;
  double floor_descriptions_[3] = {0, 0, 0};
  uint64_t scored_ = 0;
  uint64_t last_removed_ = 0;    // weight of the last accepted pattern's rows
  bool last_marks_over_ = false;  // its marks outnumbered the live candidates
  bool plain_ = false;           // the last step was root_seeds' (the keys are stale)
  uint64_t plain_steps_ = 0;
};

}  // namespace tsum
