// What travels between the Dask driver and the partitions: patterns as (column, global
// code) pairs, sparse histograms, and row signatures. Plain C++ types; bind_dask.cc
// converts them to and from Python (tuples and numpy arrays).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace tsum::python {

// (column index, code in the global dictionary), in the order local expansion chose them.
using GlobalPattern = std::vector<std::pair<uint32_t, uint32_t>>;

// Per column c, the entries [offsets[c], offsets[c + 1]) of codes/counts: the global
// codes that occur (count > 0) among the rows counted, NULL left out.
struct SparseHistograms {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> codes;
  std::vector<uint32_t> counts;
};

// Groups of rows that match exactly the same set of patterns (at least one): group g
// matches patterns[offsets[g] .. offsets[g + 1]) (ascending indexes) and has counts[g]
// rows. Marshalling needs nothing else from the rows.
struct Signatures {
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> patterns;
  std::vector<uint64_t> counts;
};

// What a round asks of every partition: the patterns found so far (discovery order) and
// the prefix being expanded (empty for marshalling).
struct Request {
  std::vector<GlobalPattern> found;
  GlobalPattern prefix;
};

// A Request as one array of uint32 words: the number of found patterns, each found
// pattern as its size followed by its (column, code) pairs, then the prefix the same
// way. One opaque numpy array is cheap to pickle and is never mistaken by Dask for a
// task or a key.
std::vector<uint32_t> pack_request(const Request& request);
// Throws UsageError when `words` is not something pack_request produced.
Request unpack_request(std::span<const uint32_t> words);

}  // namespace tsum::python
