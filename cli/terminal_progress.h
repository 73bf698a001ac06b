// TerminalProgress, the tsum command's progress bar: what the command draws on a
// terminal's stderr, from the Progress reports of the readers and the engine
// (report/progress.h, tsum/progress.h). It belongs to the command, not to the library:
// the Python package and other front ends never draw on a terminal.
//
// TerminalProgress: what the tsum command draws on a terminal's stderr: one line with a
// bar for reading (rows of the total when the reader knows it, else bytes of the total,
// else just the rows read so far) and for the search (patterns found, rows left),
// redrawn by its own thread at most 10 times a second, and erased at the end. Nothing is
// drawn for runs shorter than `delay`. NO_COLOR (set and not empty) turns colour off;
// TERM=dumb turns off every escape sequence; a non-UTF-8 locale gets an ASCII bar.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tsum/progress.h"

namespace tsum {

class TerminalProgress {
 public:
  using Clock = std::chrono::steady_clock;

  struct Style {
    bool color = true;    // SGR colours (off with NO_COLOR)
    bool escapes = true;  // \x1b[K to erase (off with TERM=dumb: spaces instead)
    bool unicode = true;  // block characters for the bar (off in a non-UTF-8 locale)
  };
  // The style for this process's environment (NO_COLOR, TERM, LC_ALL/LC_CTYPE/LANG).
  static Style style_from_environment();
  // True when progress should be drawn on `fd`: it is a terminal and not `quiet`.
  static bool wanted(int fd, bool quiet);
  // How long a run goes before the bar appears, and how often it is redrawn: 250 ms and
  // 100 ms, or TSUM_PROGRESS_DELAY_MS / TSUM_PROGRESS_INTERVAL_MS (whole milliseconds,
  // interval at least 1) when set. Tests set them so that what they check does not hinge
  // on how fast this machine reads and searches.
  struct Timing {
    Clock::duration delay = std::chrono::milliseconds(250);
    Clock::duration interval = std::chrono::milliseconds(100);
  };
  static Timing timing_from_environment();

  // Draws on `fd` (normally 2). `inputs` name the inputs as reports show them, in the
  // order they are read (each kRead stage that starts after one ended is the next input).
  TerminalProgress(int fd, std::vector<std::string> inputs, Style style,
                   Clock::duration delay = std::chrono::milliseconds(250),
                   Clock::duration interval = std::chrono::milliseconds(100));
  ~TerminalProgress();  // stop()
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  // Any thread: the latest state (a ProgressCallback can forward here). Cheap: it only
  // stores the state; the drawing thread shows it.
  void update(const Progress& progress);
  // Erases the line now, before printing a message on the terminal; the bar comes back
  // with the next update().
  void clear_line();
  // Stops the drawing thread and erases the line if anything was drawn. Idempotent.
  void stop();

  // The text of one progress line `width` columns wide at most (no \r, no erase), for
  // `progress` after `elapsed_seconds`; `input` is the name of the input being read, the
  // `index`-th (0-based) of `inputs`.
  static std::string line(const Progress& progress, const std::string& input, size_t index, size_t inputs,
                          double elapsed_seconds, unsigned width, const Style& style);

 private:
  void run();
  void draw(const Progress& progress, size_t input, double elapsed);
  void erase();
  unsigned width() const;
  void write_all(const std::string& text);

  int fd_;
  std::vector<std::string> inputs_;
  Style style_;
  Clock::duration delay_;
  Clock::duration interval_;
  Clock::time_point started_;
  std::mutex mutex_;       // the state below, up to draw_mutex_
  std::condition_variable wake_;
  Progress latest_;
  size_t input_ = 0;         // index in inputs_ of the input being read
  bool read_ended_ = false;  // the last update ended a kRead stage
  bool have_latest_ = false;
  bool stopping_ = false;
  bool paused_ = false;      // clear_line() until the next update()
  std::mutex draw_mutex_;    // the terminal and the two below: a slow terminal never blocks update()
  size_t drawn_width_ = 0;   // columns on screen now (0: nothing drawn)
  bool drew_ = false;
  std::thread thread_;
};

}  // namespace tsum
