#include "terminal_progress.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "report/format.h"

namespace tsum {

// ---- TerminalProgress: the line -----------------------------------------------

namespace {

std::string human_bytes(uint64_t n) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(n);
  size_t u = 0;
  while (v >= 1024 && u + 1 < std::size(kUnits)) {
    v /= 1024;
    ++u;
  }
  if (u == 0) return fmt::format("{} B", n);
  return v < 10 ? fmt::format("{:.1f} {}", v, kUnits[u]) : fmt::format("{:.0f} {}", v, kUnits[u]);
}

std::string clock_text(double seconds) {
  auto s = static_cast<unsigned long long>(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

// Keeps the first `width` display columns of `text`, ending with an ellipsis when cut.
std::string fit(const std::string& text, size_t width, bool unicode) {
  if (display_width(text) <= width) return text;
  const std::string ellipsis = unicode ? "\u2026" : "...";
  const size_t ew = unicode ? 1 : 3;
  if (width <= ew) return std::string(width, '.');
  std::string out;
  size_t cols = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (cols + 1 > width - ew) break;
    out.append(text, i, len);
    i += len;
    ++cols;
  }
  return out + ellipsis;
}

std::string repeat(const char* piece, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

// `cells` columns of bar, `fraction` of them filled.
std::string bar(double fraction, size_t cells, const TerminalProgress::Style& style) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  if (!style.unicode) {
    if (cells < 3) return std::string(cells, ' ');
    size_t inner = cells - 2;
    auto filled = static_cast<size_t>(fraction * static_cast<double>(inner) + 1e-9);
    std::string out = "[";  // appended: GCC 12 misreports "[" + std::string (-Wrestrict)
    out.append(filled, '#').append(inner - filled, '-') += ']';
    return out;
  }
  auto filled = static_cast<size_t>(fraction * static_cast<double>(cells) + 1e-9);
  if (style.color) {
    return "\x1b[36m" + repeat("\u2501", filled) + "\x1b[0m\x1b[2m" + repeat("\u2501", cells - filled) + "\x1b[0m";
  }
  return repeat("\u2588", filled) + repeat("\u2591", cells - filled);
}

std::string percent_int(double fraction) {
  return fmt::format("{:3.0f} %", std::floor(std::clamp(fraction, 0.0, 1.0) * 100.0));
}

}  // namespace

std::string TerminalProgress::line(const Progress& p, const std::string& input, size_t index, size_t inputs,
                                   double elapsed, unsigned width, const Style& style) {
  // Leave the last column free: writing into it makes some terminals wrap.
  const size_t room = std::clamp<size_t>(width, 20, 120) - 1;
  std::string label, stats;
  double fraction = -1;  // < 0: no bar
  switch (p.stage) {
    case Progress::Stage::kRead: {
      std::string name = fit(input, std::max<size_t>(12, room / 4), style.unicode);
      label = inputs > 1 ? fmt::format("reading {}/{} {}", index + 1, inputs, name) : "reading " + name;
      // Rows of the total when the reader knows it (Parquet), else bytes of the input's
      // size (CSV, JSON), else the rows so far (databases: the total is unknown).
      if (p.rows_total > 0) {
        fraction = static_cast<double>(p.rows_done) / static_cast<double>(p.rows_total);
        stats = percent_int(fraction) + "  " + with_thousands(p.rows_done) + " / " + with_thousands(p.rows_total) +
                " rows";
      } else if (p.bytes_total > 0) {
        fraction = static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total);
        stats = percent_int(fraction) + "  " + human_bytes(p.bytes_done) + " / " + human_bytes(p.bytes_total);
      } else {
        stats = fmt::format("{} row{}", with_thousands(p.rows_done), p.rows_done == 1 ? "" : "s");
      }
      break;
    }
    case Progress::Stage::kSearch: {
      label = "searching";
      if (p.rows_total > 0) {
        fraction = 1.0 - static_cast<double>(p.rows_left) / static_cast<double>(p.rows_total);
      }
      stats = fmt::format("{} pattern{}, {} row{} left", with_thousands(p.patterns), p.patterns == 1 ? "" : "s",
                          with_thousands(p.rows_left), p.rows_left == 1 ? "" : "s");
      break;
    }
    case Progress::Stage::kRank:
      label = fmt::format("ranking {} pattern{}", with_thousands(p.patterns), p.patterns == 1 ? "" : "s");
      break;
  }
  const std::string clock = clock_text(elapsed);
  // label  [bar]  stats  clock
  size_t fixed = display_width(label) + 2 + display_width(stats) + (stats.empty() ? 0 : 2) + display_width(clock);
  std::string out;
  if (fraction >= 0 && fixed + 10 <= room) {
    size_t cells = std::min<size_t>(room - fixed - 2, 40);
    out = label + "  " + bar(fraction, cells, style) + "  ";
  } else {
    out = label + "  ";
  }
  if (!stats.empty()) out += stats + "  ";
  out += clock;
  if (fraction < 0 || fixed + 10 > room) out = fit(out, room, style.unicode);
  return out;
}

// ---- TerminalProgress: the drawing thread -------------------------------------

TerminalProgress::Style TerminalProgress::style_from_environment() {
  Style style;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  style.color = !(no_color && *no_color);
  if (term && std::strcmp(term, "dumb") == 0) {
    style.color = false;
    style.escapes = false;
  }
  const char* locale = nullptr;
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) {
      locale = v;
      break;
    }
  }
  std::string l = locale ? locale : "";
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  style.unicode = l.find("utf-8") != std::string::npos || l.find("utf8") != std::string::npos;
  return style;
}

namespace {
// A whole number of milliseconds from the environment variable `name`, or `fallback`
// when it is unset or not a number in [minimum, one hour].
std::chrono::milliseconds env_milliseconds(const char* name, std::chrono::milliseconds fallback, long minimum) {
  const char* text = std::getenv(name);
  if (!text || !*text) return fallback;
  char* end = nullptr;
  errno = 0;
  long value = std::strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || value < minimum || value > 3600 * 1000) return fallback;
  return std::chrono::milliseconds(value);
}
}  // namespace

TerminalProgress::Timing TerminalProgress::timing_from_environment() {
  Timing timing;
  timing.delay = env_milliseconds("TSUM_PROGRESS_DELAY_MS", std::chrono::milliseconds(250), 0);
  timing.interval = env_milliseconds("TSUM_PROGRESS_INTERVAL_MS", std::chrono::milliseconds(100), 1);
  return timing;
}

bool TerminalProgress::wanted(int fd, bool quiet) { return !quiet && isatty(fd) == 1; }

TerminalProgress::TerminalProgress(int fd, std::vector<std::string> inputs, Style style, Clock::duration delay,
                                   Clock::duration interval)
    : fd_(fd), inputs_(std::move(inputs)), style_(style), delay_(delay), interval_(interval), started_(Clock::now()) {
  thread_ = std::thread([this] { run(); });
}

TerminalProgress::~TerminalProgress() { stop(); }

void TerminalProgress::update(const Progress& progress) {
  std::lock_guard lock(mutex_);
  if (progress.stage == Progress::Stage::kRead) {
    if (read_ended_ && !progress.done) ++input_;
    read_ended_ = progress.done;
  }
  latest_ = progress;
  have_latest_ = true;
  paused_ = false;
}

void TerminalProgress::clear_line() {
  {
    std::lock_guard lock(mutex_);
    paused_ = true;
  }
  std::lock_guard draw_lock(draw_mutex_);
  if (drew_) erase();
}

void TerminalProgress::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  std::lock_guard draw_lock(draw_mutex_);
  if (drew_) erase();
  drew_ = false;
}

void TerminalProgress::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) return;
    Clock::time_point now = Clock::now();
    if (now - started_ < delay_ || !have_latest_ || paused_) continue;
    Progress p = latest_;
    size_t input = input_;
    lock.unlock();
    {
      std::lock_guard draw_lock(draw_mutex_);  // never interleaved with clear_line() or stop()
      lock.lock();
      const bool paused = paused_;  // clear_line() may have come in between
      lock.unlock();
      if (!paused) draw(p, input, std::chrono::duration<double>(now - started_).count());
    }
    lock.lock();
  }
}

unsigned TerminalProgress::width() const {
  struct winsize ws;
  if (ioctl(fd_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

void TerminalProgress::draw(const Progress& p, size_t input, double elapsed) {
  const std::string name = input < inputs_.size() ? inputs_[input] : (inputs_.empty() ? "" : inputs_.back());
  std::string text = line(p, name, std::min(input, inputs_.size() ? inputs_.size() - 1 : 0), inputs_.size(), elapsed,
                          width(), style_);
  size_t w = display_width(text);
  if (style_.color) {
    // display_width counts escape sequences' printable bytes; recount without them.
    w = 0;
    bool in_escape = false;
    for (unsigned char c : text) {
      if (in_escape) {
        if (c >= 0x40 && c <= 0x7E && c != '[') in_escape = false;
        continue;
      }
      if (c == 0x1b) in_escape = true;
      else w += (c & 0xC0) != 0x80;
    }
  }
  std::string out = "\r" + text;
  if (style_.escapes) {
    out += "\x1b[K";
  } else if (w < drawn_width_) {
    out += std::string(drawn_width_ - w, ' ');
  }
  write_all(out);
  drawn_width_ = std::max(w, style_.escapes ? w : drawn_width_);
  drew_ = true;
}

void TerminalProgress::erase() {
  if (style_.escapes) write_all("\r\x1b[K");
  else write_all(std::string("\r").append(drawn_width_, ' ') + "\r");
  drawn_width_ = 0;
}

void TerminalProgress::write_all(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a broken terminal is no reason to fail the run
    done += static_cast<size_t>(n);
  }
}

}  // namespace tsum
