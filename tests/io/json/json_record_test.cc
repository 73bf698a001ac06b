// RecordReader::read_together() reads many JSON Lines with one stage 1 over all of them;
// the reader trusts it only when it says it read every record, and then the cells must
// be exactly those that reading each line on its own (read_row) gives. These tests feed
// both valid and randomly damaged lines to both and check that whenever read_together()
// succeeds, read_row() succeeds on every line with identical columns, and that it does
// succeed on valid lines (so the fast path is the one normally taken). KeyIndex: ids by
// first insertion, a key inserted again keeping its id.
#include "io/json/json_record.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "io/json/json_syntax.h"
#include "support/plain_table.h"
#include "tsum/table_builder.h"

namespace tsum::json {
namespace {

// The records of JSON Lines text as the reader splits them: each non-blank line without
// its surrounding whitespace, as offsets into `text`.
struct Lines {
  std::vector<size_t> starts;
  std::vector<std::string_view> records;
};

Lines split(std::string_view text) {
  Lines lines;
  size_t p = 0;
  while (p <= text.size()) {
    size_t nl = text.find('\n', p);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t b = p, e = end;
    while (b < e && is_ws(text[b])) ++b;
    while (e > b && is_ws(text[e - 1])) --e;
    if (b < e) {
      lines.starts.push_back(b);
      lines.records.push_back(text.substr(b, e - b));
    }
    if (nl == std::string_view::npos) break;
    p = nl + 1;
  }
  return lines;
}

// The unit's columns as plain tables (one per key, in key order).
std::vector<test::PlainTable> plain_columns(UnitColumns& unit) {
  unit.finish();
  std::vector<test::PlainTable> out;
  for (size_t k = 0; k < unit.keys.size(); ++k) {
    TableBuilder builder({unit.keys.names()[k]});
    std::vector<std::unique_ptr<detail::ChunkColumn>> state;
    state.push_back(std::move(unit.cells[k]));
    builder.add_chunk(ChunkBuilder(std::move(state)));
    out.push_back(test::plain(builder.finish(1)));
  }
  return out;
}

// Reads `text` both ways; returns whether read_together() succeeded. Fails the test when
// it succeeded but reading line by line gives an error or different cells.
bool check(const std::string& text) {
  const Lines lines = split(text);
  if (lines.records.empty()) return true;
  const size_t first = lines.starts.front();
  std::vector<Span> records;
  for (size_t i = 0; i < lines.starts.size(); ++i) records.push_back(Span{lines.starts[i] - first, lines.records[i].size()});
  const size_t last_end = lines.starts.back() + lines.records.back().size();

  RecordReader together_reader("end of line");
  UnitColumns together;
  if (!together_reader.read_together(std::string_view(text).substr(first, last_end - first), records, together)) {
    return false;
  }
  RecordReader one_reader("end of line");
  UnitColumns one;
  for (size_t i = 0; i < lines.records.size(); ++i) {
    auto error = one_reader.read_row(lines.records[i], one);
    EXPECT_FALSE(error.has_value()) << "read together, but line " << i + 1 << " alone fails at " << error->offset
                                    << ": " << error->detail << "\n" << text;
    if (error) return true;
  }
  EXPECT_EQ(together.records, one.records) << text;
  EXPECT_EQ(together.keys.names(), one.keys.names()) << text;
  if (together.keys.names() == one.keys.names()) {
    EXPECT_EQ(plain_columns(together), plain_columns(one)) << text;
  }
  return true;
}

std::string random_line(std::mt19937& rng) {
  static const char* keys[] = {"a", "b", "c", "k\\u00e9", "\\\"q"};
  static const char* values[] = {"1",     "-2.5e3", "\"x\"",   "\"caf\\u00e9\"", "true",    "false",
                                 "null",  "[1,2]",  "{}",      "{\"n\":[{}]}",   "\"\"",    "0",
                                 "\"long value over sixteen bytes\"", "[\"a\\n\"]"};
  std::string line = "{";
  size_t n = rng() % 4;
  for (size_t i = 0; i < n; ++i) {
    if (i) line += rng() % 2 ? "," : ", ";
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "x" + std::string.
    line += '"';
    line += keys[rng() % 5];
    line += "\":";
    if (rng() % 3 == 0) line += ' ';
    line += values[rng() % 14];
  }
  line += '}';
  return line;
}

std::string random_text(std::mt19937& rng, size_t lines) {
  std::string text;
  for (size_t i = 0; i < lines; ++i) {
    if (rng() % 5 == 0) text += "  ";
    text += random_line(rng);
    text += rng() % 7 == 0 ? " \r\n" : (rng() % 9 == 0 ? "\n\n" : "\n");
  }
  return text;
}

TEST(JsonRecord, ReadTogetherSucceedsOnValidLinesWithTheSameCells) {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    std::string text = random_text(rng, 1 + rng() % 30);
    if (round % 2) text.pop_back();  // no line break after the last line
    // Duplicate keys make a line invalid; other lines must be read together.
    bool duplicate = false;
    for (size_t s = 0, e; s < text.size(); s = e + 1) {
      e = text.find('\n', s);
      if (e == std::string::npos) e = text.size();
      RecordReader alone("end of line");
      UnitColumns unit;
      std::string_view line = std::string_view(text).substr(s, e - s);
      while (!line.empty() && is_ws(line.back())) line.remove_suffix(1);
      while (!line.empty() && is_ws(line.front())) line.remove_prefix(1);
      if (!line.empty() && alone.read_row(line, unit)) duplicate = true;
    }
    bool together = check(text);
    if (!duplicate) {
      EXPECT_TRUE(together) << text;
    }
  }
}

TEST(JsonRecord, ReadTogetherRefusesLinesThatAreNotOneObjectEach) {
  const std::vector<std::string> cases = {
      // Two objects on a line, made up for by one object over the next two lines.
      "{\"a\":1} {\"b\":2}\n{\"c\":3\n,\"d\":4}\n",
      "{\"a\":1} {\"b\":2}\n{\"c\":3\n,\"d\":4}\n{\"e\":5}\n",
      // An object over two lines.
      "{\"a\":1}\n{\"b\":2\n}\n",
      "{\"a\":\"x\ny\"}\n",
      // Something after the object on its line: last line, then before it.
      "{\"a\":1}\n{\"b\":2} \"x\":3}\n",
      "{\"a\":1}\n{\"b\":2} \"x\n",
      "{\"a\":1} 5\n{\"b\":2}\n",
      "{\"a\":1}}\n{\"b\":2}\n",
      "{\"a\":1}\n{\"b\":2}]",
      // Not an object; not finished.
      "[1]\n{\"a\":1}\n",
      "{\"a\":1}\n{\"b\":",
  };
  for (const std::string& text : cases) EXPECT_FALSE(check(text)) << text;
}

TEST(JsonRecord, ReadTogetherNeverAcceptsWhatOneByOneRejects) {
  std::mt19937 rng(5);
  const std::string alphabet = "{}[]\":,\n\n  \r\t\\0123456789.eE+-truefalsn\x01\x7f\xc3\xa9\xff";
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = random_text(rng, 1 + rng() % 6);
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
      size_t at = rng() % (text.size() + 1);
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0: text.insert(at, 1, c); break;
        case 1: if (at < text.size()) text.erase(at, 1); break;
        default: if (at < text.size()) text[at] = c; break;
      }
    }
    accepted += check(text) ? 1 : 0;
    if (HasFailure()) break;
  }
  // Many damaged texts stay valid (an edit inside a string, in whitespace...): the
  // comparison above ran on them.
  EXPECT_GT(accepted, 1000);
}

// A unit's first record gives its keys their width: their caches of recent values may
// then grow to their share (three keys: up to 2^11 entries); a key first met later keeps
// 16. The cells stay first-appearance codes either way.
TEST(JsonRecord, FirstRecordsKeysMayGrowTheirCaches) {
  RecordReader reader("end of line");
  UnitColumns unit;
  for (int i = 0; i < 3000; ++i) {
    std::string line = "{\"a\":\"v" + std::to_string(i % 1000) + "\",\"b\":1,\"c\":2";
    if (i > 0) line += ",\"late\":\"w" + std::to_string(i % 1000) + "\"";
    line += "}";
    ASSERT_FALSE(reader.read_row(line, unit)) << line;
  }
  ASSERT_EQ(unit.keys.size(), 4u);
  EXPECT_EQ(unit.cells[0]->cache_entries(), 2048u);
  EXPECT_EQ(unit.cells[3]->cache_entries(), 16u);
  const std::vector<test::PlainTable> columns = plain_columns(unit);
  for (const size_t k : {size_t{0}, size_t{3}}) {
    ASSERT_EQ(columns[k].rows.size(), 3000u);
    for (int i = 1; i < 3000; ++i) {
      ASSERT_EQ(columns[k].rows[i][0], std::optional<std::string>((k == 0 ? "v" : "w") + std::to_string(i % 1000)));
    }
  }
}

// Ids are positions in first-insertion order; inserting a present key gives its id and
// adds nothing; find() of an absent key is kNoColumn; plain() tells keys written the same
// in JSON as decoded.
TEST(KeyIndex, IdsByFirstInsertionAndAPresentKeyKeepsItsId) {
  KeyIndex keys;
  EXPECT_EQ(keys.find("a"), kNoColumn);
  EXPECT_EQ(keys.insert("a"), 0u);
  EXPECT_EQ(keys.insert("b\"q"), 1u);
  EXPECT_EQ(keys.insert("a"), 0u);
  EXPECT_EQ(keys.insert(""), 2u);
  EXPECT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys.names(), (std::vector<std::string>{"a", "b\"q", ""}));
  EXPECT_EQ(keys.find("b\"q"), 1u);
  EXPECT_EQ(keys.find("c"), kNoColumn);
  EXPECT_TRUE(keys.plain(0));
  EXPECT_FALSE(keys.plain(1));
  EXPECT_FALSE(keys.plain(2));
}

}  // namespace
}  // namespace tsum::json
