#include "io/memory_limit.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "tsum/error.h"

namespace tsum {
namespace {

constexpr size_t kSampleBytes = size_t{1} << 20;
// The projection is trusted only after this fraction of the input, and only when it
// overshoots by this factor: dictionaries grow slower than the rows, so a straight line
// from the first chunks over-estimates.
constexpr double kProjectAfter = 0.2;
constexpr double kProjectionSlack = 2.0;

// MemTotal from /proc/meminfo, in bytes; 0 when unknown.
uint64_t physical_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  uint64_t kib = 0;
  std::string unit;
  while (in >> key >> kib >> unit) {
    if (key == "MemTotal:") return kib * 1024;
  }
  return 0;
}

// The cgroup v2 limit of this process (memory.max), in bytes; 0 when there is none.
uint64_t cgroup_bytes() {
  std::ifstream self("/proc/self/cgroup");
  std::string line, path;
  while (std::getline(self, line)) {
    if (line.rfind("0::", 0) == 0) path = line.substr(3);
  }
  std::ifstream max("/sys/fs/cgroup" + path + "/memory.max");
  std::string text;
  if (!(max >> text) || text == "max") return 0;
  return std::strtoull(text.c_str(), nullptr, 10);
}

double fraction_read(const Progress& p) {
  if (p.rows_total > 0) return std::min(1.0, static_cast<double>(p.rows_done) / static_cast<double>(p.rows_total));
  if (p.bytes_total > 0) return std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total));
  return 0;
}

std::string describe_count(double n) {
  char buffer[64];
  if (n >= 1e9) std::snprintf(buffer, sizeof buffer, "%.1f billion", n / 1e9);
  else if (n >= 1e6) std::snprintf(buffer, sizeof buffer, "%.1f million", n / 1e6);
  else std::snprintf(buffer, sizeof buffer, "%.0f", n);
  return buffer;
}

}  // namespace

uint64_t MemoryLimit::default_bytes() {
  uint64_t physical = physical_bytes();
  uint64_t cgroup = cgroup_bytes();
  uint64_t total = physical == 0 ? cgroup : cgroup == 0 ? physical : std::min(physical, cgroup);
  return total / 4 * 3;
}

uint64_t MemoryLimit::parse(const std::string& text, const std::string& option) {
  auto bad = [&]() -> uint64_t {
    throw UsageError(option + ": expected a size such as 512M, 4G or 1.5G (K, M, G, T are powers of 1024), or none; got '" +
                     text + "'");
  };
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "none" || lower == "0") return 0;
  size_t digits = 0;
  while (digits < lower.size() && (std::isdigit(static_cast<unsigned char>(lower[digits])) || lower[digits] == '.')) ++digits;
  if (digits == 0 || std::count(lower.begin(), lower.begin() + digits, '.') > 1) return bad();
  double number = std::strtod(lower.substr(0, digits).c_str(), nullptr);
  std::string unit = lower.substr(digits);
  if (unit.ends_with("ib")) unit.resize(unit.size() - 2);  // GiB
  else if (unit.size() == 2 && unit[1] == 'b') unit.resize(1);  // GB: also 1024-based, as free(1) and ulimit
  double scale;
  if (unit.empty() || unit == "b") scale = 1;
  else if (unit == "k") scale = 1024.0;
  else if (unit == "m") scale = 1024.0 * 1024;
  else if (unit == "g") scale = 1024.0 * 1024 * 1024;
  else if (unit == "t") scale = 1024.0 * 1024 * 1024 * 1024;
  else return bad();
  double bytes = std::floor(number * scale);
  if (!(bytes >= 1) || bytes >= 1.8e19) return bad();  // 0.0001 rounds to nothing; no overflow
  return static_cast<uint64_t>(bytes);
}

std::string MemoryLimit::describe(uint64_t bytes) {
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, value < 10 && value != std::floor(value) ? "%.1f %s" : "%.0f %s", value,
                units[unit]);
  return buffer;
}

uint64_t MemoryLimit::anonymous_resident_bytes() {
  // statm: size resident shared text lib data dt, in pages; shared = file-backed + shmem.
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long long size = 0, resident = 0, shared = 0;
  int got = std::fscanf(f, "%llu %llu %llu", &size, &resident, &shared);
  std::fclose(f);
  if (got != 3 || shared > resident) return 0;
  return (resident - shared) * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

void MemoryLimit::fail(const std::string& input, const std::string& seen) const {
  throw DataError(input + ": needs more memory than the limit of " + describe(bytes_) + " (--max-memory): " + seen +
                  "; raise --max-memory or summarize fewer columns (--columns)");
}

void MemoryLimit::check(const std::string& input, const std::string& when) const {
  if (!active()) return;
  uint64_t used = anonymous_resident_bytes();
  if (used > bytes_) fail(input, describe(used) + " in use " + when);
}

void MemoryLimit::check_estimate(const std::string& input, std::string_view bytes, char delimiter, bool json) const {
  if (!active() || bytes.empty()) return;
  std::string_view sample = bytes.substr(0, kSampleBytes);
  uint64_t cells = 0;
  if (json) {
    for (size_t at = sample.find("\":"); at != std::string_view::npos; at = sample.find("\":", at + 2)) ++cells;
  } else {
    if (delimiter == '\0') {  // the most frequent candidate on the first line, as the reader would guess
      std::string_view line = sample.substr(0, sample.find('\n'));
      size_t best = 0;
      delimiter = ',';
      for (char candidate : {',', '\t', ';', '|'}) {
        size_t n = static_cast<size_t>(std::count(line.begin(), line.end(), candidate));
        if (n > best) best = n, delimiter = candidate;
      }
    }
    cells = static_cast<uint64_t>(std::count(sample.begin(), sample.end(), delimiter)) +
            static_cast<uint64_t>(std::count(sample.begin(), sample.end(), '\n'));
  }
  double estimate = static_cast<double>(cells) * static_cast<double>(bytes.size()) / static_cast<double>(sample.size());
  double needed = static_cast<double>(anonymous_resident_bytes()) + estimate;  // one byte per cell at least
  if (needed > static_cast<double>(bytes_)) {
    fail(input, "about " + describe_count(estimate) + " cells in " + describe(bytes.size()) + ", at least " +
                    describe(static_cast<uint64_t>(needed)) + " with what is already in use");
  }
}

ProgressCallback MemoryLimit::guard(ProgressCallback user, std::string input) const {
  if (!active()) return user;
  struct Start {
    bool set = false;
    uint64_t used = 0;
  };
  auto start = std::make_shared<Start>();
  uint64_t limit = bytes_;
  return [limit, user = std::move(user), input = std::move(input), start](const Progress& p) {
    if (user) user(p);
    if (p.done) return;
    const MemoryLimit self(limit);
    uint64_t used = anonymous_resident_bytes();
    if (!start->set || (p.stage == Progress::Stage::kRead && p.bytes_done == 0 && p.rows_done == 0)) {
      start->set = true;
      start->used = used;
    }
    if (used > limit) {
      self.fail(input, describe(used) + " in use " +
                           (p.stage == Progress::Stage::kRead ? "while reading it" : std::string("while summarizing it")));
    }
    double read = p.stage == Progress::Stage::kRead ? fraction_read(p) : 0;
    if (read >= kProjectAfter && used > start->used) {
      double projected = static_cast<double>(start->used) + static_cast<double>(used - start->used) / read;
      if (projected > kProjectionSlack * static_cast<double>(limit)) {
        char percent[16];
        std::snprintf(percent, sizeof percent, "%.0f %%", 100 * read);
        self.fail(input, describe(used) + " in use after reading " + percent + " of it, on course for about " +
                             describe(static_cast<uint64_t>(projected)));
      }
    }
  };
}

}  // namespace tsum
