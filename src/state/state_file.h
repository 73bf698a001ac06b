// The state file: StateStore <-> bytes, in the versioned layout of docs/state.md, and the
// crash-safe way a new version replaces the old one.
//
// Every structure is checked against the file's size before it is read, and the whole
// file against its CRC-32, so a damaged or truncated file is a DataError naming the file,
// never a crash. Dictionaries are written in order of first appearance in key order, and
// code widths are the narrowest for each column's cardinality: the bytes of a state
// depend only on its rows (and metadata), not on the history of the events applied.
#pragma once

#include <string>
#include <string_view>

#include "state/state_store.h"
#include "tsum/table.h"

namespace tsum::state {

inline constexpr uint32_t kFormatVersion = 1;

// True when `bytes` start with a state file's magic.
bool looks_like_state(std::string_view bytes);

// The file's bytes for the store's live rows in key order.
std::string serialize(const StateStore& store);

// Parses a state file into a store ready for applying events. `name` prefixes errors.
StateStore parse(std::string_view bytes, const std::string& name);

// The state's rows as a Table, in ascending key order, without building a store.
Table read_state_table(std::string_view bytes, const std::string& name);

// Reads a whole file (DataError naming it when that fails).
std::string read_file(const std::string& path);

// Replaces `path` by `bytes` so that a crash at any moment leaves either the old or the
// new file: the bytes go to a temporary file beside it (PATH.tmp.PID), which is flushed to
// disk (fsync), renamed over PATH, and the directory is flushed too.
void replace_file(const std::string& path, std::string_view bytes);

// Holds an exclusive lock on PATH.lock for its lifetime, so that two `apply`s on one state
// run one after the other, and removes temporary files that a killed writer left behind.
class StateLock {
 public:
  explicit StateLock(const std::string& path);
  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace tsum::state
