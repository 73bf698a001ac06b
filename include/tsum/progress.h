// Progress of a long run, reported to an optional callback (ReadOptions::progress,
// SummarizeOptions::progress).
//
// The library calls the callback from one thread only (the thread that called
// read_table()/read_tables(), or the one that runs summarize()'s search loop), never
// concurrently, at most about every 100 ms, plus once when a stage starts and once when it
// ends (`done` set; not when it ends by an exception). The callback must be cheap and must
// not throw. It never changes the answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace tsum {

struct Progress {
  enum class Stage : uint8_t {
    kRead,    // parsing an input: bytes_done of bytes_total
    kSearch,  // local expansion: patterns found so far, rows left in the residue
    kRank,    // ordering the patterns found (marshalling); patterns = how many
  };
  Stage stage = Stage::kRead;
  bool done = false;  // the last report of this stage (for this input, when reading)

  // kRead. bytes_total is the input's size (known once the input is open; standard
  // input is read whole first; 0 for a database). Every reader reports as it goes:
  // CSV and JSON in bytes parsed (bytes_done); Parquet in rows of fully decoded row
  // groups (rows_done) of the rows its footer declares (rows_total); PostgreSQL and
  // SQLite in rows received (rows_done), with rows_total 0 (not known in advance).
  // read_tables() reads its inputs one after the other, each with its own kRead stage.
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;
  uint64_t rows_done = 0;

  // kSearch / kRank. rows_left counts the table rows that no pattern found so far
  // matches, of rows_total. (kRead: rows_total as above.)
  uint64_t patterns = 0;
  uint64_t rows_left = 0;
  uint64_t rows_total = 0;
};

using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace tsum
