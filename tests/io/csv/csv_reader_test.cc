// Tests of the CSV reader (src/io/csv): the format, delimiter detection, error messages,
// and independence of the result from thread count, chunk size and SIMD level.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "csv_reference.h"
#include "csv_test_util.h"
#include "io/csv/csv_chunk_parser.h"
#include "io/csv/csv_reader.h"
#include "tsum/table_builder.h"

namespace tsum::csv_test {
namespace {

const Cell N;  // NULL

CsvOptions opts(std::optional<char> delimiter = std::nullopt, bool header = true, unsigned threads = 1,
                size_t chunk_bytes = 0) {
  CsvOptions o;
  o.delimiter = delimiter;
  o.header = header;
  o.threads = threads;
  o.chunk_bytes = chunk_bytes;
  return o;
}

Plain read_ok(const std::string& bytes, const CsvOptions& options = opts()) {
  Outcome outcome = read_outcome(bytes, options);
  EXPECT_EQ(outcome.error, "") << "input: " << bytes;
  return outcome.table.value_or(Plain{});
}

// Read from memory under the name FILE, so that warnings name it as errors do.
Plain read_named(const std::string& bytes, const CsvOptions& options) {
  return plain(read_csv(std::string_view(bytes), "FILE", options));
}

std::string read_error(const std::string& bytes, const CsvOptions& options = opts()) {
  Outcome outcome = read_outcome(bytes, options);
  EXPECT_FALSE(outcome.table.has_value()) << "input: " << bytes;
  return outcome.error;
}

// ---------------------------------------------------------------------------------------
// Format

TEST(CsvReader, PatientsExample) {
  const Plain t = read_ok(
      "gender,age,blood_pressure\nM,adult,normal\nM,adult,low\nM,adult,normal\nM,adult,high\nM,adult,low\n"
      "F,child,low\nM,child,low\nF,child,low\nM,teen,high\nF,child,normal\n");
  EXPECT_EQ(t.names, (std::vector<std::string>{"gender", "age", "blood_pressure"}));
  ASSERT_EQ(t.rows.size(), 10u);
  EXPECT_EQ(t.rows[0], (std::vector<Cell>{"M", "adult", "normal"}));
  EXPECT_EQ(t.rows[9], (std::vector<Cell>{"F", "child", "normal"}));
  // Codes in order of first appearance.
  EXPECT_EQ(t.dictionaries[0], (std::vector<std::string>{"M", "F"}));
  EXPECT_EQ(t.dictionaries[1], (std::vector<std::string>{"adult", "child", "teen"}));
  EXPECT_EQ(t.dictionaries[2], (std::vector<std::string>{"normal", "low", "high"}));
  EXPECT_EQ(t.types, (std::vector<ValueType>(3, ValueType::kString)));
}

TEST(CsvReader, ReadsTheExampleFileFromTheRepository) {
  InputFile input(std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv");
  const Table table = read_csv(input, CsvOptions{});
  EXPECT_EQ(table.rows(), 10u);
  EXPECT_EQ(table.column_names(), (std::vector<std::string>{"gender", "age", "blood_pressure"}));
}

TEST(CsvReader, QuotedFields) {
  const Plain t = read_ok(
      "a,b,c\n"
      "\"x,y\",\"line1\nline2\",\"say \"\"hi\"\"\"\n"
      "\"\"\"\",\"\",plain\n"
      "\"\"\"a\"\"b\"\"\",\"a\r\nb\",\"\"\"\"\"\"\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0], (std::vector<Cell>{"x,y", "line1\nline2", "say \"hi\""}));
  EXPECT_EQ(t.rows[1], (std::vector<Cell>{"\"", N, "plain"}));
  EXPECT_EQ(t.rows[2], (std::vector<Cell>{"\"a\"b\"", "a\r\nb", "\"\""}));
}

TEST(CsvReader, QuotedHeaderNames) {
  const Plain t = read_ok("\"first, name\",\"the \"\"id\"\"\",\"multi\nline\"\n1,2,3\n");
  EXPECT_EQ(t.names, (std::vector<std::string>{"first, name", "the \"id\"", "multi\nline"}));
}

TEST(CsvReader, EmptyFieldsAreNull) {
  const Plain t = read_ok("a,b,c\n,,\n\"\",x,\"\"\nx,,\n,,x");
  EXPECT_EQ(t.rows, (Rows{{N, N, N}, {N, "x", N}, {"x", N, N}, {N, N, "x"}}));
  // An all-NULL column has an empty dictionary and is a string column.
  const Plain u = read_ok("a,b\n,1\n,2\n");
  EXPECT_TRUE(u.dictionaries[0].empty());
  EXPECT_EQ(u.types, (std::vector<ValueType>{ValueType::kString, ValueType::kNumeric}));
}

TEST(CsvReader, WhitespaceIsKept) {
  EXPECT_EQ(read_ok("a,b\n x , y \n").rows, (Rows{{" x ", " y "}}));
  EXPECT_EQ(read_ok("a,b\n\" x \",\t\n").rows, (Rows{{" x ", "\t"}}));
  // A space before an opening quote makes the field unquoted, and its quote an error.
  EXPECT_EQ(read_error("a,b\n x , \" y \"\n"),
            "DataError: FILE: line 2, column 6: quote in an unquoted field (quote the whole field and double the quotes "
            "inside it)");
}

TEST(CsvReader, LineEnds) {
  const Rows expected{{"1", "2"}, {"3", "4"}, {"5", "6"}};
  EXPECT_EQ(read_ok("a,b\n1,2\n3,4\n5,6\n").rows, expected);
  EXPECT_EQ(read_ok("a,b\r\n1,2\r\n3,4\r\n5,6\r\n").rows, expected);
  EXPECT_EQ(read_ok("a,b\r\n1,2\n3,4\r\n5,6").rows, expected);  // mixed, no final line end
  EXPECT_EQ(read_ok("a,b\n1,2\n3,4\n5,6\r").rows, expected);     // CR at the very end
  EXPECT_EQ(read_ok("a,b\r\n\"1\",\"2\"\r\n\"3\",4\r\n5,\"6\"").rows, expected);
  EXPECT_EQ(read_ok("a,b\r\n1,2\r\n3,4\r\n5,\"6\"\r").rows, expected);
  EXPECT_EQ(read_ok("a,b\n1,2\n3,4\n5,6\n").names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read_ok("a,b\r\n1,2\n").names, (std::vector<std::string>{"a", "b"}));
}

TEST(CsvReader, LoneCarriageReturnsAreData) {
  // Only one CR right before the LF belongs to the line end; other CRs are text.
  EXPECT_EQ(read_ok("a,b\nx\ry,z\r\r\n\"q\rr\",\r\n").rows, (Rows{{"x\ry", "z\r"}, {"q\rr", N}}));
  EXPECT_EQ(read_ok("a,b\n\r,\r\r\n").rows, (Rows{{"\r", "\r"}}));
}

TEST(CsvReader, ByteOrderMarkIsSkipped) {
  const Plain t = read_ok("\xEF\xBB\xBFid,name\n1,\xC3\xA9t\xC3\xA9\n");
  EXPECT_EQ(t.names, (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(t.rows, (Rows{{"1", "\xC3\xA9t\xC3\xA9"}}));
  // A BOM only at the start: elsewhere it is text.
  EXPECT_EQ(read_ok("a\n\xEF\xBB\xBFx\n").rows, (Rows{{"\xEF\xBB\xBFx"}}));
  // With a BOM and no header, the first value has no BOM either.
  EXPECT_EQ(read_ok("\xEF\xBB\xBF" "1,2\n", opts(std::nullopt, false)).rows, (Rows{{"1", "2"}}));
}

TEST(CsvReader, NoHeaderNamesColumnsAfterTheFirstRow) {
  const Plain t = read_ok("x,,z\n1,2,3\n", opts(std::nullopt, false));
  EXPECT_EQ(t.names, (std::vector<std::string>{"col1", "col2", "col3"}));
  EXPECT_EQ(t.rows, (Rows{{"x", N, "z"}, {"1", "2", "3"}}));
  EXPECT_EQ(t.types, (std::vector<ValueType>{ValueType::kString, ValueType::kNumeric, ValueType::kString}));
  EXPECT_EQ(read_ok("only\n", opts(std::nullopt, false)).names, (std::vector<std::string>{"col1"}));
  // Duplicate values in the first row are fine without a header.
  EXPECT_EQ(read_ok("a,a\n", opts(std::nullopt, false)).rows, (Rows{{"a", "a"}}));
}

TEST(CsvReader, HeaderOnlyIsAnEmptyTable) {
  for (const char* text : {"a,b,c\n", "a,b,c", "a,b,c\r\n", "a,b,c\n\n\n"}) {
    const Plain t = read_ok(text);
    EXPECT_EQ(t.names, (std::vector<std::string>{"a", "b", "c"})) << text;
    EXPECT_TRUE(t.rows.empty()) << text;
    EXPECT_EQ(t.types, (std::vector<ValueType>(3, ValueType::kString))) << text;
  }
}

TEST(CsvReader, BlankLinesInMultiColumnFilesAreSkipped) {
  EXPECT_EQ(read_ok("\n\r\na,b\n\n1,2\r\n\r\n\n3,4\n\n").rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(read_ok("a,b\n1,2\n\n").rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(read_ok("\n\n1,2\n\n3,4", opts(std::nullopt, false)).rows, (Rows{{"1", "2"}, {"3", "4"}}));
  // A line holding only spaces is not blank.
  EXPECT_EQ(read_error("a,b\n1,2\n \n"), "DataError: FILE: line 3: row has 1 field, the header has 2");
  // A quoted empty field is not blank either.
  EXPECT_EQ(read_error("a,b\n\"\"\n"), "DataError: FILE: line 2: row has 1 field, the header has 2");
}

TEST(CsvReader, BlankLinesInOneColumnFilesAreNullRows) {
  EXPECT_EQ(read_ok("v\na\n\nb\r\n\r\n\n").rows, (Rows{{"a"}, {N}, {"b"}, {N}, {N}}));
  EXPECT_EQ(read_ok("v\na\n\"\"\nb").rows, (Rows{{"a"}, {N}, {"b"}}));
  // The empty text after the last line feed is not a row; blank lines before the first record are ignored.
  EXPECT_EQ(read_ok("\n\nv\na\n").rows, (Rows{{"a"}}));
  EXPECT_EQ(read_ok("\na\n\nb\n", opts(std::nullopt, false)).rows, (Rows{{"a"}, {N}, {"b"}}));
}

TEST(CsvReader, CodesFollowFirstAppearance) {
  const Plain t = read_ok("k\nc\nb\nc\na\nb\nd\n");
  EXPECT_EQ(t.dictionaries[0], (std::vector<std::string>{"c", "b", "a", "d"}));
  // Values are compared by their text after unquoting: "c" and c are one value.
  const Plain u = read_ok("k\n\"c\"\nc\n\"c\"\"\"\n");
  EXPECT_EQ(u.dictionaries[0], (std::vector<std::string>{"c", "c\""}));
}

TEST(CsvReader, NumericTyping) {
  const Plain t = read_ok(
      "int,float,mixed,quoted,nullish,exp,signs,text\n"
      "1,1.5,1,\"7\",,1e5,+1,1a\n"
      "22,.5,x,\"-8.0\",3,2E-3,-2,1.2.3\n"
      ",3.,2,,,5e+2,+.5,e5\n");
  EXPECT_EQ(t.types, (std::vector<ValueType>{ValueType::kNumeric, ValueType::kNumeric, ValueType::kString,
                                             ValueType::kNumeric, ValueType::kNumeric, ValueType::kNumeric,
                                             ValueType::kNumeric, ValueType::kString}));
  // Numbers keep their text.
  EXPECT_EQ(t.rows[2][1], Cell("3."));
  EXPECT_EQ(read_ok("a\n 1\n").types[0], ValueType::kString);
}

// ---------------------------------------------------------------------------------------
// Delimiters

TEST(CsvReader, DetectsEachDelimiter) {
  EXPECT_EQ(read_ok("a,b\n1,2\n").names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read_ok("a\tb\n1\t2\n").names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read_ok("a;b\n1;2\n").names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read_ok("a|b\n1|2\n").names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read_ok("a;b;c\n1,5;2;3\n").rows, (Rows{{"1,5", "2", "3"}}));
  EXPECT_EQ(read_ok("a|b\n1;2|3,4\n").rows, (Rows{{"1;2", "3,4"}}));
}

TEST(CsvReader, DelimiterPreferenceOrder) {
  // Both ',' and ';' split every line consistently: ',' comes first.
  EXPECT_EQ(read_ok("a,b;c\n1,2;3\n").names, (std::vector<std::string>{"a", "b;c"}));
  // Tab before ';' and '|'.
  EXPECT_EQ(read_ok("a\tb|c;d\n1\t2|3;4\n").names, (std::vector<std::string>{"a", "b|c;d"}));
}

TEST(CsvReader, DelimiterDetectionIsQuoteAware) {
  // Counting commas naively would give two fields per line.
  const Plain t = read_ok("\"a,b\";c\n\"1,2\";3\n");
  EXPECT_EQ(t.names, (std::vector<std::string>{"a,b", "c"}));
  EXPECT_EQ(t.rows, (Rows{{"1,2", "3"}}));
  // Line breaks inside quotes do not end the sampled records.
  EXPECT_EQ(read_ok("a;b\n\"x\n1,2,3\";y\n").rows, (Rows{{"x\n1,2,3", "y"}}));
  // Blank lines in the sample are ignored.
  EXPECT_EQ(read_ok("a;b\n\n1;2\n").names, (std::vector<std::string>{"a", "b"}));
}

TEST(CsvReader, OneColumnFileDefaultsToComma) {
  const Plain t = read_ok("name\nAda\nBob\n");
  EXPECT_EQ(t.names, (std::vector<std::string>{"name"}));
  EXPECT_EQ(t.rows, (Rows{{"Ada"}, {"Bob"}}));
  EXPECT_EQ(read_error("name\nSmith, John\n"), "DataError: FILE: line 2: row has 2 fields, the header has 1");
}

TEST(CsvReader, InconsistentFileFallsBackToTheWidestFirstRecord) {
  // No candidate is consistent: ',' gives the most fields on the header, and the reader
  // then points at the row that breaks it.
  EXPECT_EQ(read_error("a,b,c\n1,2\n"), "DataError: FILE: line 2: row has 2 fields, the header has 3");
  EXPECT_EQ(read_error("a;b;c\n1;2;3\n1,2;3\n4;5\n"), "DataError: FILE: line 3: row has 2 fields, the header has 3");
}

TEST(CsvReader, ExplicitDelimiterWins) {
  EXPECT_EQ(read_ok("a,b;c\n1,2;3\n", opts(';')).names, (std::vector<std::string>{"a,b", "c"}));
  EXPECT_EQ(read_ok("a b\n1 2\n", opts(' ')).rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(read_ok("a\tb,c\n1\t2,3\n", opts('\t')).rows, (Rows{{"1", "2,3"}}));
}

TEST(CsvReader, InvalidDelimiterIsAUsageError) {
  EXPECT_EQ(read_error("a\n", opts('"')),
            "UsageError: invalid CSV delimiter '\"': a delimiter cannot be a quote, a line break or a non-ASCII byte");
  EXPECT_EQ(read_error("a\n", opts('\n')),
            "UsageError: invalid CSV delimiter line feed: a delimiter cannot be a quote, a line break or a non-ASCII byte");
  EXPECT_EQ(read_error("a\n", opts('\r')),
            "UsageError: invalid CSV delimiter carriage return: a delimiter cannot be a quote, a line break or a "
            "non-ASCII byte");
  EXPECT_EQ(read_error("a\n", opts('\xE9')),
            "UsageError: invalid CSV delimiter byte 0xe9: a delimiter cannot be a quote, a line break or a non-ASCII byte");
}

// ---------------------------------------------------------------------------------------
// Errors

TEST(CsvReaderErrors, EmptyFile) {
  for (const char* text : {"", "\xEF\xBB\xBF", "\n", "\r\n\r\n", "  \t\n ", "\xEF\xBB\xBF \n"}) {
    EXPECT_EQ(read_error(text), "DataError: FILE: empty file, no header row") << text;
    EXPECT_EQ(read_error(text, opts(std::nullopt, false)), "DataError: FILE: empty file, no rows") << text;
  }
}

TEST(CsvReaderErrors, UnterminatedQuote) {
  EXPECT_EQ(read_error("a,b\n1,\"open\n2,3\n4,5\n"),
            "DataError: FILE: line 2, column 3: unterminated quoted field, no closing quote before the end of the file");
  EXPECT_EQ(read_error("a,\"b"),
            "DataError: FILE: line 1, column 3: unterminated quoted field, no closing quote before the end of the file");
  // Doubled quotes do not close the field.
  EXPECT_EQ(read_error("a\n\"x\"\""),
            "DataError: FILE: line 2, column 1: unterminated quoted field, no closing quote before the end of the file");
  // The column counts characters, not bytes.
  EXPECT_EQ(read_error("a,b\n\xC3\xA9\xC3\xA9,\"x\n"),
            "DataError: FILE: line 2, column 4: unterminated quoted field, no closing quote before the end of the file");
}

TEST(CsvReaderErrors, QuoteInUnquotedField) {
  const std::string message = ": quote in an unquoted field (quote the whole field and double the quotes inside it)";
  EXPECT_EQ(read_error("a,b\n1,2\n3,4\"5\n"), "DataError: FILE: line 3, column 4" + message);
  EXPECT_EQ(read_error("a,b\"\n"), "DataError: FILE: line 1, column 4" + message);
  // Even when the quotes later balance, and with no header.
  EXPECT_EQ(read_error("1,x\"y,z\"\n", opts(std::nullopt, false)), "DataError: FILE: line 1, column 4" + message);
  // Found after a multi-line quoted field: the line is that of the quote itself.
  EXPECT_EQ(read_error("a,b\n\"1\n2\",x\"\n"), "DataError: FILE: line 3, column 5" + message);
}

TEST(CsvReaderErrors, CharacterAfterClosingQuote) {
  EXPECT_EQ(read_error("a,b\n\"1\"x,2\n"),
            "DataError: FILE: line 2, column 4: unexpected 'x' after a closing quote, expected ',' or the end of the line");
  EXPECT_EQ(read_error("a,b\n\"1\" ,2\n"),
            "DataError: FILE: line 2, column 4: unexpected space after a closing quote, expected ',' or the end of the "
            "line");
  EXPECT_EQ(read_error("a\tb\n1\t\"2\"\xC3\xA9\n"),
            "DataError: FILE: line 2, column 6: unexpected '\xC3\xA9' after a closing quote, expected tab or the end of "
            "the line");
  EXPECT_EQ(read_error("a,b\n1,\"2\"\r3\n"),
            "DataError: FILE: line 2, column 6: unexpected carriage return after a closing quote, expected ',' or the "
            "end of the line");
  EXPECT_EQ(read_error("a,b\n1,\"2\"\xFF\n"),
            "DataError: FILE: line 2, column 6: unexpected byte 0xff after a closing quote, expected ',' or the end of "
            "the line");
  EXPECT_EQ(read_error("a;b\n1;\"2\"\"\"3\n", opts(';')),
            "DataError: FILE: line 2, column 8: unexpected '3' after a closing quote, expected ';' or the end of the line");
}

TEST(CsvReaderErrors, WrongFieldCount) {
  EXPECT_EQ(read_error("a,b,c\n1,2,3\n4,5,6,7\n"), "DataError: FILE: line 3: row has 4 fields, the header has 3");
  EXPECT_EQ(read_error("a,b,c\n1,2\n"), "DataError: FILE: line 2: row has 2 fields, the header has 3");
  EXPECT_EQ(read_error("a,b,c\n1,2,3\n4"), "DataError: FILE: line 3: row has 1 field, the header has 3");
  EXPECT_EQ(read_error("a,b,c\n1,2,3,\n"), "DataError: FILE: line 2: row has 4 fields, the header has 3");
  EXPECT_EQ(read_error("1,2\n3\n", opts(std::nullopt, false)),
            "DataError: FILE: line 2: row has 1 field, the first row has 2");
  // The line is where the record starts.
  EXPECT_EQ(read_error("a,b\n\"x\ny\nz\",1,2\n"), "DataError: FILE: line 2: row has 3 fields, the header has 2");
  // A record's quoting error comes before its field count.
  EXPECT_EQ(read_error("a,b\n1,2,3,\"4\"x\n"),
            "DataError: FILE: line 2, column 10: unexpected 'x' after a closing quote, expected ',' or the end of the "
            "line");
}

TEST(CsvReaderErrors, InvalidUtf8) {
  EXPECT_EQ(read_error("a,b\n1,ok\n2,\xFF\n"),
            "DataError: FILE: line 3, column 3: invalid UTF-8, byte 0xff at byte offset 11");
  // Column in characters; offset in bytes from the start of the file, BOM included.
  EXPECT_EQ(read_error("\xEF\xBB\xBF" "a,b\n\xC3\xA9\xC3\xA9,x\xC3(\n"),
            "DataError: FILE: line 2, column 5: invalid UTF-8, byte 0xc3 at byte offset 13");
  EXPECT_EQ(read_error("\xEF\xBB\xBF\xFF,b\n"), "DataError: FILE: line 1, column 1: invalid UTF-8, byte 0xff at byte offset 3");
  // In the header, inside quotes, truncated at the end of the file.
  EXPECT_EQ(read_error("a,\"b\xE2\x82\"\n"), "DataError: FILE: line 1, column 5: invalid UTF-8, byte 0xe2 at byte offset 4");
  EXPECT_EQ(read_error("a\n\"x\ny\xC0\xAF\"\n"), "DataError: FILE: line 3, column 2: invalid UTF-8, byte 0xc0 at byte offset 6");
  EXPECT_EQ(read_error("a\nx\xF0\x9F\x98"), "DataError: FILE: line 2, column 2: invalid UTF-8, byte 0xf0 at byte offset 3");
  // Surrogates, overlong forms and code points above U+10FFFF.
  EXPECT_EQ(read_error("a\n\xED\xA0\x80\n"), "DataError: FILE: line 2, column 1: invalid UTF-8, byte 0xed at byte offset 2");
  EXPECT_EQ(read_error("a\n\xE0\x80\xAF\n"), "DataError: FILE: line 2, column 1: invalid UTF-8, byte 0xe0 at byte offset 2");
  EXPECT_EQ(read_error("a\n\xF4\x90\x80\x80\n"), "DataError: FILE: line 2, column 1: invalid UTF-8, byte 0xf4 at byte offset 2");
  // Valid 2-, 3- and 4-byte characters pass.
  EXPECT_EQ(read_ok("a\n\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\n").rows,
            (Rows{{"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"}}));
  // Invalid UTF-8 before another error wins; after it, the other error wins.
  EXPECT_EQ(read_error("a,b\n\xFF,1\n1,2,3\n"), "DataError: FILE: line 2, column 1: invalid UTF-8, byte 0xff at byte offset 4");
  EXPECT_EQ(read_error("a,b\n1,2,3\n\xFF,1\n"), "DataError: FILE: line 2: row has 3 fields, the header has 2");
}

// A NUL byte is not text: it means a binary file or UTF-16, whose NULs would otherwise
// hide inside names and values (docs/reliability.md, bad-input catalog).
TEST(CsvReaderErrors, NulBytesAreAnError) {
  EXPECT_EQ(read_error(std::string("a,b\nx\0y,\0\n", 10)),
            "DataError: FILE: line 2, column 2: NUL byte at byte offset 5; this is binary or UTF-16 data, not UTF-8 text");
  EXPECT_EQ(read_error(std::string("a\0,b\n1,2\n", 10)),
            "DataError: FILE: line 1, column 2: NUL byte at byte offset 1; this is binary or UTF-16 data, not UTF-8 text");
}

// Empty and repeated header names are named, with a warning each (pandas' to_csv()
// writes its index under an empty name).
TEST(CsvReader, EmptyAndRepeatedHeaderNamesAreNamed) {
  std::vector<std::string> warnings;
  CsvOptions o = opts();
  o.warn = [&](const std::string& w) { warnings.push_back(w); };
  Plain t = read_named("a,b,a,a_2,a\n1,2,3,4,5\n", o);
  EXPECT_EQ(t.names, (std::vector<std::string>{"a", "b", "a_3", "a_2", "a_4"}));
  EXPECT_EQ(warnings, (std::vector<std::string>{"FILE: line 1: column name 'a' repeated (column 3); named it 'a_3'",
                                                "FILE: line 1: column name 'a' repeated (column 5); named it 'a_4'"}));
  warnings.clear();
  t = read_named("\n\n,x,,index\n0,1,2,3\n", o);
  EXPECT_EQ(t.names, (std::vector<std::string>{"index_2", "x", "column_3", "index"}));
  EXPECT_EQ(warnings, (std::vector<std::string>{"FILE: line 3: column 1 has no name; named it 'index_2'",
                                                "FILE: line 3: column 3 has no name; named it 'column_3'"}));
  // No header: the rows are data, named col1..colN.
  EXPECT_TRUE(read_outcome("a,b,a\n", opts(std::nullopt, false)).table.has_value());
}

// Files whose lines end with a bare CR (old Mac OS, some Excel exports) read as LF ones.
TEST(CsvReader, BareCarriageReturnLineEnds) {
  const Plain cr = read_ok("a,b\r1,2\r1,\"x\ry\"\r3,4\r");
  ASSERT_EQ(cr.rows.size(), 3u);
  EXPECT_EQ(cr.rows[1], (std::vector<Cell>{"1", "x\ny"}));
  EXPECT_EQ(cr.rows[2], (std::vector<Cell>{"3", "4"}));
  // In a LF file a CR inside a value stays a CR.
  EXPECT_EQ(read_ok("a,b\n1,\"x\ry\"\n").rows[0], (std::vector<Cell>{"1", "x\ry"}));
  EXPECT_EQ(read_error("a,b\r1,2\r3\r"), "DataError: FILE: line 3: row has 1 field, the header has 2");
}

TEST(CsvReader, RaggedRowsPaddedOrSkipped) {
  std::vector<std::string> warnings;
  CsvOptions o = opts(std::nullopt, true, 2, 8);  // small chunks: the repair spans several
  o.warn = [&](const std::string& w) { warnings.push_back(w); };
  o.ragged = RaggedRows::kPad;
  Plain t = read_named("a,b,c\n1,2,3\n4\n5,6,7,8\n\"x\"\"y\",\"p\nq\"\n9,9,9\n", o);
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[1], (std::vector<Cell>{"4", N, N}));
  EXPECT_EQ(t.rows[2], (std::vector<Cell>{"5", "6", "7"}));
  EXPECT_EQ(t.rows[3], (std::vector<Cell>{"x\"y", "p\nq", N}));
  EXPECT_EQ(warnings, (std::vector<std::string>{
                          "FILE: 3 rows with more or fewer fields than the header padded with empty fields or cut (--ragged pad)"}));
  warnings.clear();
  o.ragged = RaggedRows::kSkip;
  t = read_named("a,b,c\n1,2,3\n4\n5,6,7,8\n\"x\"\"y\",\"p\nq\"\n9,9,9\n", o);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1], (std::vector<Cell>{"9", "9", "9"}));
  EXPECT_EQ(warnings, (std::vector<std::string>{"FILE: 3 rows with more or fewer fields than the header left out (--ragged skip)"}));
  // Line numbers stay the file's: a later syntax error names its own line.
  o.ragged = RaggedRows::kSkip;
  EXPECT_EQ(read_error("a,b\n1\n\"x\ny\",2,3\n4,5\"\n", o),
            "DataError: FILE: line 5, column 4: quote in an unquoted field (quote the whole field and double the quotes inside it)");
}

// Found by tests/fuzz/csv_fuzz: a quoted header name holding a line break was echoed
// verbatim in the duplicate-name message, which then took two lines. Control characters
// in messages are escaped (tsum/error.h).
TEST(CsvReaderErrors, NamesInMessagesStayOnOneLine) {
  std::vector<std::string> warnings;
  CsvOptions o = opts('\t');
  o.warn = [&](const std::string& w) { warnings.push_back(w); };
  read_named(";\x04;\t\"\n\"\t\"\n\"", o);
  EXPECT_EQ(warnings, (std::vector<std::string>{"FILE: line 1: column name '\\n' repeated (column 3); named it '\\n_2'"}));
  warnings.clear();
  o.delimiter = ',';
  read_named("\"a\x1b\",\"a\x1b\"\n1,2\n", o);
  EXPECT_EQ(warnings, (std::vector<std::string>{"FILE: line 1: column name 'a\\x1b' repeated (column 2); named it 'a\\x1b_2'"}));
}

// Found by csv_fuzz: in data shorter than 16 bytes the parser loaded a field's 16 bytes
// whole (short_key.h) and read past the end. The buffers here are exactly sized heap
// arrays, so AddressSanitizer (make test-asan) sees any such read.
TEST(CsvReaderRegressions, ShortDataIsNeverReadPastItsEnd) {
  const std::string fuzzed("\x04" "a\n\n\"\n\"\n", 8);  // with --no-header, 4-byte chunks
  for (const std::string& text : {fuzzed, std::string("a\nx\n"), std::string("a,b\n1,2\n"),
                                  std::string("col\nabcdefghijklmn\n"), std::string("c\nabcdefghijklmnopq")}) {
    for (size_t n = 1; n <= text.size(); ++n) {
      std::unique_ptr<char[]> exact(new char[n]);
      std::copy_n(text.data(), n, exact.get());
      const std::string_view bytes(exact.get(), n);
      for (const bool header : {true, false}) {
        for (const size_t chunk_bytes : {size_t{1} << 30, size_t{1}, size_t{4}, size_t{16}}) {
          CsvOptions options;
          options.threads = 1;
          options.header = header;
          options.chunk_bytes = chunk_bytes;
          try {
            const Table t = read_csv(bytes, "FILE", options);
            EXPECT_EQ(plain(t), plain(read_csv(std::string(bytes), "FILE", options))) << n;
          } catch (const DataError&) {
          }
        }
      }
    }
  }
}

TEST(CsvReaderErrors, MessageNamesTheFile) {
  TempFile file("a,b\n1\n");
  InputFile input(file.path());
  try {
    read_csv(input, CsvOptions{});
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), file.path() + ": line 2: row has 1 field, the header has 2");
    EXPECT_EQ(e.exit_code(), 1);
  }
}

// ---------------------------------------------------------------------------------------
// Independence from threads, chunk sizes and SIMD level

// Restores automatic SIMD selection and cell blocks when a test ends.
struct ScanLevelGuard {
  ~ScanLevelGuard() {
    csv::set_scan_level_for_testing(csv::ScanLevel::kAuto);
    csv::set_cell_blocks_for_testing(csv::CellBlocks::kAuto);
  }
};

// Cells straight to their columns (these tables are narrow), or held in blocks of a few
// rows (csv_cell_block.h) from the first record.
const csv::CellBlocks kCellPaths[] = {csv::CellBlocks::kAuto, csv::CellBlocks::kAlways};

const csv::ScanLevel kLevels[] = {csv::ScanLevel::kScalar, csv::ScanLevel::kSse2, csv::ScanLevel::kAvx2};

Outcome expected_outcome(const std::string& bytes, char delim, bool header);

// Reads `bytes` (whose delimiter is `delim`) with every combination of threads, chunk
// size and SIMD level and checks that all outcomes equal the reference reader's.
// Returns the reference outcome.
Outcome expect_same_everywhere(const std::string& bytes, char delim, const std::vector<size_t>& chunk_sizes) {
  ScanLevelGuard guard;
  CsvOptions base;
  base.threads = 1;
  const Outcome expected = expected_outcome(bytes, delim, true);
  EXPECT_EQ(read_outcome(bytes, base), expected) << "input: " << bytes;
  for (const csv::CellBlocks cells : kCellPaths) {
    csv::set_cell_blocks_for_testing(cells);
    for (const csv::ScanLevel level : kLevels) {
      csv::set_scan_level_for_testing(level);
      for (const unsigned threads : {1u, 2u, 4u}) {
        for (const size_t chunk : chunk_sizes) {
          CsvOptions o = base;
          o.threads = threads;
          o.chunk_bytes = chunk;
          const Outcome got = read_outcome(bytes, o);
          if (got == expected) continue;
          ADD_FAILURE() << "threads " << threads << ", chunk " << chunk << ", level " << static_cast<int>(level)
                        << ", cell blocks " << static_cast<int>(cells) << ", error " << got.error << " vs "
                        << expected.error << "\ninput: " << bytes;
          return expected;
        }
      }
    }
  }
  return expected;
}

std::vector<size_t> small_chunks(size_t up_to) {
  std::vector<size_t> sizes;
  for (size_t c = 1; c <= up_to; ++c) sizes.push_back(c);
  for (size_t c : {63, 64, 65, 100, 127, 128, 1000}) sizes.push_back(c);
  return sizes;
}

TEST(CsvReaderChunks, TrickyInputsGiveTheSameTableForAnyChunking) {
  const std::vector<std::pair<std::string, char>> inputs = {
      {"a,b,c\nx,\"y,\ny\",z\r\n\"q\"\"\",,\"\"\r\n1,2,3\n\n\"a\nb\nc\",\"\"\"\n\"\"\",\r\n", ','},
      {"v\n\"\n\"\n\"\"\n\n\"\r\n\"\r\n\r\nx", ','},
      {"h1;h2\n\"a;\n\";b\r\n\"\";\"\"\"\"\r\n;\r\n\xC3\xA9;\xE2\x82\xAC\n", ';'},
      {"\xEF\xBB\xBFk\tv\n1\t\"2\t3\"\n4\t5", '\t'},
      // Quoted fields longer than a 64-byte block, full of delimiters and line feeds.
      {"a,b\n" + std::string(200, 'x') + ",\"" + std::string(150, ',') + "\"\n\"" + std::string(130, '\n') + "\",y\n" +
           "\"" + std::string(70, '"') + "\",\"" + std::string(66, '"') + "\"\n",
       ','},
  };
  for (const auto& [input, delim] : inputs) {
    EXPECT_TRUE(expect_same_everywhere(input, delim, small_chunks(40)).table.has_value()) << input;
  }
}

TEST(CsvReaderChunks, ErrorsAreTheSameForAnyChunking) {
  const std::vector<std::string> inputs = {
      "a,b\n1,2\n3,4,5\n\"6\"x,7\n",               // field count before a quoting error
      "a,b\n1,\"2\n3,4\n5,6\n7,8\n",               // unterminated far from the end
      "a,b\n1,2\n3,4\"\n5,\"6\n7,8\n\"9\",\"0\"\n",  // a stray quote that flips the parity
      "a,b\n1,2\n\xC3\xA9,\xFF\n3,4,5\n",           // invalid UTF-8 before a count error
      "a,b\n1,2\n3,4,5\n\xFF,4\n",                  // and after one
      "a,b\n\"x\"y,1\n\"\n\"\n,\n",
      "a,b\n1,2\r\n3\r\n\"4\r\n",
  };
  for (const std::string& input : inputs) {
    EXPECT_FALSE(expect_same_everywhere(input, ',', small_chunks(24)).error.empty()) << input;
  }
}

TEST(CsvReaderChunks, EveryAlignmentWithinA64ByteBlock) {
  // The inner loop works on 64-byte blocks: shift tricky records through every position
  // of a block (and across block ends) and compare with the reference reader.
  ScanLevelGuard guard;
  const std::string records =
      "\"q\"\"r\",\"\"\n"      // doubled quotes, quoted empty field
      "\"\",\"x,\ny\"\r\n"     // line break and delimiter inside quotes
      "\xC3\xA9,\"\"\"\"\n"    // non-ASCII text, a field that is one quote
      "\n"                     // blank line
      "z,\"" + std::string(70, 'w') + "\"\n";
  for (size_t pad = 0; pad <= 130; ++pad) {
    const std::string text = "a,b\n" + std::string(pad, 'p') + "," + std::string(pad % 7, 'p') + "\n" + records;
    const Outcome expected = expected_outcome(text, ',', true);
    ASSERT_TRUE(expected.table.has_value()) << expected.error;
    for (const csv::ScanLevel level : kLevels) {
      csv::set_scan_level_for_testing(level);
      for (const csv::CellBlocks cells : kCellPaths) {
        csv::set_cell_blocks_for_testing(cells);
        ASSERT_EQ(read_outcome(text, opts(',')), expected)
            << "pad " << pad << ", level " << static_cast<int>(level) << ", cell blocks " << static_cast<int>(cells);
      }
    }
  }
  // And errors at every alignment.
  for (size_t pad = 0; pad <= 130; ++pad) {
    const std::string text = "a,b\n" + std::string(pad, 'p') + ",\"x\"\"\"y\n";
    const Outcome expected = expected_outcome(text, ',', true);
    ASSERT_FALSE(expected.error.empty());
    for (const csv::ScanLevel level : kLevels) {
      csv::set_scan_level_for_testing(level);
      for (const csv::CellBlocks cells : kCellPaths) {
        csv::set_cell_blocks_for_testing(cells);
        ASSERT_EQ(read_outcome(text, opts(',')), expected)
            << "pad " << pad << ", level " << static_cast<int>(level) << ", cell blocks " << static_cast<int>(cells);
      }
    }
  }
}

TEST(CsvReaderChunks, ChunkBoundaryBetweenCarriageReturnAndLineFeed) {
  std::string text = "a,b\r\n";
  Rows expected;
  for (int i = 0; i < 50; ++i) {
    std::string value = "v";  // appended, not "v" + ...: GCC 12 warns falsely (-Wrestrict) on that
    value.append(std::to_string(i % 7)).append("\r\nw");
    text.append(std::to_string(i)).append(",\"").append(value).append("\"\r\n");
    expected.push_back({std::to_string(i), value});
  }
  for (size_t chunk = 1; chunk <= 30; ++chunk) {
    for (const unsigned threads : {1u, 2u}) {
      EXPECT_EQ(read_ok(text, opts(std::nullopt, true, threads, chunk)).rows, expected) << chunk;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Differential tests against the reference reader (csv_reference.h)

std::string random_text(std::mt19937& rng, size_t max_length, bool binary) {
  static const std::vector<std::string> pieces = {"a", "b", "1", ",", ",", "\"", "\"", "\n", "\n", "\r\n", "\r",
                                                  " ", ";", "\xC3\xA9", "\xC3", "\xA9", "\xFF", "\"\"", "7.5"};
  std::string text;
  const size_t length = std::uniform_int_distribution<size_t>(0, max_length)(rng);
  while (text.size() < length) {
    if (binary) {
      text += static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    } else {
      text += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
    }
  }
  return text;
}

// The Table the spec prescribes for these cells: CSV typing, first-appearance dictionaries
// and the code counts they imply.
Plain expected_plain(std::vector<std::string> names, Rows rows) {
  Plain p;
  p.names = std::move(names);
  p.rows = std::move(rows);
  p.row_count = p.rows.size();
  p.types.assign(p.names.size(), ValueType::kString);
  p.dictionaries.resize(p.names.size());
  p.counts.resize(p.names.size());
  for (size_t c = 0; c < p.names.size(); ++c) {
    bool numeric = false, all = true;
    std::vector<uint64_t>& counts = p.counts[c];
    counts.assign(1, 0);
    for (const auto& row : p.rows) {
      if (!row[c]) {
        ++counts[0];
        continue;
      }
      std::vector<std::string>& dictionary = p.dictionaries[c];
      const size_t code = 1 + static_cast<size_t>(std::find(dictionary.begin(), dictionary.end(), *row[c]) -
                                                  dictionary.begin());
      if (code > dictionary.size()) {
        dictionary.push_back(*row[c]);
        counts.push_back(0);
      }
      ++counts[code];
      numeric = true;
      all = all && is_spec_number(*row[c]);
    }
    if (numeric && all) p.types[c] = ValueType::kNumeric;
  }
  return p;
}

// Mostly well-formed CSV: records of 1-3 fields, each a random valid encoding, with
// occasional single-byte corruptions.
std::string structured_text(std::mt19937& rng, size_t max_records) {
  static const std::vector<std::string> fields = {"", "a", "bb", "12", "-3.5", "\"\"", "\"x,y\"", "\"q\"\"\"",
                                                  "\"a\nb\"", "\"\r\n\"", "\xC3\xA9", "\"\xE2\x82\xAC\"", " ", "\r"};
  static const std::vector<std::string> ends = {"\n", "\n", "\r\n", "\n\n", "\r\n\r\n"};
  static const std::string noise = ",\"\n\r\xFF\xC3" "a";
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  std::string text;
  const size_t records = pick(max_records + 1);
  const size_t width = 1 + pick(3);
  for (size_t r = 0; r < records; ++r) {
    const size_t count = pick(8) == 0 ? 1 + pick(3) : width;
    for (size_t f = 0; f < count; ++f) text += (f ? "," : "") + fields[pick(fields.size())];
    if (r + 1 < records || pick(2)) text += ends[pick(ends.size())];
  }
  if (!text.empty() && pick(3) == 0) text[pick(text.size())] = noise[pick(noise.size())];
  return text;
}

Outcome expected_outcome(const std::string& bytes, char delim, bool header) {
  const Reference ref = reference_read(bytes, delim, header);
  Outcome outcome;
  if (!ref.error.empty()) {
    outcome.error = "DataError: FILE: " + ref.error;
  } else {
    outcome.table = expected_plain(ref.names, ref.rows);
  }
  return outcome;
}

TEST(CsvReaderDifferential, RandomTextMatchesTheReference) {
  ScanLevelGuard guard;
  std::mt19937 rng(20240601);
  const std::vector<std::string> headers = {"", "h\n", "h1,h2\n", "h1,h2,h3\r\n"};
  size_t errors = 0, tables = 0;
  for (int iteration = 0; iteration < 4000; ++iteration) {
    const std::string& header = headers[iteration % headers.size()];
    const bool has_header = !header.empty();
    const std::string text = header + (iteration % 2 ? structured_text(rng, 8) : random_text(rng, 48, iteration % 10 == 9));
    const Outcome expected = expected_outcome(text, ',', has_header);
    (expected.table ? tables : errors) += 1;
    csv::set_scan_level_for_testing(kLevels[iteration % 3]);
    csv::set_cell_blocks_for_testing(kCellPaths[iteration / 3 % 2]);
    const size_t chunk = std::uniform_int_distribution<size_t>(1, 12)(rng);
    const unsigned threads = 1 + iteration % 3;
    const Outcome got = read_outcome(text, opts(',', has_header, threads, chunk));
    ASSERT_EQ(got, expected) << "iteration " << iteration << ", chunk " << chunk << ", threads " << threads
                             << ", cell blocks " << static_cast<int>(kCellPaths[iteration / 3 % 2])
                             << "\ngot error:      " << got.error << "\nexpected error: " << expected.error;
  }
  // The generator must exercise both outcomes.
  EXPECT_GT(tables, 500u);
  EXPECT_GT(errors, 500u);
}

// ---------------------------------------------------------------------------------------
// A larger file

TEST(CsvReaderLarge, GeneratedFileWithEveryFeature) {
  std::mt19937 rng(7);
  std::string text = "\xEF\xBB\xBFid,city,score,note\r\n";
  Rows expected;
  const char* cities[] = {"Paris", "S\xC3\xA3o Paulo", "K\xC3\xB8" "benhavn", "\xE6\x9D\xB1\xE4\xBA\xAC", "Lima"};
  for (int i = 0; i < 40000; ++i) {
    std::vector<Cell> row;
    row.push_back(std::to_string(i));
    text += std::to_string(i) + ",";
    const int pick = static_cast<int>(rng() % 7);
    if (pick < 5) {
      row.push_back(cities[pick]);
      text += pick == 1 ? "\"" + std::string(cities[pick]) + "\"" : std::string(cities[pick]);
    } else {
      row.push_back(N);
      text += pick == 5 ? "" : "\"\"";
    }
    text += ",";
    const std::string score = std::to_string(rng() % 1000) + (rng() % 2 ? ".5" : "");
    row.push_back(score);
    text += score + ",";
    switch (rng() % 4) {
      case 0: row.push_back("plain"); text += "plain"; break;
      case 1: row.push_back("with, comma"); text += "\"with, comma\""; break;
      case 2: row.push_back("two\nlines \"quoted\""); text += "\"two\nlines \"\"quoted\"\"\""; break;
      default: row.push_back(N); break;
    }
    text += i % 3 ? "\n" : "\r\n";
    if (i % 1000 == 999) text += "\n";  // blank lines are skipped
    expected.push_back(std::move(row));
  }
  TempFile file(text);
  InputFile input(file.path());
  std::optional<Plain> first;
  for (const unsigned threads : {1u, 4u}) {
    for (const size_t chunk : {size_t{0}, size_t{100000}, size_t{777}}) {
      CsvOptions o;
      o.threads = threads;
      o.chunk_bytes = chunk;
      const Plain t = plain(read_csv(input, o));
      if (!first) {
        first = t;
        EXPECT_EQ(t.rows.size(), 40000u);
        EXPECT_TRUE(t == expected_plain({"id", "city", "score", "note"}, expected));
        EXPECT_EQ(t.types, (std::vector<ValueType>{ValueType::kNumeric, ValueType::kString, ValueType::kNumeric,
                                                   ValueType::kString}));
      } else {
        ASSERT_TRUE(t == *first) << "threads " << threads << ", chunk " << chunk;
      }
    }
  }
}

}  // namespace
}  // namespace tsum::csv_test
