// StateStore: the current rows of a keyed table, held in memory while change events are
// applied to it (src/state/apply_events.h), read from and written to a state file
// (src/state/state_file.h, layout in docs/state.md).
//
// Rows live in slots: slot s holds one code per column (0 = NULL, i + 1 = index i of the
// column's Dictionary). Slots 0..sorted_slots()-1 came from the file, already in key order;
// slots added later are sorted when the rows are written out (live_rows_in_key_order).
// A deleted row's slot is marked dead and reused by the next insert. The key column's
// dictionary doubles as the primary-key index: a key's dictionary index maps to its slot.
// Dictionaries only grow while events are applied; values no live row holds any more are
// dropped when the state is written (the file's dictionaries are rebuilt from the rows).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "table/dictionary.h"

namespace tsum {

class Table;

// Where an event came from in the source database's log, compared as (major, minor):
// Debezium's PostgreSQL `source.sequence` (last commit LSN, LSN), else (`source.lsn`, 0),
// else (`source.ts_ms`, `source.txId`).
struct SourcePosition {
  uint64_t major = 0;
  uint64_t minor = 0;
  friend bool operator<(const SourcePosition& a, const SourcePosition& b) {
    return a.major != b.major ? a.major < b.major : a.minor < b.minor;
  }
};

struct StateColumn {
  std::string name;
  std::string type;  // the Debezium schema type of its values ("int32", "int32 io.debezium.time.Date"), "" unknown
  Dictionary values;
};

class StateStore {
 public:
  static constexpr uint32_t kNoSlot = UINT32_MAX;

  // Columns and key --------------------------------------------------------------------
  size_t num_columns() const { return columns_.size(); }
  bool has_columns() const { return !columns_.empty(); }
  StateColumn& column(size_t i) { return columns_[i]; }
  const StateColumn& column(size_t i) const { return columns_[i]; }
  // Index of the named column, or -1.
  ptrdiff_t find_column(std::string_view name) const;
  // Sets the columns of an empty store (no rows yet).
  void set_columns(const std::vector<std::string>& names);

  const std::string& key_name() const { return key_name_; }
  void set_key_name(std::string name) { key_name_ = std::move(name); }
  // Index of the key column, or -1 while the key or the columns are unknown.
  ptrdiff_t key_column() const { return key_column_; }
  // Resolves key_name() among the columns; false when it is not one of them.
  bool resolve_key();
  // True when keys are ordered as integers (all keys are integers: ORDER BY on an integer
  // column); false: by their bytes (ORDER BY on a text column under the C collation).
  bool integer_keys() const { return integer_keys_; }
  void set_integer_keys(bool on) { integer_keys_ = on; }

  // Metadata ---------------------------------------------------------------------------
  std::string table_name;                  // "schema.table" the events came from, "" unknown
  std::optional<SourcePosition> position;  // the last applied event's, if it had one
  uint64_t events_applied = 0;             // over the state's lifetime

  // Rows -------------------------------------------------------------------------------
  uint64_t rows() const { return live_rows_; }
  // Slot holding this key, or kNoSlot.
  uint32_t find(std::string_view key) const;
  // Codes of a slot (num_columns() of them).
  uint32_t* slot_codes(uint32_t slot) { return &cells_[static_cast<size_t>(slot) * columns_.size()]; }
  const uint32_t* slot_codes(uint32_t slot) const { return &cells_[static_cast<size_t>(slot) * columns_.size()]; }
  // Code of a value in a column, inserting it into the dictionary when new.
  uint32_t intern(size_t column, std::string_view value) {
    bool inserted = false;
    return columns_[column].values.find_or_insert(value, inserted) + 1;
  }
  // A slot for a new key (code in the key column); its codes are zero (NULL) except the key's.
  uint32_t insert(uint32_t key_code);
  // Deletes the row in `slot`.
  void erase(uint32_t slot);
  // Deletes every row.
  void clear();

  // Appends a row read from a state file (codes already interned); slots stay in file order.
  void append_sorted_row(const uint32_t* codes);

  // The live slots in ascending key order.
  std::vector<uint32_t> live_rows_in_key_order() const;

  // Compares two keys in the state's key order.
  bool key_less(std::string_view a, std::string_view b) const;

 private:
  std::vector<StateColumn> columns_;
  std::string key_name_;
  ptrdiff_t key_column_ = -1;
  bool integer_keys_ = true;
  std::vector<uint32_t> cells_;         // slot-major codes
  std::vector<uint8_t> live_;           // per slot
  std::vector<uint32_t> slot_of_key_;   // by key dictionary index; kNoSlot when deleted
  std::vector<uint32_t> free_slots_;
  uint32_t sorted_slots_ = 0;           // slots [0, sorted_slots_) came from the file in key order
  uint64_t live_rows_ = 0;
};

// Parses an integer key as ORDER BY compares them; false when `text` is not one.
bool parse_integer_key(std::string_view text, int64_t& value);

}  // namespace tsum
