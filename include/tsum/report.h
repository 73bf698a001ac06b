// Renderers: a Summary as text for people, JSON for programs, Markdown for catalogs,
// HTML for sharing, CSV for spreadsheets.
// Renderers only format; they never recompute anything.
#pragma once

#include <string>

#include "tsum/summary.h"

namespace tsum {

struct ReportOptions {
  std::string input;     // the input's name as the user gave it
  size_t text_top = 20;  // text/markdown: patterns shown before "... and N more" (unless Summary::limited)
  size_t sentences = 5;  // html/markdown: top patterns described in plain words
  // Text only: the widest a line may be, in columns; longer values are shortened with an
  // ellipsis (the pattern column first). 0: no limit.
  size_t width = 0;
  // HTML only (JSON, text, Markdown and CSV never show them, so they stay deterministic):
  std::string generated_at{};   // when the report was made, as shown, e.g. "2026-11-01 14:03 UTC"; "" hides it
  double elapsed_seconds = -1;  // time taken to read and summarize; < 0 hides it
  // JSON: threads that format the patterns of a long summary (0: all cores). The text is
  // the same whatever the count.
  unsigned threads = 0;
};

std::string render_text(const Summary& summary, const ReportOptions& options);
std::string render_json(const Summary& summary, const ReportOptions& options);
std::string render_markdown(const Summary& summary, const ReportOptions& options);
// One self-contained HTML page (inline CSS and SVG, no script, no external fetch); every
// value from the data is HTML-escaped.
std::string render_html(const Summary& summary, const ReportOptions& options);
// RFC 4180 CSV, CRLF line ends: a header, then one row per pattern: rank, coverage, rows,
// cumulative, saving, then one field per table column (the pattern's value, or empty).
std::string render_csv(const Summary& summary, const ReportOptions& options);

// A saving as JSON prints it: an integer under tsum-dask, else the shortest text that
// round-trips the double.
std::string format_saving(double saving, CostModelKind model);
// The shortest text that round-trips a double.
std::string format_double(double value);

}  // namespace tsum
