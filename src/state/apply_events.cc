#include "state/apply_events.h"

#include <fmt/format.h>

#include "tsum/error.h"

namespace tsum::state {
namespace {

using debezium::Cell;
using debezium::ChangeEvent;
using debezium::EventError;
using debezium::Op;

[[noreturn]] void fail(std::string message) { throw EventError{std::move(message)}; }

const Cell* find_cell(const std::vector<Cell>& cells, size_t size, std::string_view name) {
  for (size_t i = 0; i < size; ++i) {
    if (cells[i].name == name) return &cells[i];
  }
  return nullptr;
}

std::string join_names(const std::vector<Cell>& cells, size_t size) {
  std::string out;
  for (size_t i = 0; i < size; ++i) out += (i ? "," : "") + cells[i].name;
  return out;
}

// Empty text is NULL, as in a CSV snapshot, where an empty field (quoted or not) is NULL.
bool is_null(const Cell& cell) { return cell.null || cell.text.empty(); }

}  // namespace

void EventApplier::check_row(const std::vector<Cell>& cells, size_t size, const char* which) {
  // Column names and order must be the state's; types must not change.
  bool same = size == store_.num_columns();
  for (size_t i = 0; same && i < size; ++i) same = cells[i].name == store_.column(i).name;
  if (!same) {
    for (size_t i = 0; i < size; ++i) {
      if (store_.find_column(cells[i].name) < 0) {
        fail(fmt::format("column mismatch: '{}' has column '{}', which the state does not have", which, cells[i].name));
      }
    }
    // REPLICA IDENTITY DEFAULT: a delete's before may hold the key alone.
    if (std::string_view(which) == "before") return;
    for (size_t c = 0; c < store_.num_columns(); ++c) {
      if (!find_cell(cells, size, store_.column(c).name)) {
        fail(fmt::format("column mismatch: '{}' lacks column '{}' of the state", which, store_.column(c).name));
      }
    }
    fail(fmt::format("column mismatch: '{}' has the columns {} in another order than the state's", which, join_names(cells, size)));
  }
  for (size_t i = 0; i < size; ++i) {
    const std::string& was = store_.column(i).type;
    if (!cells[i].type.empty() && !was.empty() && cells[i].type != was) {
      fail(fmt::format("type change: column '{}' was {} and is now {}", cells[i].name, was, cells[i].type));
    }
  }
}

void EventApplier::upsert(const ChangeEvent& event, std::string_view key) {
  uint32_t slot = store_.find(key);
  if (slot == StateStore::kNoSlot) {
    slot = store_.insert(store_.intern(static_cast<size_t>(store_.key_column()), key));
    ++counts_.inserted;
  } else {
    ++counts_.updated;
  }
  uint32_t* codes = store_.slot_codes(slot);
  const size_t key_column = static_cast<size_t>(store_.key_column());
  for (size_t c = 0; c < event.after_size; ++c) {
    if (c == key_column) continue;
    const Cell& cell = event.after[c];
    codes[c] = is_null(cell) ? 0 : store_.intern(c, cell.text);
  }
}

void EventApplier::apply_event(ChangeEvent& event) {
  // --- checks: nothing below changes the store until they pass ---
  if (event.op == Op::kTombstone) {
    ++counts_.tombstones;
    return;
  }
  if (!event.table.empty() && !store_.table_name.empty() && event.table != store_.table_name) {
    ++counts_.other_table;
    return;
  }
  if (event.position && store_.position && *event.position < *store_.position) {
    ++counts_.already_applied;
    return;
  }
  const bool writes = event.op == Op::kCreate || event.op == Op::kUpdate || event.op == Op::kRead;
  std::string_view key_name = store_.key_name();
  if (key_name.empty() && event.key_size > 0) {
    if (event.key_size > 1) fail(fmt::format("the event's key has {} columns; only single-column keys are supported", event.key_size));
    key_name = event.key[0].name;
  }
  if (key_name.empty() && event.op != Op::kTruncate) {
    fail("no key: the state has no key column (tsum state init --key COLUMN) and the event carries no key");
  }
  const bool new_columns = !store_.has_columns();
  if (writes) {
    if (new_columns) {
      if (!find_cell(event.after, event.after_size, key_name)) {
        fail(fmt::format("missing key: 'after' has no column '{}'", key_name));
      }
    } else {
      check_row(event.after, event.after_size, "after");
    }
  }
  if (event.has_before && !new_columns) check_row(event.before, event.before_size, "before");

  std::string_view key, old_key;
  bool has_old_key = false;
  if (writes) {
    const Cell* k = find_cell(event.after, event.after_size, key_name);
    if (!k || is_null(*k)) fail(fmt::format("missing key: column '{}' of 'after' is null", key_name));
    key = k->text;
    if (event.op == Op::kUpdate && event.has_before) {
      const Cell* b = find_cell(event.before, event.before_size, key_name);
      if (b && !is_null(*b) && b->text != key) {
        old_key = b->text;
        has_old_key = true;
      }
    }
  } else if (event.op == Op::kDelete) {
    const Cell* k = event.has_before ? find_cell(event.before, event.before_size, key_name) : nullptr;
    if (!k || is_null(*k)) k = find_cell(event.key, event.key_size, key_name);
    if (!k || is_null(*k)) fail(fmt::format("missing key: the delete names no value of '{}' (neither in 'before' nor in the key)", key_name));
    key = k->text;
  }
  // Keys are ordered as integers while every key is one (docs/state.md); an empty state
  // decides afresh from the key column's schema type or, without one, from the key itself.
  int64_t ignored = 0;
  bool integer_key = parse_integer_key(key, ignored);
  bool decide_order = store_.rows() == 0 && writes;
  if (!decide_order && writes && store_.integer_keys() && !integer_key) {
    fail(fmt::format("type change: key '{}' is not an integer, but the state's keys are", key));
  }

  // --- apply ---
  if (store_.table_name.empty()) store_.table_name = event.table;
  if (store_.key_name().empty()) store_.set_key_name(std::string(key_name));
  if (writes && new_columns) {
    std::vector<std::string> names;
    for (size_t i = 0; i < event.after_size; ++i) names.push_back(event.after[i].name);
    store_.set_columns(names);
    store_.resolve_key();
  }
  if (writes) {
    for (size_t i = 0; i < event.after_size; ++i) {
      if (store_.column(i).type.empty()) store_.column(i).type = event.after[i].type;
    }
  }
  if (decide_order) {
    const std::string& type = store_.column(static_cast<size_t>(store_.key_column())).type;
    store_.set_integer_keys(type.empty() ? integer_key : type.rfind("int", 0) == 0);
  }
  switch (event.op) {
    case Op::kTruncate:
      if (store_.has_columns() && store_.key_column() >= 0) store_.clear();
      ++counts_.truncates;
      break;
    case Op::kDelete: {
      uint32_t slot = store_.has_columns() ? store_.find(key) : StateStore::kNoSlot;
      if (slot == StateStore::kNoSlot) {
        ++counts_.unknown_deletes;
      } else {
        store_.erase(slot);
        ++counts_.deleted;
      }
      break;
    }
    default:
      if (has_old_key) {
        if (uint32_t slot = store_.find(old_key); slot != StateStore::kNoSlot) store_.erase(slot);
        ++counts_.key_updates;
        // Counted as one key update, not also as the insert or update upsert() counts.
        const uint64_t inserted = counts_.inserted, updated = counts_.updated;
        upsert(event, key);
        counts_.inserted = inserted;
        counts_.updated = updated;
        break;
      }
      upsert(event, key);
      break;
  }
  if (event.position && (!store_.position || *store_.position < *event.position)) store_.position = event.position;
  ++store_.events_applied;
}

void EventApplier::apply_lines(const simdjson::padded_string& text, const std::string& name) {
  std::string_view all(text.data(), text.size());
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    const bool last_unterminated = end == std::string_view::npos;
    if (last_unterminated) end = all.size();
    std::string_view line = all.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    ++counts_.events;
    try {
      parser_.parse(line, text.size() + simdjson::SIMDJSON_PADDING - static_cast<size_t>(line.data() - text.data()), event_);
      apply_event(event_);
    } catch (const EventError& e) {
      std::string message = fmt::format("{}:{}: {}", name, line_number, e.message);
      if (last_unterminated && e.message.rfind("malformed JSON", 0) == 0) {
        message += " (the input ends in the middle of this line: truncated?)";
      }
      if (counts_.bad_skipped >= options_.skip_bad) {
        if (options_.skip_bad > 0) message += fmt::format(" ({} bad events skipped before it, --skip-bad {})", counts_.bad_skipped, options_.skip_bad);
        throw DataError(message);
      }
      ++counts_.bad_skipped;
    }
  }
}

ApplyCounts EventApplier::counts() const {
  ApplyCounts c = counts_;
  c.rows = store_.rows();
  return c;
}

}  // namespace tsum::state
