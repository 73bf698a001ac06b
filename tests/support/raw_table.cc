#include "support/raw_table.h"

#include "tsum/table_builder.h"

namespace tsum::test {

Table to_table(const RawTable& raw, size_t chunk_rows) {
  TableBuilder builder(raw.names);
  if (chunk_rows == 0) chunk_rows = raw.rows.size() + 1;
  for (size_t start = 0; start < raw.rows.size() || start == 0; start += chunk_rows) {
    ChunkBuilder chunk = builder.make_chunk();
    for (size_t r = start; r < raw.rows.size() && r < start + chunk_rows; ++r) {
      for (size_t c = 0; c < raw.names.size(); ++c) {
        const Cell& cell = raw.rows[r][c];
        if (!cell) chunk.add_null(c);
        else chunk.add_text(c, *cell);
      }
    }
    builder.add_chunk(std::move(chunk));
    if (raw.rows.empty()) break;
  }
  return builder.finish();
}

RawTable patients(size_t k) {
  static const char* rows[10][3] = {
      {"M", "adult", "normal"}, {"M", "adult", "low"},  {"M", "adult", "normal"}, {"M", "adult", "high"},
      {"M", "adult", "low"},    {"F", "child", "low"},  {"M", "child", "low"},    {"F", "child", "low"},
      {"M", "teen", "high"},    {"F", "child", "normal"}};
  RawTable t{{"gender", "age", "blood_pressure"}, {}, {}};
  for (size_t i = 0; i < k; ++i) {
    for (auto& row : rows) t.rows.push_back({row[0], row[1], row[2]});
  }
  return t;
}

}  // namespace tsum::test
