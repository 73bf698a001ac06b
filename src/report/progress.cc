#include "report/progress.h"

#include <algorithm>
#include <exception>

namespace tsum {

// ---- ProgressMeter ----------------------------------------------------------

ProgressMeter::ProgressMeter(const ProgressCallback& callback, const Progress& start, Clock::duration interval)
    : callback_(callback ? &callback : nullptr),
      state_(start),
      owner_(std::this_thread::get_id()),
      interval_(interval),
      exceptions_(std::uncaught_exceptions()) {
  if (callback_) report_now();
}

ProgressMeter::~ProgressMeter() {
  if (!finished_ && std::uncaught_exceptions() == exceptions_) finish();
}

void ProgressMeter::add_bytes(uint64_t n) {
  if (!callback_) return;
  bytes_.fetch_add(n, std::memory_order_relaxed);
  if (std::this_thread::get_id() == owner_) maybe_report();
}

void ProgressMeter::add_rows(uint64_t n) {
  if (!callback_) return;
  rows_.fetch_add(n, std::memory_order_relaxed);
  if (std::this_thread::get_id() == owner_) maybe_report();
}

void ProgressMeter::set_rows_total(uint64_t rows) {
  if (!callback_) return;
  state_.rows_total = rows;
  report_now();
}

void ProgressMeter::search(uint64_t patterns, uint64_t rows_left) {
  if (!callback_) return;
  state_.patterns = patterns;
  state_.rows_left = rows_left;
  maybe_report();
}

void ProgressMeter::start(const Progress& state) {
  if (!callback_) return;
  finished_ = false;
  state_ = state;
  bytes_.store(state.bytes_done, std::memory_order_relaxed);
  rows_.store(state.rows_done, std::memory_order_relaxed);
  report_now();
}

void ProgressMeter::finish() {
  if (!callback_ || finished_) return;
  finished_ = true;
  state_.done = true;
  if (state_.stage == Progress::Stage::kRead) {
    bytes_.store(state_.bytes_total, std::memory_order_relaxed);
    if (state_.rows_total > 0) rows_.store(state_.rows_total, std::memory_order_relaxed);
  }
  report_now();
}

void ProgressMeter::maybe_report() {
  Clock::time_point now = Clock::now();
  if (now - last_ < interval_) return;
  report_now();
}

void ProgressMeter::report_now() {
  last_ = Clock::now();
  if (state_.stage == Progress::Stage::kRead) {
    state_.bytes_done = std::min(bytes_.load(std::memory_order_relaxed), state_.bytes_total);
    state_.rows_done = rows_.load(std::memory_order_relaxed);
    if (state_.rows_total > 0) state_.rows_done = std::min(state_.rows_done, state_.rows_total);
  }
  (*callback_)(state_);
}

}  // namespace tsum
