// The bad-input catalog, part 1: malformed CSV and JSON, binary data, odd but valid
// tables. Each case runs the real tsum binary (bad_input_test_util.h says what is checked);
// docs/reliability.md lists the messages.
#include <random>

#include "cli/bad_input_test_util.h"

namespace tsum::bad_input {
namespace {

TEST(BadInputCsv, Catalog) {
  TempDir dir;
  auto f = [&](const std::string& name, const std::string& contents) { return dir.file(name, contents); };
  const std::string d = dir.path() + "/";
  const Case cases[] = {
      {"CSV: unterminated quote", {f("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n")}, 1,
       d + "quote.csv: line 3, column 3: unterminated quoted field, no closing quote before the end of the file"},
      {"CSV: row with too many fields", {f("ragged.csv", "a,b\n1,2\n3,4,5\n")}, 1,
       d + "ragged.csv: line 3: row has 3 fields, the header has 2"},
      {"CSV: row with too few fields", {f("short.csv", "a,b,c\n1,2,3\n4\n")}, 1,
       d + "short.csv: line 3: row has 1 field, the header has 3"},
      {"CSV: quote inside an unquoted field", {f("inner.csv", "a,b\n1,x\"y\n")}, 1,
       d + "inner.csv: line 2, column 4: quote in an unquoted field (quote the whole field and double the quotes "
           "inside it)"},
      {"CSV: text after a closing quote", {f("after.csv", "a,b\n1,\"x\"y\n")}, 1,
       d + "after.csv: line 2, column 6: unexpected 'y' after a closing quote, expected ',' or the end of the line"},
      // The header has commas, the rows semicolons: the guess (comma) is wrong for the rows.
      {"CSV: delimiter changes after the header", {f("mixed.csv", "name,age\nann;31\nbob;42\n")}, 1,
       d + "mixed.csv: line 2: row has 1 field, the header has 2"},
      // An unquoted comma inside a value.
      {"CSV: unquoted delimiter inside a value", {f("comma.csv", "name,age\n\"Smith, J\",42\nSmith, J,43\n")}, 1,
       d + "comma.csv: line 3: row has 3 fields, the header has 2"},
      {"CSV: --delimiter that does not match the file", {"--delimiter", ";", f("semi.csv", "a;b\n1;2\n3\n")}, 1,
       d + "semi.csv: line 3: row has 1 field, the header has 2"},
      {"CSV: invalid UTF-8", {f("latin1.csv", "name\nJos\xe9\n")}, 1,
       d + "latin1.csv: line 2, column 4: invalid UTF-8, byte 0xe9 at byte offset 8"},
      {"CSV: UTF-16 with a byte order mark", {f("utf16.csv", std::string("\xff\xfe" "a\0,\0b\0\n\0", 10))}, 1,
       d + "utf16.csv: line 1, column 1: invalid UTF-8, byte 0xff at byte offset 0 (a UTF-16 byte order mark: "
           "convert the file to UTF-8)"},
      {"CSV: UTF-16 without a byte order mark (NUL bytes)", {f("utf16le.csv", std::string("a\0,\0b\0\n\0", 8))}, 1,
       d + "utf16le.csv: line 1, column 2: NUL byte at byte offset 1; this is binary or UTF-16 data, not UTF-8 text"},
      {"CSV: NUL byte in a value", {f("nul.csv", std::string("a,b\n1,x\0y\n", 10))}, 1,
       d + "nul.csv: line 2, column 4: NUL byte at byte offset 7; this is binary or UTF-16 data, not UTF-8 text"},
      {"CSV: empty file", {f("empty.csv", "")}, 1, d + "empty.csv: empty file, no header row"},
      {"CSV: only blank lines", {f("blank.csv", "\n  \n\r\n")}, 1, d + "blank.csv: empty file, no header row"},
      {"CSV: only a byte order mark", {f("bom.csv", "\xef\xbb\xbf")}, 1, d + "bom.csv: empty file, no header row"},
  };
  for (const Case& c : cases) expect_error(c, dir);
}

TEST(BadInputBinary, GarbageIsNotATable) {
  TempDir dir;
  // Random bytes, fixed seed: the first invalid UTF-8 sequence is reported.
  std::mt19937 rng(7);
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>(rng() & 0xFF);
  std::string path = dir.file("garbage.bin", garbage);
  test::CommandResult r = run_tsum({path}, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("tsum: error: " + path + ": line 1, column ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(dir.listing(), std::vector<std::string>{"garbage.bin"});
  record("Binary: 4 KiB of random bytes", r.exit_code, r.err, dir);

  // An executable (ELF: 0x7f 'E' 'L' 'F' then binary fields) given as a CSV.
  expect_error({"Binary: an executable named .csv", {dir.file("program.csv", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10))},
                1, dir.path() + "/program.csv: line 1, column 8: NUL byte at byte offset 7; this is binary or UTF-16 data, not UTF-8 text"},
               dir);
  // Compressed data is recognised by its magic bytes, whatever the format asked for.
  expect_error({"Binary: truncated gzip data given as JSON", {"--input-format", "json", dir.file("data.gz", "\x1f\x8b\x08\x00")}, 1,
                dir.path() + "/data.gz: corrupt or truncated gzip data (unexpected end of data)"},
               dir);
}

TEST(BadInputJson, Catalog) {
  TempDir dir;
  auto f = [&](const std::string& name, const std::string& contents) { return dir.file(name, contents); };
  const std::string d = dir.path() + "/";
  const Case cases[] = {
      {"JSON: array never closed", {f("open.json", "[{\"a\":1},{\"a\":2}")}, 1,
       d + "open.json: line 1, column 17: invalid JSON: unexpected end of input; the array is not closed"},
      {"JSON: trailing comma", {f("comma.json", "[{\"a\":1,}]")}, 1,
       d + "comma.json: line 1, column 9: invalid JSON: expected a string key, found '}'"},
      {"JSON Lines: truncated last record", {f("cut.jsonl", "{\"a\":1}\n{\"a\":\n")}, 1,
       d + "cut.jsonl: line 2, column 6: invalid JSON: unexpected end of line; expected a value"},
      {"JSON: an array of numbers, not objects", {f("numbers.json", "[1,2,3]")}, 1,
       d + "numbers.json: line 1, column 2: element 1 is a number, expected an object"},
      {"JSON Lines: an array among the objects", {f("mixed.jsonl", "{\"a\":1}\n[1]\n")}, 1,
       d + "mixed.jsonl: line 2, column 1: expected a JSON object, found an array"},
      {"JSON: invalid escape", {f("escape.json", "[{\"a\":\"x\\q\"}]")}, 1,
       d + "escape.json: line 1, column 9: invalid JSON: invalid escape '\\q' in a string"},
      {"JSON: unpaired surrogate", {f("surrogate.json", "[{\"a\":\"\\ud800\"}]")}, 1,
       d + "surrogate.json: line 1, column 8: invalid JSON: unpaired surrogate '\\ud800' in a string"},
      {"JSON: invalid UTF-8", {f("latin1.json", "[{\"a\":\"x\xffy\"}]")}, 1,
       d + "latin1.json: line 1, column 9: invalid UTF-8 (byte 0xFF at byte offset 8)"},
      {"JSON: raw NUL byte in a string", {f("nul.json", std::string("[{\"a\":\"x\0y\"}]", 13))}, 1,
       d + "nul.json: line 1, column 9: invalid JSON: unescaped control character U+0000 in a string"},
      {"JSON: duplicate key", {f("dupkey.json", "[{\"a\":1,\"a\":2}]")}, 1,
       d + "dupkey.json: line 1, column 9: duplicate key \"a\" in element 1"},
      {"JSON: empty key", {f("emptykey.json", "[{\"\":1}]")}, 1,
       d + "emptykey.json: line 1, column 3: empty key \"\" in element 1; columns need a name"},
      {"JSON: text after the array", {f("after.json", "[{\"a\":1}] x")}, 1,
       d + "after.json: line 1, column 11: invalid JSON: unexpected 'x' after the end of the array"},
      {"JSON: misspelt literal", {f("literal.json", "[{\"a\":tru}]")}, 1,
       d + "literal.json: line 1, column 7: invalid JSON: invalid literal 'tru'"},
      {"JSON: number with a leading zero", {f("zero.json", "[{\"a\":01}]")}, 1,
       d + "zero.json: line 1, column 7: invalid JSON: invalid number '01'"},
      {"JSON: unquoted key", {f("key.json", "[{a:1}]")}, 1,
       d + "key.json: line 1, column 3: invalid JSON: expected a string key, found 'a'"},
      {"JSON: nesting 100000 deep", {f("deep.json", std::string(100000, '[') + std::string(100000, ']'))}, 1,
       d + "deep.json: line 1, column 1026: invalid JSON: nesting deeper than 1024 levels"},
      {"JSON: empty file", {f("empty.json", "")}, 1,
       d + "empty.json: empty input; expected a JSON array of objects or JSON Lines"},
  };
  for (const Case& c : cases) expect_error(c, dir);
}

// Inputs that are odd but valid: what a user should get is a summary, not an error.
TEST(BadInputValid, ZeroRowsGiveAnEmptySummary) {
  TempDir dir;
  std::string csv = expect_success("CSV: header only, zero rows", {dir.file("header.csv", "a,b,c\n")}, dir);
  EXPECT_NE(csv.find("\"rows\":0,\"columns\":[\"a\",\"b\",\"c\"]"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"patterns\":[]"), std::string::npos) << csv;
  std::string json = expect_success("JSON: empty array", {dir.file("empty.json", "[]")}, dir);
  EXPECT_NE(json.find("\"rows\":0,\"columns\":[]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"patterns\":[]"), std::string::npos) << json;
}

TEST(BadInputValid, AllNullColumnsMatchNothing) {
  TempDir dir;
  // Column b is NULL everywhere: it is kept (listed), but never part of a pattern.
  std::string csv = "a,b\n";
  for (int i = 0; i < 20; ++i) csv += "x,\n";
  std::string out = expect_success("CSV: an all-NULL column", {"--bins", "none", dir.file("nulls.csv", csv)}, dir);
  EXPECT_NE(out.find("\"columns\":[\"a\",\"b\"]"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"pattern\":{\"a\":\"x\"}"), std::string::npos) << out;
  EXPECT_EQ(out.find("\"b\":"), std::string::npos) << out;
  // Every column NULL: no pattern can match a row.
  std::string all = expect_success("JSON: every value null", {dir.file("nulls.json", "[{\"a\":null},{\"a\":null}]")}, dir);
  EXPECT_NE(all.find("\"rows\":2"), std::string::npos) << all;
  EXPECT_NE(all.find("\"patterns\":[]"), std::string::npos) << all;
}

}  // namespace
}  // namespace tsum::bad_input
