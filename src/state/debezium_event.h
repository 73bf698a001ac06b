// One Debezium change event, as the JSON converter writes it, parsed and decoded.
//
// Accepted shapes of a line (docs/state.md):
//   {"schema": {...}, "payload": {...}}     schemas.enable=true
//   {"op": ..., "before": ..., ...}          schemas.enable=false (the payload alone)
//   {"key": K, "value": V}                   a key/value pair, V one of the above
//   null, or a value that is null            a tombstone
// Column values are decoded with the envelope's schema when there is one
// (src/state/debezium_values.h); without it JSON strings, numbers and booleans are taken
// as they are (booleans as PostgreSQL prints them: t, f).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "state/state_store.h"

namespace tsum::debezium {

// A problem with one event; the caller adds the file and line.
struct EventError {
  std::string message;
};

enum class Op : uint8_t { kCreate, kUpdate, kDelete, kRead, kTruncate, kTombstone, kOther };

struct Cell {
  std::string name;
  std::string type;   // the schema's type of the column ("" without a schema)
  bool null = true;
  std::string text;   // the value as a snapshot shows it, when not null
};

// Reused from line to line: its vectors and strings keep their capacity.
struct ChangeEvent {
  Op op = Op::kOther;
  std::string table;  // "schema.table" from `source`, "" when absent
  std::optional<SourcePosition> position;
  bool has_before = false, has_after = false;
  std::vector<Cell> before, after;
  size_t before_size = 0, after_size = 0;  // cells in use
  std::vector<Cell> key;                    // the event's key fields (key/value pairs only)
  size_t key_size = 0;
};

class EventParser {
 public:
  EventParser();
  ~EventParser();
  // Parses one event. The `capacity` bytes from line.data() must be readable, and at least
  // simdjson::SIMDJSON_PADDING more than line.size() (lines of one padded buffer).
  // Throws EventError.
  void parse(std::string_view line, size_t capacity, ChangeEvent& event);

 private:
  struct SchemaCache;
  bool parse_envelope_fast(std::string_view line, size_t capacity, ChangeEvent& event);

  simdjson::dom::parser parser_;
  simdjson::ondemand::parser ondemand_;
  std::unique_ptr<SchemaCache> cache_;
};

}  // namespace tsum::debezium
