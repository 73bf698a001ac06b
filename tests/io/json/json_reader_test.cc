#include "io/json/json_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "io/input_file.h"
#include "io/json/json_test_util.h"

namespace tsum::json_test {
namespace {

const Cell N = std::nullopt;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- Layouts -------------------------------------------------------------------------

TEST(JsonReader, ArrayAndLinesGiveIdenticalTables) {
  const std::string array = R"([{"a": 1, "b": "x"}, {"b": "y", "c": true}, {"a": null, "d": [1, {"e": 2}]}])";
  const std::string lines = "{\"a\": 1, \"b\": \"x\"}\n{\"b\": \"y\", \"c\": true}\n{\"a\": null, \"d\": [1, {\"e\": 2}]}\n";
  Plain expected;
  expected.row_count = 3;
  expected.names = {"a", "b", "c", "d"};
  expected.rows = {{"1", "x", N, N}, {N, "y", "true", N}, {N, N, N, "[1,{\"e\":2}]"}};
  expected.types = {ValueType::kNumeric, ValueType::kString, ValueType::kString, ValueType::kString};
  expected.dictionaries = {{"1"}, {"x", "y"}, {"true"}, {"[1,{\"e\":2}]"}};
  expected.counts = {{2, 1}, {1, 1, 1}, {2, 1}, {2, 1}};
  EXPECT_EQ(read(array), expected);
  EXPECT_EQ(read(lines), expected);
  EXPECT_EQ(read(array, options(JsonLayout::kArray)), expected);
  EXPECT_EQ(read(lines, options(JsonLayout::kLines)), expected);
}

TEST(JsonReader, PatientsFilesMatchTheCsvExample) {
  // examples/patients.csv is simple (no quotes): split it by hand.
  std::istringstream csv(slurp(std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv"));
  std::string line;
  std::getline(csv, line);
  Plain expected_names;
  std::vector<std::string> names;
  for (std::istringstream header(line); std::getline(header, line, ',');) names.push_back(line);
  Rows rows;
  while (std::getline(csv, line)) {
    if (line.empty()) continue;
    rows.emplace_back();
    for (std::istringstream fields(line); std::getline(fields, line, ',');) rows.back().push_back(line);
  }
  ASSERT_EQ(names, (std::vector<std::string>{"gender", "age", "blood_pressure"}));
  ASSERT_EQ(rows.size(), 10u);

  for (const char* file : {"patients.json", "patients.jsonl"}) {
    SCOPED_TRACE(file);
    InputFile input(std::string(TSUM_SOURCE_DIR) + "/tests/data/json/" + file);
    Plain p = plain(read_json(input, options()));
    EXPECT_EQ(p.names, names);
    EXPECT_EQ(p.rows, rows);
    EXPECT_EQ(p.dictionaries, (std::vector<std::vector<std::string>>{
                                  {"M", "F"}, {"adult", "child", "teen"}, {"normal", "low", "high"}}));
    EXPECT_EQ(p.types, std::vector<ValueType>(3, ValueType::kString));
  }
}

TEST(JsonReader, LinesSkipBlankLinesAndAcceptCrlf) {
  Plain p = read("\r\n{\"a\": 1}\r\n\r\n   \t\n{\"a\": 2}   \r\n\n");
  EXPECT_EQ(p.names, std::vector<std::string>{"a"});
  EXPECT_EQ(p.rows, (Rows{{"1"}, {"2"}}));
}

TEST(JsonReader, SingleObjectIsOneRow) {
  EXPECT_EQ(read(R"({"a": "x", "b": 2})").rows, (Rows{{"x", "2"}}));
  // Pretty-printed objects (e.g. `jq .` output) are read as a sequence of objects.
  const std::string pretty = "{\n  \"a\": \"x\",\n  \"b\": 2\n}\n{\n  \"b\": 3\n}{\"c\": []}\n";
  Plain p = read(pretty);
  EXPECT_EQ(p.names, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(p.rows, (Rows{{"x", "2", N}, {N, "3", N}, {N, N, "[]"}}));
  EXPECT_EQ(read(pretty, options(JsonLayout::kLines)), p);
  EXPECT_EQ(read(pretty, options(JsonLayout::kAuto, 4, 5)), p);
}

TEST(JsonReader, EmptyArrayIsZeroRowsAndColumns) {
  for (const char* text : {"[]", " [ \n ] \n", "\xEF\xBB\xBF[]"}) {
    Table t = read_json(text, "in.json", options());
    EXPECT_EQ(t.rows(), 0u);
    EXPECT_EQ(t.num_columns(), 0u);
  }
}

TEST(JsonReader, EmptyObjectsAreRowsWithoutColumns) {
  Table t = read_json("[{}, {}, {}]", "in.json", options());
  EXPECT_EQ(t.rows(), 3u);
  EXPECT_EQ(t.num_columns(), 0u);
  Plain p = read("[{}, {\"a\": 1}, {}]");
  EXPECT_EQ(p.rows, (Rows{{N}, {"1"}, {N}}));
}

TEST(JsonReader, ByteOrderMarkIsSkipped) {
  const Rows expected{{"1"}, {"2"}};
  EXPECT_EQ(read("\xEF\xBB\xBF[{\"a\":1},{\"a\":2}]").rows, expected);
  EXPECT_EQ(read("\xEF\xBB\xBF{\"a\":1}\n{\"a\":2}\n").rows, expected);
  EXPECT_EQ(read("\xEF\xBB\xBF{\"a\":1}\n{\"a\":2}\n").names, std::vector<std::string>{"a"});
}

// ---- Columns and cells ---------------------------------------------------------------

TEST(JsonReader, ColumnsAreTheUnionOfKeysInFirstAppearanceOrder) {
  Plain p = read(R"([{"b": 1, "a": 2}, {"c": 3, "a": 4}, {"d": 5, "b": 6, "c": 7}, {}])");
  EXPECT_EQ(p.names, (std::vector<std::string>{"b", "a", "c", "d"}));
  EXPECT_EQ(p.rows, (Rows{{"1", "2", N, N}, {N, "4", "3", N}, {"6", N, "7", "5"}, {N, N, N, N}}));
}

TEST(JsonReader, MissingKeysAndNullAreNull) {
  Plain p = read("{\"a\": null, \"b\": \"null\"}\n{\"b\": null}\n{\"a\": \"\"}\n");
  EXPECT_EQ(p.rows, (Rows{{N, "null"}, {N, N}, {"", N}}));
  EXPECT_EQ(p.counts, (std::vector<std::vector<uint64_t>>{{2, 1}, {2, 1}}));
  // An all-NULL column has no values and is a string column.
  Plain q = read(R"([{"a": null}, {"a": null}])");
  EXPECT_EQ(q.rows, (Rows{{N}, {N}}));
  EXPECT_EQ(q.types, std::vector<ValueType>{ValueType::kString});
}

TEST(JsonReader, NumbersKeepTheirLiteralText) {
  Plain p = read(R"([{"n": 1.50}, {"n": 1e3}, {"n": -0}, {"n": 1.5}, {"n": 1E+2}, {"n": 0.0}, {"n": 12345678901234567890123}, {"n": 1e999}])");
  EXPECT_EQ(p.rows, (Rows{{"1.50"}, {"1e3"}, {"-0"}, {"1.5"}, {"1E+2"}, {"0.0"}, {"12345678901234567890123"}, {"1e999"}}));
  EXPECT_EQ(p.types, std::vector<ValueType>{ValueType::kNumeric});
  EXPECT_EQ(p.dictionaries[0].size(), 8u);  // 1.50 and 1.5 are different values
}

TEST(JsonReader, NumericOnlyWhenEveryValueIsAJsonNumber) {
  // The string "12" makes the column a string column, even though its text is a number;
  // it is the same value as the number 12 (values compare by text).
  Plain p = read(R"([{"a": 12, "b": 1, "c": "1", "d": true}, {"a": "12", "b": null, "c": "2", "d": 1}])");
  EXPECT_EQ(p.types, (std::vector<ValueType>{ValueType::kString, ValueType::kNumeric, ValueType::kString,
                                             ValueType::kString}));
  EXPECT_EQ(p.dictionaries[0], std::vector<std::string>{"12"});
  EXPECT_EQ(p.rows, (Rows{{"12", "1", "1", "true"}, {"12", N, "2", "1"}}));
}

TEST(JsonReader, BooleansAreTrueAndFalseText) {
  Plain p = read("{\"ok\": true}\n{\"ok\": false}\n{\"ok\": \"true\"}\n");
  EXPECT_EQ(p.rows, (Rows{{"true"}, {"false"}, {"true"}}));
  EXPECT_EQ(p.dictionaries[0], (std::vector<std::string>{"true", "false"}));
  EXPECT_EQ(p.types, std::vector<ValueType>{ValueType::kString});
}

TEST(JsonReader, NestedValuesHaveCompactText) {
  Plain p = read(R"([{"v": [1, 2.50, {"b" : null, "c": [ ]}, "x y", true]},
                     {"v": {"d": {}, "e": [[], [ [ ] ]], "f": -0}},
                     {"v": [ "a\"b\\", "\u00e9\n" , "caf\u00e9" ]},
                     {"v": { "k\u00e9y" : 1 }},
                     {"v": [1,2.50,{"b":null,"c":[]},"x y",true]},
                     {"v": []}, {"v": {}}])");
  EXPECT_EQ(p.rows, (Rows{{R"([1,2.50,{"b":null,"c":[]},"x y",true])"},
                          {R"({"d":{},"e":[[],[[]]],"f":-0})"},
                          {R"(["a\"b\\","\u00e9\n","caf\u00e9"])"},
                          {R"({"k\u00e9y":1})"},
                          {R"([1,2.50,{"b":null,"c":[]},"x y",true])"},
                          {"[]"},
                          {"{}"}}));
  EXPECT_EQ(p.dictionaries[0].size(), 6u);  // rows 1 and 5 hold the same value
  EXPECT_EQ(p.types, std::vector<ValueType>{ValueType::kString});
}

TEST(JsonReader, StringsAreDecoded) {
  Plain p = read(R"([{"s": "caf\u00e9"}, {"s": "café"}, {"s": "\ud83d\ude00"}, {"s": "😀"},
                     {"s": "tab\there \"q\" \\ \/ \b\f\n\r"}, {"s": "\u0041\u00C9\u4e2d"}, {"s": ""}])");
  EXPECT_EQ(p.rows, (Rows{{"café"}, {"café"}, {"😀"}, {"😀"}, {"tab\there \"q\" \\ / \b\f\n\r"}, {"AÉ中"}, {""}}));
  EXPECT_EQ(p.dictionaries[0].size(), 5u);
}

TEST(JsonReader, KeysAreDecoded) {
  Plain p = read("{\"caf\\u00e9\": 1, \"a\\\"b\": 2}\n{\"café\": 3, \"\\ud83d\\ude00\": 4}\n");
  EXPECT_EQ(p.names, (std::vector<std::string>{"café", "a\"b", "😀"}));
  EXPECT_EQ(p.rows, (Rows{{"1", "2", N}, {"3", N, "4"}}));
}

TEST(JsonReader, DeepNestingUpTo1024Levels) {
  // The record's object is level 1; 1023 more levels are accepted.
  std::string ok = "{\"a\":" + std::string(1023, '[') + std::string(1023, ']') + "}";
  Plain p = read(ok);
  EXPECT_EQ(p.rows, (Rows{{std::string(1023, '[') + std::string(1023, ']')}}));
  Plain q = read("[" + ok + "]");
  EXPECT_EQ(q.rows, p.rows);
}

// ---- Independence from threads and chunking -----------------------------------------

std::string random_records(unsigned seed, size_t n, bool as_array) {
  std::mt19937 rng(seed);
  const std::vector<std::string> keys = {"id", "name", "score", "tags", "flag", "note\\u00e9", "z"};
  const std::vector<std::string> values = {"1",    "2.50",   "-0",  "\"x\"",        "\"caf\\u00e9\"", "true",
                                           "null", "[1, 2]", "{}",  "{\"k\": [3]}", "\"12\"",         "\"\""};
  std::string out = as_array ? "[\n" : "";
  for (size_t i = 0; i < n; ++i) {
    std::string record = "{";
    bool first = true;
    std::vector<std::string> order = keys;
    std::shuffle(order.begin(), order.end(), rng);
    for (const std::string& k : order) {
      if (rng() % 3 == 0) continue;
      if (!first) record += ", ";
      first = false;
      std::string v = k == "id" ? std::to_string(i % 97) : values[rng() % values.size()];
      record += "\"" + k + "\": " + v;
    }
    record += "}";
    if (as_array) {
      out += (i ? ",\n  " : "  ") + record;
    } else {
      out += record + (i % 11 == 0 ? "\n\n" : "\n");
    }
  }
  if (as_array) out += "\n]\n";
  return out;
}

TEST(JsonReader, ResultDoesNotDependOnThreadsOrChunks) {
  for (bool as_array : {false, true}) {
    SCOPED_TRACE(as_array ? "array" : "lines");
    const std::string text = random_records(7, 3000, as_array);
    const Plain reference = read(text, options(JsonLayout::kAuto, 1, 0));
    ASSERT_EQ(reference.row_count, 3000u);
    ASSERT_EQ(reference.names.size(), 7u);
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
      for (size_t chunk : {size_t{1}, size_t{97}, size_t{4096}}) {
        SCOPED_TRACE("threads " + std::to_string(threads) + ", chunk " + std::to_string(chunk));
        EXPECT_EQ(read(text, options(JsonLayout::kAuto, threads, chunk)), reference);
      }
    }
  }
}

TEST(JsonReader, LaterChunksIntroduceColumnsInOrder) {
  // Keys that first appear in later chunks still come in first-appearance order.
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "{\"k" + std::to_string(i % 40 == 39 ? i : 0) + "\": " + std::to_string(i) + "}\n";
  }
  Plain reference = read(text);
  EXPECT_EQ(reference.names, (std::vector<std::string>{"k0", "k39", "k79", "k119", "k159", "k199"}));
  for (unsigned threads : {1u, 4u}) {
    EXPECT_EQ(read(text, options(JsonLayout::kAuto, threads, 16)), reference);
  }
}

TEST(JsonReader, FirstErrorIsReportedWhateverTheThreadsAndChunks) {
  std::string lines = random_records(3, 500, false);
  // Two errors: a bad value on one line and a structural one later.
  size_t at = lines.find('\n', lines.size() / 3);
  lines.insert(at + 1, "{\"id\": 1, \"name\": tru}\n");
  lines += "{\"id\" 2}\n";
  std::string expected = error_of(lines);
  EXPECT_NE(expected.find("invalid literal 'tru'"), std::string::npos) << expected;
  for (unsigned threads : {1u, 2u, 8u}) {
    for (size_t chunk : {size_t{1}, size_t{64}, size_t{5000}}) {
      EXPECT_EQ(error_of(lines, options(JsonLayout::kAuto, threads, chunk)), expected);
    }
  }
}

TEST(JsonReader, FirstErrorWinsWhenParallelUnitsBothFail) {
  // Two large work units, each with an error near its end that only the second pass
  // sees; read on two threads both units fail, and the first one must be reported.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "{\"a\": 1}\n";
  text += "{\"a\": tru}\n";
  size_t half = text.size();
  for (int i = 0; i < 20000; ++i) text += "{\"a\": 2}\n";
  text += "{\"a\": nul}\n";
  const std::string expected = "in.json: line 20001, column 7: invalid JSON: invalid literal 'tru'";
  for (int attempt = 0; attempt < 10; ++attempt) {
    EXPECT_EQ(error_of(text, options(JsonLayout::kAuto, 2, half - 10)), expected);
  }
  EXPECT_EQ(error_of(text, options(JsonLayout::kAuto, 1, half - 10)), expected);
}

// ---- Errors --------------------------------------------------------------------------

struct ErrorCase {
  const char* name;
  std::string input;
  JsonLayout layout;
  std::string message;
};

TEST(JsonReader, ErrorMessages) {
  const std::string deep_array = std::string(1024, '[') + std::string(1024, ']');
  const std::vector<ErrorCase> cases = {
      {"empty", "", JsonLayout::kAuto, "in.json: empty input; expected a JSON array of objects or JSON Lines"},
      {"blank", " \n\t\r\n", JsonLayout::kAuto, "in.json: empty input; expected a JSON array of objects or JSON Lines"},
      {"bom only", "\xEF\xBB\xBF\n", JsonLayout::kAuto, "in.json: empty input; expected a JSON array of objects or JSON Lines"},
      {"empty array layout", "", JsonLayout::kArray, "in.json: empty input; expected a JSON array of objects"},
      {"empty lines layout", "\n\n", JsonLayout::kLines, "in.json: empty input; expected JSON Lines (one object per line)"},
      {"top-level string", "\"abc\"", JsonLayout::kAuto,
       "in.json: line 1, column 1: the top-level JSON value is a string; expected an array of objects or JSON "
       "Lines (one object per line)"},
      {"top-level number", "\n  42\n", JsonLayout::kAuto,
       "in.json: line 2, column 3: the top-level JSON value is a number; expected an array of objects or JSON "
       "Lines (one object per line)"},
      {"top-level object, array layout", "{\"a\": 1}", JsonLayout::kArray,
       "in.json: line 1, column 1: the top-level JSON value is an object; expected an array of objects"},
      {"csv", "name,age\nbob,3\n", JsonLayout::kAuto, "in.json: line 1, column 1: invalid JSON: invalid literal 'name'"},
      {"not json", "x,y\n", JsonLayout::kAuto, "in.json: line 1, column 1: invalid JSON: expected a value, found 'x'"},
      {"element is a string", R"([{"a":1},{"a":2},{"a":3},{"a":4},"five"])", JsonLayout::kAuto,
       "in.json: line 1, column 34: element 5 is a string, expected an object"},
      {"element is null", "[\n  null\n]", JsonLayout::kAuto, "in.json: line 2, column 3: element 1 is null, expected an object"},
      {"element is an array", "[[{\"a\": 1}]]", JsonLayout::kAuto,
       "in.json: line 1, column 2: element 1 is an array, expected an object"},
      {"element is a boolean", "[{}, false]", JsonLayout::kAuto,
       "in.json: line 1, column 6: element 2 is a boolean, expected an object"},
      {"line is an array", "{\"a\":1}\n\n[1,2]\n", JsonLayout::kAuto,
       "in.json: line 3, column 1: expected a JSON object, found an array"},
      {"line is a number", "{\"a\":1}\n  7\n", JsonLayout::kAuto, "in.json: line 2, column 3: expected a JSON object, found a number"},
      {"array given as lines", "[{\"a\": 1}]", JsonLayout::kLines,
       "in.json: line 1, column 1: expected a JSON object, found an array"},
      {"missing value", "{\"a\":1}\n{\"a\":}\n", JsonLayout::kAuto,
       "in.json: line 2, column 6: invalid JSON: expected a value, found '}'"},
      {"object not closed on its line", "{\"a\":1}\n{\"a\":2\n{\"a\":3}\n", JsonLayout::kAuto,
       "in.json: line 2, column 7: invalid JSON: unexpected end of line; the object is not closed"},
      {"missing colon", "{\"a\":1}\n{\"a\" 2}\n", JsonLayout::kAuto,
       "in.json: line 2, column 6: invalid JSON: expected ':' after the key, found '2'"},
      {"trailing comma in object", "{\"a\":1,}", JsonLayout::kAuto,
       "in.json: line 1, column 8: invalid JSON: expected a string key, found '}'"},
      {"unquoted key", "{a:1}", JsonLayout::kAuto, "in.json: line 1, column 2: invalid JSON: expected a string key, found 'a'"},
      {"string value followed by ':'", "{\"n\": \"a\": {}}, \"k\": 1}", JsonLayout::kAuto,
       "in.json: line 1, column 10: invalid JSON: expected ',' or '}' after an object member, found ':'"},
      {"string value followed by ':' in element", "[{\"n\": \"a\": {}}, {\"k\": 1}]", JsonLayout::kAuto,
       "in.json: line 1, column 11: invalid JSON: expected ',' or '}' after an object member, found ':'"},
      {"two objects on a line", "{\"a\":1}\n{\"a\":2} {\"a\":3}\n", JsonLayout::kAuto,
       "in.json: line 2, column 9: invalid JSON: unexpected '{' after the JSON value"},
      {"trailing garbage on a line", "{\"a\":1} x", JsonLayout::kAuto,
       "in.json: line 1, column 9: invalid JSON: unexpected 'x' after the JSON value"},
      {"missing comma between elements", "[{\"a\":1} {\"a\":2}]", JsonLayout::kAuto,
       "in.json: line 1, column 10: invalid JSON: expected ',' or ']' after an array element, found '{'"},
      {"trailing comma in array", "[{\"a\":1},]", JsonLayout::kAuto,
       "in.json: line 1, column 10: invalid JSON: expected a value, found ']'"},
      {"array not closed", "[{\"a\":1},\n{\"a\":2}", JsonLayout::kAuto,
       "in.json: line 2, column 8: invalid JSON: unexpected end of input; the array is not closed"},
      {"content after the array", "[{\"a\":1}] x", JsonLayout::kAuto,
       "in.json: line 1, column 11: invalid JSON: unexpected 'x' after the end of the array"},
      {"mismatched bracket", "[{\"a\": [1, 2}]", JsonLayout::kAuto,
       "in.json: line 1, column 13: invalid JSON: expected ',' or ']' after an array element, found '}'"},
      {"element not closed", "[{\"a\": 1,\n \"b\": [2]", JsonLayout::kAuto,
       "in.json: line 2, column 10: invalid JSON: unexpected end of input; the object is not closed"},
      {"bad literal in element", "[{\"a\":1},\n {\"a\": tru}]", JsonLayout::kAuto,
       "in.json: line 2, column 8: invalid JSON: invalid literal 'tru'"},
      {"leading zero", "{\"a\":01}", JsonLayout::kAuto, "in.json: line 1, column 6: invalid JSON: invalid number '01'"},
      {"no fraction digits", "{\"a\":1.}", JsonLayout::kAuto, "in.json: line 1, column 6: invalid JSON: invalid number '1.'"},
      {"lone minus", "{\"a\":-}", JsonLayout::kAuto, "in.json: line 1, column 6: invalid JSON: invalid number '-'"},
      {"no exponent digits", "{\"a\":[1e]}", JsonLayout::kAuto, "in.json: line 1, column 7: invalid JSON: invalid number '1e'"},
      {"plus sign", "{\"a\":+1}", JsonLayout::kAuto, "in.json: line 1, column 6: invalid JSON: expected a value, found '+1'"},
      {"NaN", "[{\"a\":NaN}]", JsonLayout::kAuto, "in.json: line 1, column 7: invalid JSON: expected a value, found 'NaN'"},
      {"bad literal", "{\"a\":nul}", JsonLayout::kAuto, "in.json: line 1, column 6: invalid JSON: invalid literal 'nul'"},
      {"literal with suffix", "{\"a\":truex}", JsonLayout::kAuto,
       "in.json: line 1, column 6: invalid JSON: invalid literal 'truex'"},
      {"bad escape", "{\"a\":\"\\x\"}", JsonLayout::kAuto,
       "in.json: line 1, column 7: invalid JSON: invalid escape '\\x' in a string"},
      {"bad escape in key", "{\"\\q\":1}", JsonLayout::kAuto,
       "in.json: line 1, column 3: invalid JSON: invalid escape '\\q' in a string"},
      {"bad unicode escape", "{\"a\":\"\\u12G4\"}", JsonLayout::kAuto,
       "in.json: line 1, column 7: invalid JSON: invalid escape '\\u12G4' in a string"},
      {"lone surrogate", "{\"a\":\"\\ud800\"}", JsonLayout::kAuto,
       "in.json: line 1, column 7: invalid JSON: unpaired surrogate '\\ud800' in a string"},
      {"lone low surrogate in nested", "{\"a\":[\"x\\uDC00\"]}", JsonLayout::kAuto,
       "in.json: line 1, column 9: invalid JSON: unpaired surrogate '\\uDC00' in a string"},
      {"control character", "{\"a\":\"x\ty\"}", JsonLayout::kAuto,
       "in.json: line 1, column 8: invalid JSON: unescaped control character U+0009 in a string"},
      {"unclosed string on a line", "{\"a\":\"abc}\n{\"a\":1}\n", JsonLayout::kAuto,
       "in.json: line 1, column 6: invalid JSON: string not closed before the end of line"},
      {"unclosed string in array", "[{\"a\":\"abc}]", JsonLayout::kAuto,
       "in.json: line 1, column 7: invalid JSON: string not closed before the end of input"},
      {"invalid utf-8", "{\"a\":\"\xff\"}", JsonLayout::kAuto, "in.json: line 1, column 7: invalid UTF-8 (byte 0xFF at byte offset 6)"},
      {"invalid utf-8 after bom", "\xEF\xBB\xBF{\"\xC3\xA9\":1}\n{\"\xC3\xA9\":\"\xC3(\"}", JsonLayout::kAuto,
       "in.json: line 2, column 7: invalid UTF-8 (byte 0xC3 at byte offset 19)"},
      {"overlong utf-8", "[{\"a\":\"\xC0\xAF\"}]", JsonLayout::kAuto,
       "in.json: line 1, column 8: invalid UTF-8 (byte 0xC0 at byte offset 7)"},
      {"utf-8 surrogate", "[{\"a\":\"\xED\xA0\x80\"}]", JsonLayout::kAuto,
       "in.json: line 1, column 8: invalid UTF-8 (byte 0xED at byte offset 7)"},
      {"invalid utf-8 between elements", "[{\"a\":1}\xff]", JsonLayout::kAuto,
       "in.json: line 1, column 9: invalid UTF-8 (byte 0xFF at byte offset 8)"},
      {"invalid utf-8 in a key", "{\"a\xff\":1}", JsonLayout::kAuto,
       "in.json: line 1, column 4: invalid UTF-8 (byte 0xFF at byte offset 3)"},
      {"duplicate key in element", "[{\"id\":1,\"x\":2},\n{\"x\":3,\"id\":4,\"x\":5}]", JsonLayout::kAuto,
       "in.json: line 2, column 15: duplicate key \"x\" in element 2"},
      {"duplicate key in row", "{\"id\":1}\n\n{\"id\":2,\"id\":3}\n", JsonLayout::kAuto,
       "in.json: line 3, column 9: duplicate key \"id\" in row 2"},
      {"duplicate key spelled differently", "{\"\xC3\xA9\":1,\"\\u00e9\":2}", JsonLayout::kAuto,
       "in.json: line 1, column 8: duplicate key \"\xC3\xA9\" in row 1"},
      {"duplicate key with quote", "{\"a\\\"\\n\":1,\"a\\\"\\n\":2}", JsonLayout::kAuto,
       "in.json: line 1, column 12: duplicate key \"a\\\"\\u000a\" in row 1"},
      {"empty key", "[{\"\":1}]", JsonLayout::kAuto, "in.json: line 1, column 3: empty key \"\" in element 1; columns need a name"},
      {"error before duplicate in the same record", "[{\"a\":tru,\"a\":1}]", JsonLayout::kAuto,
       "in.json: line 1, column 7: invalid JSON: invalid literal 'tru'"},
      {"duplicate before a later error", "[{\"a\":1,\"a\":2},{\"b\":tru}]", JsonLayout::kAuto,
       "in.json: line 1, column 9: duplicate key \"a\" in element 1"},
      {"too deep", "{\"a\":" + deep_array + "}", JsonLayout::kAuto,
       "in.json: line 1, column 1029: invalid JSON: nesting deeper than 1024 levels"},
      {"too deep in array", "[{\"a\":" + deep_array + "}]", JsonLayout::kAuto,
       "in.json: line 1, column 1030: invalid JSON: nesting deeper than 1024 levels"},
      {"sequence: bad value", "{\n\"a\": 1\n}\n{\n\"a\": tru\n}\n", JsonLayout::kAuto,
       "in.json: line 5, column 6: invalid JSON: invalid literal 'tru'"},
      {"sequence: not an object", "{\n\"a\": 1\n}\n5\n", JsonLayout::kAuto,
       "in.json: line 4, column 1: expected a JSON object, found a number"},
      {"sequence: duplicate", "{\n\"a\": 1\n}\n{\"a\": 1,\n \"a\": 2}", JsonLayout::kAuto,
       "in.json: line 5, column 2: duplicate key \"a\" in row 2"},
      {"nul byte", std::string("{\"a\":1}\n\0\n", 10), JsonLayout::kAuto,
       "in.json: line 2, column 1: invalid JSON: expected a value, found control character U+0000"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(error_of(c.input, options(c.layout)), c.message);
    // The same with several threads and tiny chunks.
    EXPECT_EQ(error_of(c.input, options(c.layout, 4, 3)), c.message);
  }
}

TEST(JsonReader, ErrorsNameTheFile) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("tsum_json_test_" + std::to_string(::getpid()) + ".jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"a\": 1}\n{\"a\": [}\n";
  }
  try {
    InputFile input(path.string());
    read_json(input, options());
    ADD_FAILURE() << "no error";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), path.string() + ": line 2, column 8: invalid JSON: expected a value, found '}'");
  }
  std::filesystem::remove(path);
}

// ---- Robustness ----------------------------------------------------------------------

// Every byte sequence gives a Table or a one-line DataError naming the input (run under
// ASan/UBSan this also checks that nothing reads out of bounds).
TEST(JsonReader, MutatedInputsNeverCrash) {
  const std::vector<std::string> seeds = {
      random_records(11, 20, false),
      random_records(12, 20, true),
      "{\n  \"a\": [1, {\"b\": \"\\u00e9\\ud83d\\ude00\"}],\n  \"c\": -1.5e3\n}\n{\"a\": null}",
      "\xEF\xBB\xBF[{\"x\": \"caf\xC3\xA9\", \"y\": true}, {\"x\": false}]",
  };
  std::mt19937 rng(12345);
  const std::string interesting = "{}[],:\"\\ \n\t-0123456789eE.+tfnul\xC3\xA9\xFF\x80\x00";
  size_t tables = 0, errors = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text = seeds[iteration % seeds.size()];
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t at = rng() % text.size();
      char byte = rng() % 2 ? interesting[rng() % interesting.size()] : static_cast<char>(rng() % 256);
      switch (rng() % 4) {
        case 0: text[at] = byte; break;
        case 1: text.insert(text.begin() + static_cast<ptrdiff_t>(at), byte); break;
        case 2: text.erase(at, 1 + rng() % 3); break;
        default: text.resize(at); break;
      }
    }
    for (unsigned threads : {1u, 3u}) {
      JsonOptions o = options(JsonLayout::kAuto, threads, threads == 1 ? 0 : 7);
      try {
        read_json(text, "in.json", o);
        ++tables;
      } catch (const DataError& err) {
        ++errors;
        std::string message = err.what();
        ASSERT_EQ(message.rfind("in.json: ", 0), 0u) << message;
        ASSERT_EQ(message.find('\n'), std::string::npos) << message;
        ASSERT_EQ(message.find('\r'), std::string::npos) << message;
      }
    }
  }
  EXPECT_GT(tables, 100u);
  EXPECT_GT(errors, 100u);
}

}  // namespace
}  // namespace tsum::json_test
