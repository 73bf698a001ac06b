// ChunkColumn: one column of one chunk while a reader fills it: a chunk-local dictionary
// and chunk-local codes (0 = NULL, local index + 1 otherwise) stored in the narrowest
// width seen so far, widened in place when the dictionary outgrows it.
#pragma once

#include <cstdint>
#include <vector>

#include "table/dictionary.h"

namespace tsum::detail {

class LocalCodes {
 public:
  void push(uint32_t code) {
    switch (width_) {
      case 1:
        if (code < 0x100) { c8_.push_back(static_cast<uint8_t>(code)); return; }
        widen(code);
        break;
      case 2:
        if (code < 0x10000) { c16_.push_back(static_cast<uint16_t>(code)); return; }
        widen(code);
        break;
      default:
        c32_.push_back(code);
        return;
    }
    push(code);
  }
  uint64_t size() const { return width_ == 1 ? c8_.size() : width_ == 2 ? c16_.size() : c32_.size(); }
  template <class F>
  void visit(F&& f) const {
    if (width_ == 1) f(c8_.data());
    else if (width_ == 2) f(c16_.data());
    else f(c32_.data());
  }
  void clear() {
    c8_ = {};
    c16_ = {};
    c32_ = {};
  }

 private:
  void widen(uint32_t code) {
    if (width_ == 1 && code < 0x10000) {
      c16_.assign(c8_.begin(), c8_.end());
      c8_ = {};
      width_ = 2;
    } else if (width_ == 1) {
      c32_.assign(c8_.begin(), c8_.end());
      c8_ = {};
      width_ = 4;
    } else {
      c32_.assign(c16_.begin(), c16_.end());
      c16_ = {};
      width_ = 4;
    }
  }
  int width_ = 1;
  std::vector<uint8_t> c8_;
  std::vector<uint16_t> c16_;
  std::vector<uint32_t> c32_;
};

struct ChunkColumn {
  Dictionary dictionary;
  LocalCodes codes;
  bool all_numeric = true;  // every non-NULL cell so far was a number
};

}  // namespace tsum::detail
