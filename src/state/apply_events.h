// Applying a batch of Debezium change events to a StateStore (semantics: docs/state.md).
//
// Each event is first parsed and checked completely (columns, types, key), and only then
// applied, so that a bad event skipped under --skip-bad leaves no trace in the state.
#pragma once

#include <simdjson.h>

#include <string>

#include "state/debezium_event.h"
#include "state/state_store.h"
#include "tsum/state.h"

namespace tsum::state {

class EventApplier {
 public:
  EventApplier(StateStore& store, const ApplyOptions& options) : store_(store), options_(options) {}

  // Applies the JSON Lines in `text`; `name` names the input in messages. Throws DataError
  // "NAME:LINE: what is wrong" for a bad event beyond the tolerated number.
  void apply_lines(const simdjson::padded_string& text, const std::string& name);

  ApplyCounts counts() const;

 private:
  // Throws debezium::EventError.
  void apply_event(debezium::ChangeEvent& event);
  void check_row(const std::vector<debezium::Cell>& cells, size_t size, const char* which);
  void upsert(const debezium::ChangeEvent& event, std::string_view key);

  StateStore& store_;
  ApplyOptions options_;
  debezium::EventParser parser_;
  debezium::ChangeEvent event_;
  ApplyCounts counts_;
};

}  // namespace tsum::state
