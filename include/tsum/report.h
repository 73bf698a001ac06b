// Renderers: a Summary as text for people, JSON for programs, Markdown for catalogs.
// Renderers only format; they never recompute anything.
#pragma once

#include <string>

#include "tsum/summary.h"

namespace tsum {

struct ReportOptions {
  std::string input;     // the input's name as the user gave it
  size_t text_top = 20;  // text/markdown: patterns shown before "... and N more"
};

std::string render_text(const Summary& summary, const ReportOptions& options);
std::string render_json(const Summary& summary, const ReportOptions& options);
std::string render_markdown(const Summary& summary, const ReportOptions& options);

// A saving as JSON prints it: an integer under tsum-dask, else the shortest text that
// round-trips the double.
std::string format_saving(double saving, CostModelKind model);
// The shortest text that round-trips a double.
std::string format_double(double value);

}  // namespace tsum
