// Layout (docs/state.md), all integers little-endian:
//   "TSUMSTAT" u32 version u32 flags u64 rows u32 columns
//   str key, str table, u8 has_position, u64 major, u64 minor, u64 events_applied
//   per column: str name, str type
//   per column: u32 cardinality, u8 width, cardinality x u32 lengths, the value bytes, rows x width codes
//   u32 CRC-32 of every byte before it, "TSUMSEND"
// where str is u32 length + bytes.
#include "state/state_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fmt/format.h>

#include "table/column_assembler.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum::state {
namespace {

constexpr std::string_view kMagic = "TSUMSTAT";
constexpr std::string_view kEndMagic = "TSUMSEND";
constexpr uint32_t kFlagIntegerKeys = 1;

template <class T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  for (size_t i = 0; i < sizeof(T); ++i) bytes[i] = static_cast<char>((static_cast<uint64_t>(value) >> (8 * i)) & 0xff);
  out.append(bytes, sizeof(T));
}
void put_str(std::string& out, std::string_view s) {
  put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

uint32_t crc_of(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (!bytes.empty()) {
    uInt n = static_cast<uInt>(std::min<size_t>(bytes.size(), 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), n);
    bytes.remove_prefix(n);
  }
  return static_cast<uint32_t>(crc);
}

// Bounds-checked reading of the layout.
class Cursor {
 public:
  Cursor(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {}
  template <class T>
  T get() {
    need(sizeof(T), "a number");
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
    pos_ += sizeof(T);
    return static_cast<T>(v);
  }
  std::string_view get_bytes(uint64_t n, const char* what) {
    need(n, what);
    std::string_view s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string_view get_str(const char* what) { return get_bytes(get<uint32_t>(), what); }
  size_t pos() const { return pos_; }
  [[noreturn]] void corrupt(const std::string& what) const {
    throw DataError(fmt::format("{}: corrupt state file ({} at byte {})", name_, what, pos_));
  }

 private:
  void need(uint64_t n, const char* what) {
    if (n > bytes_.size() - pos_) corrupt(fmt::format("{} runs past the end", what));
  }
  std::string_view bytes_;
  const std::string& name_;
  size_t pos_ = 0;
};

struct Header {
  uint32_t flags = 0;
  uint64_t rows = 0;
  uint32_t columns = 0;
  std::string_view key, table;
  bool has_position = false;
  SourcePosition position;
  uint64_t events_applied = 0;
  std::vector<std::string_view> names, types;
};

// Checks magic, version and checksum; returns the body (without the trailer) and reads the header.
Header read_header(Cursor& in, std::string_view bytes, const std::string& name) {
  if (!looks_like_state(bytes)) throw DataError(name + ": not a tsum state file (no TSUMSTAT magic)");
  if (bytes.size() < kMagic.size() + 4 + 4 + kEndMagic.size()) {
    throw DataError(name + ": corrupt state file (truncated)");
  }
  in.get_bytes(kMagic.size(), "magic");
  uint32_t version = in.get<uint32_t>();
  if (version != kFormatVersion) {
    throw DataError(fmt::format("{}: state file format version {} is not supported (this tsum reads version {})", name,
                                version, kFormatVersion));
  }
  std::string_view tail = bytes.substr(bytes.size() - 12);
  if (tail.substr(4) != kEndMagic) throw DataError(name + ": corrupt state file (truncated: no end marker)");
  uint32_t stored = 0;
  for (int i = 0; i < 4; ++i) stored |= static_cast<uint32_t>(static_cast<unsigned char>(tail[i])) << (8 * i);
  if (stored != crc_of(bytes.substr(0, bytes.size() - 12))) {
    throw DataError(name + ": corrupt state file (checksum mismatch)");
  }
  Header h;
  h.flags = in.get<uint32_t>();
  h.rows = in.get<uint64_t>();
  h.columns = in.get<uint32_t>();
  h.key = in.get_str("the key name");
  h.table = in.get_str("the table name");
  h.has_position = in.get<uint8_t>() != 0;
  h.position.major = in.get<uint64_t>();
  h.position.minor = in.get<uint64_t>();
  h.events_applied = in.get<uint64_t>();
  if (h.columns > (1u << 20)) in.corrupt("column count out of range");
  for (uint32_t c = 0; c < h.columns; ++c) {
    h.names.push_back(in.get_str("a column name"));
    h.types.push_back(in.get_str("a column type"));
  }
  if (h.rows > UINT32_MAX - 1) in.corrupt("row count out of range");
  return h;
}

struct ColumnBlock {
  uint32_t cardinality = 0;
  CodeWidth width = CodeWidth::k8;
  std::string_view lengths, values, codes;
};

ColumnBlock read_column(Cursor& in, uint64_t rows) {
  ColumnBlock b;
  b.cardinality = in.get<uint32_t>();
  uint8_t w = in.get<uint8_t>();
  if (w != 1 && w != 2 && w != 4) in.corrupt("bad code width");
  b.width = static_cast<CodeWidth>(w);
  if (b.width != width_for(b.cardinality)) in.corrupt("code width does not fit the cardinality");
  b.lengths = in.get_bytes(uint64_t{b.cardinality} * 4, "value lengths");
  uint64_t total = 0;
  for (uint32_t i = 0; i < b.cardinality; ++i) {
    uint32_t n = 0;
    std::memcpy(&n, b.lengths.data() + 4 * i, 4);  // little-endian hosts only (x86-64, arm64)
    total += n;
  }
  b.values = in.get_bytes(total, "dictionary values");
  b.codes = in.get_bytes(rows * w, "row codes");
  return b;
}

uint32_t code_at(const ColumnBlock& b, uint64_t row) {
  switch (b.width) {
    case CodeWidth::k8: return static_cast<unsigned char>(b.codes[row]);
    case CodeWidth::k16: { uint16_t v; std::memcpy(&v, b.codes.data() + 2 * row, 2); return v; }
    default: { uint32_t v; std::memcpy(&v, b.codes.data() + 4 * row, 4); return v; }
  }
}

void finish_body(Cursor& in, size_t size) {
  if (in.pos() != size - 12) in.corrupt("unexpected bytes before the end marker");
}

}  // namespace

bool looks_like_state(std::string_view bytes) { return bytes.substr(0, kMagic.size()) == kMagic; }

std::string serialize(const StateStore& store) {
  const std::vector<uint32_t> order = store.key_column() >= 0 ? store.live_rows_in_key_order() : std::vector<uint32_t>{};
  std::string out;
  out.append(kMagic);
  put<uint32_t>(out, kFormatVersion);
  put<uint32_t>(out, store.integer_keys() ? kFlagIntegerKeys : 0);
  put<uint64_t>(out, order.size());
  put<uint32_t>(out, static_cast<uint32_t>(store.num_columns()));
  put_str(out, store.key_name());
  put_str(out, store.table_name);
  put<uint8_t>(out, store.position ? 1 : 0);
  put<uint64_t>(out, store.position ? store.position->major : 0);
  put<uint64_t>(out, store.position ? store.position->minor : 0);
  put<uint64_t>(out, store.events_applied);
  for (size_t c = 0; c < store.num_columns(); ++c) {
    put_str(out, store.column(c).name);
    put_str(out, store.column(c).type);
  }
  std::vector<uint32_t> remap, codes(order.size());
  std::vector<uint32_t> first;  // old code of each new code, in first-appearance order
  for (size_t c = 0; c < store.num_columns(); ++c) {
    const Dictionary& dict = store.column(c).values;
    remap.assign(dict.size() + 1, UINT32_MAX);
    remap[0] = 0;
    first.clear();
    for (size_t r = 0; r < order.size(); ++r) {
      uint32_t old = store.slot_codes(order[r])[c];
      if (remap[old] == UINT32_MAX) {
        first.push_back(old);
        remap[old] = static_cast<uint32_t>(first.size());
      }
      codes[r] = remap[old];
    }
    put<uint32_t>(out, static_cast<uint32_t>(first.size()));
    const CodeWidth width = width_for(first.size());
    put<uint8_t>(out, static_cast<uint8_t>(width));
    for (uint32_t old : first) put<uint32_t>(out, static_cast<uint32_t>(dict.value(old - 1).size()));
    for (uint32_t old : first) out.append(dict.value(old - 1));
    for (uint32_t code : codes) {
      if (width == CodeWidth::k8) put<uint8_t>(out, static_cast<uint8_t>(code));
      else if (width == CodeWidth::k16) put<uint16_t>(out, static_cast<uint16_t>(code));
      else put<uint32_t>(out, code);
    }
  }
  put<uint32_t>(out, crc_of(out));
  out.append(kEndMagic);
  return out;
}

StateStore parse(std::string_view bytes, const std::string& name) {
  Cursor in(bytes, name);
  Header h = read_header(in, bytes, name);
  StateStore store;
  std::vector<std::string> names(h.names.begin(), h.names.end());
  store.set_columns(names);
  for (size_t c = 0; c < names.size(); ++c) store.column(c).type = std::string(h.types[c]);
  store.set_key_name(std::string(h.key));
  store.set_integer_keys(h.flags & kFlagIntegerKeys);
  store.table_name = std::string(h.table);
  if (h.has_position) store.position = h.position;
  store.events_applied = h.events_applied;
  std::vector<ColumnBlock> blocks;
  for (uint32_t c = 0; c < h.columns; ++c) {
    blocks.push_back(read_column(in, h.rows));
    ColumnBlock& b = blocks.back();
    uint64_t offset = 0;
    for (uint32_t i = 0; i < b.cardinality; ++i) {
      uint32_t n = 0;
      std::memcpy(&n, b.lengths.data() + 4 * i, 4);
      bool inserted = false;
      store.column(c).values.find_or_insert(b.values.substr(offset, n), inserted);
      if (!inserted) in.corrupt(fmt::format("column {} repeats a dictionary value", names[c]));
      offset += n;
    }
  }
  finish_body(in, bytes.size());
  if (h.columns == 0) {
    if (h.rows != 0) in.corrupt("rows without columns");
    return store;
  }
  if (!store.resolve_key()) in.corrupt("the key is not one of the columns");
  std::vector<uint32_t> row(h.columns);
  for (uint64_t r = 0; r < h.rows; ++r) {
    for (uint32_t c = 0; c < h.columns; ++c) {
      row[c] = code_at(blocks[c], r);
      if (row[c] > blocks[c].cardinality) in.corrupt("a code beyond its dictionary");
    }
    if (row[store.key_column()] == 0) in.corrupt("a NULL key");
    store.append_sorted_row(row.data());
  }
  return store;
}

Table read_state_table(std::string_view bytes, const std::string& name) {
  Cursor in(bytes, name);
  Header h = read_header(in, bytes, name);
  std::vector<std::shared_ptr<const Column>> columns;
  for (uint32_t c = 0; c < h.columns; ++c) {
    ColumnBlock b = read_column(in, h.rows);
    std::vector<uint64_t> offsets(b.cardinality + 1, 0);
    bool all_numeric = true;
    for (uint32_t i = 0; i < b.cardinality; ++i) {
      uint32_t n = 0;
      std::memcpy(&n, b.lengths.data() + 4 * i, 4);
      offsets[i + 1] = offsets[i] + n;
      all_numeric = all_numeric && is_spec_number(b.values.substr(offsets[i], n));
    }
    std::vector<uint64_t> counts(b.cardinality + 1, 0);
    for (uint64_t r = 0; r < h.rows; ++r) {
      uint32_t code = code_at(b, r);
      if (code > b.cardinality) in.corrupt("a code beyond its dictionary");
      ++counts[code];
    }
    ColumnAssembler assembler(std::string(h.names[c]), h.rows, b.width);
    if (!b.codes.empty()) std::memcpy(assembler.mutable_codes(), b.codes.data(), b.codes.size());
    columns.push_back(assembler.finish(std::string(b.values), std::move(offsets), std::move(counts), all_numeric));
  }
  finish_body(in, bytes.size());
  return Table(std::move(columns), h.rows);
}

std::string read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DataError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      throw DataError(fmt::format("{}: cannot read: {}", path, std::strerror(e)));
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

namespace {

std::string directory_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw DataError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

void replace_file(const std::string& path, std::string_view bytes) {
  const std::string temp = fmt::format("{}.tmp.{}", path, ::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw DataError(fmt::format("{}: cannot create: {}", temp, std::strerror(errno)));
  try {
    write_all(fd, bytes, temp);
    if (::fsync(fd) != 0) throw DataError(fmt::format("{}: cannot flush to disk: {}", temp, std::strerror(errno)));
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(temp.c_str());
    throw DataError(fmt::format("{}: cannot replace: {}", path, std::strerror(e)));
  }
  // The rename is durable once the directory is flushed.
  int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

StateLock::StateLock(const std::string& path) {
  const std::string lock = path + ".lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw DataError(fmt::format("{}: cannot create the lock file: {}", lock, std::strerror(errno)));
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno != EINTR) throw DataError(fmt::format("{}: cannot lock: {}", lock, std::strerror(errno)));
  }
  // Holding the lock, no other writer runs: any PATH.tmp.* is left over from a killed one.
  const std::string dir = directory_of(path);
  const std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  const std::string prefix = base + ".tmp.";
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (std::string_view(e->d_name).substr(0, prefix.size()) == prefix) {
        ::unlink((dir + "/" + e->d_name).c_str());
      }
    }
    ::closedir(d);
  }
}

StateLock::~StateLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace tsum::state
