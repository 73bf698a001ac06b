// A column's distinct values in blocks, for the threads: typing and binning look at each
// distinct value once, and a column of raw timestamps or measurements has ~10^6 of them.
//
// for_each_code_block(cardinality, body) calls body(b, first, last) for each block b of
// the codes 1..cardinality (first..last, both included; kCodeBlock codes a block, the last
// one shorter), on the caller's arena; a single block runs on the calling thread. Callers
// keep per-block results in a vector of code_blocks(cardinality) entries and combine them
// in block order, which is how their answers stay the serial loop's.
#pragma once

#include <algorithm>
#include <cstdint>

#include "table/parallel_for.h"

namespace tsum {

inline constexpr uint32_t kCodeBlock = 4096;

inline uint32_t code_blocks(uint32_t cardinality) { return (cardinality + kCodeBlock - 1) / kCodeBlock; }

template <class Body>
void for_each_code_block(uint32_t cardinality, const Body& body) {
  auto block = [&](uint32_t b) {
    const uint32_t first = 1 + b * kCodeBlock;
    body(b, first, std::min(cardinality, first + kCodeBlock - 1));
  };
  const uint32_t blocks = code_blocks(cardinality);
  if (blocks == 1) {
    block(0);
  } else if (blocks > 1) {
    tsum::parallel_for(uint32_t{0}, blocks, block);
  }
}

}  // namespace tsum
