#include "tsum/error.h"
#include "tsum/summary.h"

namespace tsum {

const char* search_name(SearchKind kind) {
  switch (kind) {
    case SearchKind::kGreedy: return "greedy";
    case SearchKind::kBeam: return "beam";
    case SearchKind::kBottomUp: return "bottom-up";
  }
  return "?";
}

SearchKind parse_search(const std::string& name) {
  if (name == "greedy") return SearchKind::kGreedy;
  if (name == "beam") return SearchKind::kBeam;
  if (name == "bottom-up") return SearchKind::kBottomUp;
  throw UsageError("unknown search '" + name + "' (expected greedy, beam or bottom-up)");
}

}  // namespace tsum
