// Parsing one record (one JSON object = one row) with simdjson's On-Demand API, in one
// pass: read_row() validates the record and turns its values into cells of the work
// unit's columns, adding a column when the unit meets a key for the first time. The
// unit's columns are its keys in first-appearance order; the reader unites them over the
// units afterwards (json_reader.cc), so no pass over the input is needed to find the keys.
// read_together() does the same for many JSON Lines at once with one simdjson stage 1 for
// all of them (per-record stage 1 was the main fixed cost per line); it only says whether
// it managed, and the reader falls back to read_row() per line, which finds the exact
// problem and its position, whenever it did not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/json/json_scan.h"
#include "table/chunk_column.h"
#include "table/dictionary.h"
#include "tsum/table_builder.h"

namespace tsum::json {

inline constexpr uint32_t kNoColumn = UINT32_MAX;

// About how many bytes of records RecordReader::read_together() should get at a time.
inline constexpr size_t kTogetherBytes = size_t{1} << 20;

// Column names in order, with lookup by name. The index is a Dictionary (one arena, no
// allocation per key): every work unit builds one, and units of very wide records meet
// tens of thousands of keys each.
class KeyIndex {
 public:
  static_assert(Dictionary::kNotFound == kNoColumn, "find() passes the dictionary's answer on");
  uint32_t find(std::string_view key) const { return index_.find(key); }  // kNoColumn when absent
  // The key's id, the next position when it is new.
  uint32_t insert(std::string_view key) {
    bool inserted;
    const uint32_t id = index_.find_or_insert(key, inserted);
    if (!inserted) return id;
    names_.emplace_back(key);
    bool plain = !key.empty();
    for (char c : key) plain = plain && c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    plain_.push_back(plain);
    return id;
  }
  const std::vector<std::string>& names() const { return names_; }
  // True when the key is written the same in JSON as decoded (no quote, backslash or
  // control character), so that raw key bytes can be compared with it.
  bool plain(uint32_t id) const { return plain_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::vector<bool> plain_;
  Dictionary index_;  // the names again, for lookup; index == position in names_
};

// The cells of one work unit: one column state per key, in the order the unit's records
// first name the keys (the reader moves them into the unit's chunk, json_reader.cc). A column that appears late gets NULLs for the rows
// before; finish() gives every column its NULLs up to the last row.
struct UnitColumns {
  // Gives every column its NULLs up to the last row read.
  void finish();

  KeyIndex keys;
  std::vector<std::unique_ptr<detail::ChunkColumn>> cells;  // per key
  std::vector<uint64_t> filled;     // per key: cells added so far
  std::vector<uint32_t> guess;      // per field position: the key it had last time
  uint64_t records = 0;
};

enum class Problem { kSyntax, kNotObject, kDuplicateKey, kEmptyKey };

struct RecordError {
  Problem problem = Problem::kSyntax;
  size_t offset = 0;   // into the record
  std::string detail;  // kSyntax: the description; kNotObject: "an array"...; kDuplicateKey: the key
  bool utf8 = false;   // kSyntax: the bytes at offset are not UTF-8
};

class RecordReader {
 public:
  // `end_name` names the end of a record in messages ("end of line", "end of input").
  explicit RecordReader(std::string_view end_name);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Adds the record's cells as row `unit.records` and counts the row; on a problem returns
  // it and leaves `unit` unusable (the reader stops at the first problem).
  std::optional<RecordError> read_row(std::string_view record, UnitColumns& unit);

  // The same for many records at once, faster: `text` holds whole JSON Lines from the
  // first record's start to the last one's end; records[k] is line k without its
  // surrounding whitespace (offsets into text), blank lines left out. Returns true when all were read; false when any record is
  // not valid as one on its own might be, or the reading together cannot tell (leaving
  // `unit` unusable): the caller then reads the records one by one, which finds the exact
  // problem. True only when read_row() on each would have succeeded with the same cells.
  bool read_together(std::string_view text, const std::vector<Span>& records, UnitColumns& unit);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tsum::json
