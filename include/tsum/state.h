// State files: the current rows of a keyed table, kept up to date by change events
// (Debezium's JSON converter format), and readable as an input like any other
// (read_table recognizes them by their magic). Layout and semantics: docs/state.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsum/read.h"

namespace tsum {

struct StateInitOptions {
  std::string key;                  // the primary-key column; "" = from the first keyed event
  std::string table;                // "schema.table" the events must be for; "" = the first event's
  std::optional<std::string> from;  // an initial snapshot: any input read_table accepts
  ReadOptions read;                 // how `from` is read
};

// Creates the state file `path` (DataError when it exists already, when the key is not a
// column of the snapshot, is NULL or repeats).
void init_state(const std::string& path, const StateInitOptions& options);

struct ApplyOptions {
  uint64_t skip_bad = 0;  // bad events tolerated (skipped and counted) before an error
};

// What one `apply` did. Every event falls in exactly one of these counts.
struct ApplyCounts {
  uint64_t events = 0;            // lines read, blank lines excepted
  uint64_t inserted = 0;          // c, r or u of a key not in the state
  uint64_t updated = 0;           // c, r or u of a key in the state
  uint64_t deleted = 0;           // d of a key in the state
  uint64_t key_updates = 0;       // u whose before and after keys differ: old row deleted, new one upserted
  uint64_t unknown_deletes = 0;   // d of a key not in the state: nothing to do
  uint64_t truncates = 0;         // t: every row deleted
  uint64_t already_applied = 0;   // source position before the state's last: skipped
  uint64_t other_table = 0;       // for another table than the state's: skipped
  uint64_t tombstones = 0;        // null values: skipped
  uint64_t bad_skipped = 0;       // bad events tolerated under skip_bad
  uint64_t rows = 0;              // rows in the state afterwards
};

// Applies the events of `inputs` (JSON Lines files, "-" for standard input) to the state
// as one batch: the file is replaced only when every event was applied, so a bad event
// (beyond skip_bad), an I/O error or a crash leaves it as it was. DataError names the
// input and line.
ApplyCounts apply_state(const std::string& path, const std::vector<std::string>& inputs, const ApplyOptions& options = {});

// The same for events given as text (JSON Lines), named `name` in messages.
ApplyCounts apply_state_text(const std::string& path, std::string_view events, const std::string& name,
                             const ApplyOptions& options = {});

// One line: "applied 12 events: 5 inserted, ...; 120 rows".
std::string describe_counts(const ApplyCounts& counts);

struct StateInfo {
  uint32_t version = 0;
  uint64_t rows = 0;
  std::vector<std::string> columns;
  std::vector<std::string> types;  // Debezium schema types, "" unknown
  std::string key;
  bool integer_keys = true;
  std::string table;
  std::optional<std::pair<uint64_t, uint64_t>> position;
  uint64_t events_applied = 0;
  uint64_t file_bytes = 0;
};

StateInfo state_info(const std::string& path);
// Several lines of "name: value" text.
std::string describe_info(const StateInfo& info);

}  // namespace tsum
