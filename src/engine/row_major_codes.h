// RowMajorCodes: a wide table's small-dictionary columns stored a second time, row by
// row, one byte per code, so that a selection of rows is counted in all of them at once.
//
// Why: below the root every search counts the rows of R that match a pattern in every
// other column (local expansion's best pair on a selection, Residue::extensions), and
// takes the rows of each accepted pattern out of every column's root histogram. Column
// by column, each selected row costs a cache line in each column: on 10^5 rows × 500
// columns, 1,000 rows scattered over the table read 500,000 lines. Row by row the same
// rows read 8 lines each (500 bytes), and the counts go to per-column histograms that
// stay in L2. Denser selections read most of every column's lines anyway and stay
// column by column (suits()). Figures: docs/benchmarks.md, "Wide tables: rows counted
// row by row".
//
// Contract: add() and subtract() change the histograms by exactly what count_codes()
// and uncount_codes() (engine/kernels.h) would on the same rows, weights included:
// integer counts, so every search's choices are the same bit for bit, whichever path
// counted them and on however many threads.
//
// Which tables get one (plan()): at least kMinColumns columns of at most 255 codes
// (whatever their code width), between kMinBytes and kMaxBytes of row-major codes; only
// those columns are held. A smaller table stays in cache column by column (10^5 rows ×
// 50 columns, 5 MB: no faster, and the copy cost 3 ms). For the tests (both paths on small tables): TSUM_ROW_MAJOR=0 builds none,
// TSUM_ROW_MAJOR=1 one for any table with a column of at most 255 codes, and
// TSUM_ROW_MAJOR=all that with suits() accepting every selection.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "engine/kernels.h"

namespace tsum {

class WorkColumn;

class RowMajorCodes {
 public:
  static constexpr uint32_t kNotHeld = UINT32_MAX;
  static constexpr size_t kMinColumns = 16;
  static constexpr uint64_t kMinBytes = uint64_t{8} << 20;
  static constexpr uint64_t kMaxBytes = uint64_t{1} << 30;

  // The plan of the row-major codes of `columns`' small-dictionary columns over `rows`
  // rows, or null when the table does not qualify (above). The codes themselves are
  // copied on the first call of build(): a search that never counts a sparse selection
  // never pays for them (a wide table of a few large patterns).
  static std::unique_ptr<RowMajorCodes> plan(const std::vector<WorkColumn>& columns, uint64_t rows);
  // Copies the codes from `columns` (the ones plan() was given) the first time; later
  // calls return at once. Safe from several threads; runs in the caller's TBB arena.
  void build(const std::vector<WorkColumn>& columns) const;

  // Where column c's code sits in a row, or kNotHeld.
  uint32_t place(size_t c) const { return place_[c]; }
  bool holds(size_t c) const { return place_[c] != kNotHeld; }
  // Whether a selection of `selected` rows is cheaper to count here than column by
  // column: at most an eighth of the rows (denser, each column's lines are mostly read
  // anyway and its kernels are vectorised).
  bool suits(uint64_t selected) const { return every_selection_ || selected * 8 <= rows_; }
  // (After build().)
  uint32_t code(RowId row, uint32_t place) const { return codes_[uint64_t{row} * width_ + place]; }

  // A histogram to count into: hist[code] for the column held at `place`.
  struct Target {
    uint32_t place;
    uint64_t* hist;
  };
  // For every row of `rows` and every target, adds (subtracts) the row's weight
  // (weights[row], or 1 when `weights` is null) to (from) target.hist[its code]. With
  // `parallel`, the targets are shared out over the caller's threads in ranges (each
  // histogram is written by one thread). After build().
  void add(std::span<const RowId> rows, std::span<const Target> targets, const uint64_t* weights,
           bool parallel) const;
  void subtract(std::span<const RowId> rows, std::span<const Target> targets, const uint64_t* weights,
                bool parallel) const;

 private:
  RowMajorCodes(std::vector<uint32_t> place, std::vector<size_t> held, uint64_t rows, bool every_selection);
  template <int kSign>
  void count(std::span<const RowId> rows, std::span<const Target> targets, const uint64_t* weights,
             bool parallel) const;

  std::vector<uint32_t> place_;  // per table column
  std::vector<size_t> held_;     // the table column at each place
  uint32_t width_;               // held columns: bytes per row
  uint64_t rows_;
  bool every_selection_;  // TSUM_ROW_MAJOR=all
  mutable std::once_flag built_;
  mutable std::unique_ptr<uint8_t[]> codes_;  // rows_ × width_, from build()
};

}  // namespace tsum
