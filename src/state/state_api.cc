// The public state functions (tsum/state.h): init, apply, info.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <vector>

#include "state/apply_events.h"
#include "state/state_file.h"
#include "state/state_store.h"
#include "tsum/error.h"
#include "tsum/state.h"

namespace tsum {
namespace {

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

StateStore load(const std::string& path) { return state::parse(state::read_file(path), path); }

// The snapshot's rows into an empty store, keyed by `key`.
void fill_from_table(StateStore& store, const Table& table, const std::string& key, const std::string& name) {
  store.set_columns(table.column_names());
  store.set_key_name(key);
  if (!store.resolve_key()) {
    std::string names;
    for (const std::string& n : table.column_names()) names += (names.empty() ? "" : ", ") + n;
    throw UsageError(fmt::format("--key '{}' is not a column of {} (columns: {})", key, name, names));
  }
  const size_t k = static_cast<size_t>(store.key_column());
  // Each column's dictionary maps to the store's in the same order; "" becomes NULL.
  std::vector<std::vector<uint32_t>> maps(table.num_columns());
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& col = table.column(c);
    maps[c].assign(col.cardinality() + 1, 0);
    for (uint32_t code = 1; code <= col.cardinality(); ++code) {
      if (!col.value(code).empty()) maps[c][code] = store.intern(c, col.value(code));
    }
  }
  bool integers = true;
  const Column& key_col = table.column(k);
  for (uint32_t code = 1; code <= key_col.cardinality() && integers; ++code) {
    int64_t v;
    integers = parse_integer_key(key_col.value(code), v);
  }
  store.set_integer_keys(integers);
  if (key_col.code_counts()[0] > 0 || (key_col.cardinality() > 0 && maps[k][1] == 0 && key_col.code_counts()[1] > 0)) {
    for (uint64_t r = 0; r < table.rows(); ++r) {
      if (maps[k][key_col.code_at(r)] == 0) {
        throw DataError(fmt::format("{}: row {}: the key column '{}' is NULL", name, r + 1, key));
      }
    }
  }
  for (uint32_t code = 1; code <= key_col.cardinality(); ++code) {
    if (key_col.code_counts()[code] > 1) {
      for (uint64_t r = 0, seen = 0; r < table.rows(); ++r) {
        if (key_col.code_at(r) == code && ++seen == 2) {
          throw DataError(fmt::format("{}: row {}: duplicate key '{}' in column '{}'", name, r + 1, key_col.value(code), key));
        }
      }
    }
  }
  for (uint64_t r = 0; r < table.rows(); ++r) {
    uint32_t slot = store.insert(maps[k][key_col.code_at(r)]);
    uint32_t* codes = store.slot_codes(slot);
    for (size_t c = 0; c < table.num_columns(); ++c) {
      if (c != k) codes[c] = maps[c][table.column(c).code_at(r)];
    }
  }
}

simdjson::padded_string read_events(const std::string& input) {
  if (input == "-") {
    // In large reads, not through iostreams: a pipe from kcat may carry gigabytes.
    std::string bytes;
    std::vector<char> buffer(1 << 20);
    for (;;) {
      ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw DataError(fmt::format("<stdin>: cannot read: {}", std::strerror(errno)));
      if (n == 0) break;
      bytes.append(buffer.data(), static_cast<size_t>(n));
    }
    return simdjson::padded_string(bytes);
  }
  // Read straight into a padded buffer: no second copy of a large events file.
  simdjson::padded_string text;
  if (simdjson::padded_string::load(input).get(text) != simdjson::SUCCESS) {
    throw DataError(fmt::format("{}: cannot read: {}", input, std::strerror(errno ? errno : EIO)));
  }
  return text;
}

ApplyCounts apply_with(const std::string& path, const ApplyOptions& options,
                       const std::function<void(state::EventApplier&)>& feed) {
  state::StateLock lock(path);
  StateStore store = load(path);
  state::EventApplier applier(store, options);
  feed(applier);
  state::replace_file(path, state::serialize(store));
  return applier.counts();
}

}  // namespace

void init_state(const std::string& path, const StateInitOptions& options) {
  if (exists(path)) throw UsageError(fmt::format("{} exists already; remove it to start a new state", path));
  StateStore store;
  store.set_key_name(options.key);
  store.table_name = options.table;
  if (options.from) {
    if (options.key.empty()) throw UsageError("--from needs --key: the snapshot's primary-key column");
    const std::string name = *options.from == "-" ? "<stdin>" : display_input_name(*options.from);
    fill_from_table(store, read_table(*options.from, options.read), options.key, name);
  }
  state::StateLock lock(path);
  state::replace_file(path, state::serialize(store));
}

ApplyCounts apply_state(const std::string& path, const std::vector<std::string>& inputs, const ApplyOptions& options) {
  return apply_with(path, options, [&](state::EventApplier& applier) {
    for (const std::string& input : inputs) applier.apply_lines(read_events(input), input == "-" ? "<stdin>" : input);
  });
}

ApplyCounts apply_state_text(const std::string& path, std::string_view events, const std::string& name,
                             const ApplyOptions& options) {
  return apply_with(path, options, [&](state::EventApplier& applier) {
    applier.apply_lines(simdjson::padded_string(events), name);
  });
}

std::string describe_counts(const ApplyCounts& c) {
  return fmt::format(
      "applied {} events: {} inserted, {} updated, {} deleted, {} key updates, {} deletes of unknown keys, {} truncates, "
      "{} already applied, {} for another table, {} tombstones, {} bad skipped; {} rows",
      c.events, c.inserted, c.updated, c.deleted, c.key_updates, c.unknown_deletes, c.truncates, c.already_applied,
      c.other_table, c.tombstones, c.bad_skipped, c.rows);
}

StateInfo state_info(const std::string& path) {
  const std::string bytes = state::read_file(path);
  StateStore store = state::parse(bytes, path);
  StateInfo info;
  info.version = state::kFormatVersion;
  info.rows = store.rows();
  for (size_t c = 0; c < store.num_columns(); ++c) {
    info.columns.push_back(store.column(c).name);
    info.types.push_back(store.column(c).type);
  }
  info.key = store.key_name();
  info.integer_keys = store.integer_keys();
  info.table = store.table_name;
  if (store.position) info.position = std::make_pair(store.position->major, store.position->minor);
  info.events_applied = store.events_applied;
  info.file_bytes = bytes.size();
  return info;
}

std::string describe_info(const StateInfo& info) {
  std::string out = fmt::format("format version: {}\nrows: {}\ncolumns: {}\n", info.version, info.rows, info.columns.size());
  for (size_t c = 0; c < info.columns.size(); ++c) {
    out += fmt::format("  {}{}{}\n", info.columns[c], info.types[c].empty() ? "" : " ", info.types[c]);
  }
  out += fmt::format("key: {} (ordered {})\n", info.key.empty() ? "(unknown)" : info.key,
                     info.integer_keys ? "as integers" : "by bytes");
  out += fmt::format("table: {}\n", info.table.empty() ? "(unknown)" : info.table);
  if (info.position) {
    out += fmt::format("last source position: {}/{}\n", info.position->first, info.position->second);
  } else {
    out += "last source position: (none)\n";
  }
  out += fmt::format("events applied: {}\nfile bytes: {}\n", info.events_applied, info.file_bytes);
  return out;
}

}  // namespace tsum
