// The tsum command on the inputs people have and the rough edges a new user meets:
// --limit in every format, bare-CR line ends, left-out columns in the header, --column
// and quoted --columns, float noise in text, compressed files, SQLite files given as a
// path, pandas' index column, repeated header names, ragged rows, --null-values,
// --encoding, -o's extension, --width. Errors are in the bad-input catalog
// (bad_input_formats_test.cc).
#include <bzlib.h>
#include <gtest/gtest.h>
#include <lzma.h>
#include <sqlite3.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/bad_input_test_util.h"
#include "support/run_command.h"

namespace tsum {
namespace {

namespace fs = std::filesystem;

const std::string kPatients = std::string(TSUM_SOURCE_DIR) + "/examples/patients.csv";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

using bad_input::TempDir;

test::CommandResult tsum(std::vector<std::string> args) {
  args.insert(args.begin(), test::tsum_binary());
  return test::run_command(args);
}

// A JSON summary without its "input" (the file's name).
std::string body(const std::string& json) {
  const size_t at = json.find(",\"rows\"");
  return at == std::string::npos ? json : json.substr(at);
}

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

// 30 groups of 4 equal rows: 30 patterns, more than text shows by default.
std::string thirty_patterns() {
  std::string csv = "a,b,c\n";
  for (int i = 0; i < 30; ++i) {
    const std::string n = std::to_string(i);
    for (int k = 0; k < 4; ++k) csv.append("a").append(n).append(",b").append(n).append(",c").append(n).append("\n");
  }
  return csv;
}

TEST(CliLimit, GovernsTextAndMarkdown) {
  TempDir dir;
  const std::string many = dir.file("many.csv", thirty_patterns());
  auto plain = tsum({many});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(lines(plain.out), 1 + 1 + 20 + 1u);  // title, table header, top 20, "... and 10 more"
  EXPECT_NE(plain.out.find("... and 10 more patterns"), std::string::npos);
  auto limited = tsum({"--limit", "25", many});
  EXPECT_EQ(lines(limited.out), 1 + 1 + 25 + 1u) << limited.out;  // every pattern kept, then the 5 others
  EXPECT_NE(limited.out.find("\n  25 "), std::string::npos);
  EXPECT_NE(limited.out.find("\n... and 5 more patterns"), std::string::npos) << limited.out;
  auto all = tsum({"--limit", "0", many});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(lines(all.out), 1 + 1 + 30u) << all.out;
  auto md = tsum({"--limit", "25", "--format", "markdown", many});
  size_t rows = 0;
  for (size_t at = md.out.find("\n| "); at != std::string::npos; at = md.out.find("\n| ", at + 1)) {
    rows += std::isdigit(static_cast<unsigned char>(md.out[at + 3])) != 0;
  }
  EXPECT_EQ(rows, 25u) << md.out;
}

TEST(CliInputs, BareCarriageReturnLineEnds) {
  TempDir dir;
  auto cr = tsum({"--format", "json", dir.file("cr.csv", "a,b\r1,2\r1,2\r3,4\r")});
  auto lf = tsum({"--format", "json", dir.file("cr.csv", "a,b\n1,2\n1,2\n3,4\n")});
  ASSERT_EQ(cr.exit_code, 0) << cr.err;
  EXPECT_NE(cr.out.find("\"rows\":3"), std::string::npos) << cr.out;
  EXPECT_EQ(cr.out, lf.out);
  // CR LF stays one line end; a bare CR inside a CR LF file is data.
  auto crlf = tsum({"--format", "json", dir.file("cr.csv", "a,b\r\n1,2\r\n1,2\r\n3,4\r\n")});
  EXPECT_EQ(crlf.out, lf.out);
}

TEST(CliText, HeaderCountsLeftOutColumns) {
  TempDir dir;
  std::string csv = "id,g,note\n";
  for (int i = 0; i < 40; ++i) csv += std::to_string(i) + "," + (i % 2 ? "x" : "y") + ",n" + std::to_string(i) + "\n";
  const std::string path = dir.file("ids.csv", csv);
  auto r = tsum({path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            path + ": 40 rows \u00d7 1 of 3 columns (id: identifier-like, note: identifier-like), cost model paper, "
                   "search greedy, 2 patterns, saving 282.0 of 320.0 bits (88.1 %)");
  auto md = tsum({"--format", "markdown", path});
  EXPECT_NE(md.out.find("40 rows \u00d7 1 of 3 columns (id: identifier-like, note: identifier-like)"), std::string::npos)
      << md.out;
  // Columns the user leaves out count too, after those preprocessing leaves out; under
  // every cost model (the compatibility models prepare nothing), named once each.
  auto ex = tsum({"--exclude", "g,note,g", "--keep-id-columns", path});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_EQ(ex.out.substr(0, ex.out.find("))") + 2),
            path + ": 40 rows \u00d7 1 of 3 columns (g: excluded (--exclude), note: excluded (--exclude))");
  EXPECT_EQ(ex.out.find("left out"), std::string::npos) << ex.out;  // no hint to --keep-id-columns
  auto html = tsum({"--exclude", "g", "--format", "html", path});
  EXPECT_NE(html.out.find("<li><b>g</b>, excluded (--exclude)</li>"), std::string::npos);
  auto js = tsum({"--cost", "tsum-js", "--exclude", "note", "--format", "json", path});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  EXPECT_NE(js.out.find(R"x("excluded_columns":[
{"column":"note","reason":"excluded (--exclude)"}
])x"), std::string::npos)
      << js.out;
}

TEST(CliColumns, RepeatedColumnOptionAndQuotedNames) {
  TempDir dir;
  const std::string path = dir.file("comma.csv", "\"a,b\",c,d\n1,x,p\n1,x,q\n2,y,p\n");
  auto one = tsum({"--format", "json", "--column", "a,b", "--column", "c", path});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("\"columns\":[\"a,b\",\"c\"]"), std::string::npos) << one.out;
  auto quoted = tsum({"--format", "json", "--columns", "\"a,b\",c", path});
  EXPECT_EQ(quoted.out, one.out);
  auto excluded = tsum({"--format", "json", "--exclude", "\"a,b\"", path});
  EXPECT_NE(excluded.out.find("\"columns\":[\"c\",\"d\"]"), std::string::npos) << excluded.out;
}

TEST(CliText, NoFloatNoiseOutsideJson) {
  TempDir dir;
  const std::string path =
      dir.file("f.json", "[{\"a\":179.80000000000001,\"b\":\"x\"},{\"a\":179.80000000000001,\"b\":\"x\"}]");
  auto text = tsum({path});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("a = 179.8, b = x"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("179.80000000000001"), std::string::npos);
  auto md = tsum({"--format", "markdown", path});
  EXPECT_NE(md.out.find("179.8"), std::string::npos);
  EXPECT_EQ(md.out.find("179.80000000000001"), std::string::npos) << md.out;
  auto json = tsum({"--format", "json", path});
  EXPECT_NE(json.out.find("\"a\":\"179.80000000000001\""), std::string::npos) << json.out;
}

// The same bytes compressed by each library (as gzip, zstd, bzip2 and xz write them).
std::string gzip(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
std::string zstd(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3));
  return out;
}
std::string bzip2(const std::string& in) {
  std::string out(in.size() + in.size() / 100 + 700, '\0');
  unsigned size = static_cast<unsigned>(out.size());
  BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(in.data()), static_cast<unsigned>(in.size()), 9, 0, 0);
  out.resize(size);
  return out;
}
std::string xz(const std::string& in) {
  std::string out(lzma_stream_buffer_bound(in.size()), '\0');
  size_t pos = 0;
  lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t*>(in.data()), in.size(),
                          reinterpret_cast<uint8_t*>(out.data()), &pos, out.size());
  out.resize(pos);
  return out;
}

TEST(CliInputs, CompressedFilesByMagicBytes) {
  TempDir dir;
  const std::string csv = read_file(kPatients);
  const std::string jsonl = "{\"g\":\"M\",\"a\":1}\n{\"g\":\"M\",\"a\":1}\n{\"g\":\"F\",\"a\":2}\n";
  auto expected_csv = tsum({"--format", "json", dir.file("plain.csv", csv)});
  auto expected_jsonl = tsum({"--format", "json", dir.file("plain.jsonl", jsonl)});
  ASSERT_EQ(expected_csv.exit_code, 0);
  const std::pair<std::string, std::string (*)(const std::string&)> kinds[] = {
      {"gz", gzip}, {"zst", zstd}, {"bz2", bzip2}, {"xz", xz}};
  for (const auto& kind : kinds) {
    SCOPED_TRACE(kind.first);
    // By the name under the suffix: data.csv.gz, events.jsonl.zst, ...
    auto named = tsum({"--format", "json", dir.file("plain.csv." + kind.first, kind.second(csv))});
    EXPECT_EQ(named.exit_code, 0) << named.err;
    EXPECT_EQ(body(named.out), body(expected_csv.out));
    auto lines = tsum({"--format", "json", dir.file("plain.jsonl." + kind.first, kind.second(jsonl))});
    EXPECT_EQ(body(lines.out), body(expected_jsonl.out)) << lines.err;
    // No telling name: the bytes say it is compressed, the content is sniffed.
    auto anonymous = tsum({"--format", "json", dir.file("plain", kind.second(csv))});
    EXPECT_EQ(body(anonymous.out), body(expected_csv.out)) << anonymous.err;
  }
  // Two gzip members one after the other (cat a.gz b.gz) are one file.
  const std::string half = csv.substr(0, csv.find('\n', csv.size() / 2) + 1);
  auto members = tsum({"--format", "json", dir.file("plain.csv.gz", gzip(half) + gzip(csv.substr(half.size())))});
  EXPECT_EQ(body(members.out), body(expected_csv.out)) << members.err;
  EXPECT_NE(body(expected_csv.out), expected_csv.out);  // body() found the summary
}

void make_database(const std::string& path, const std::vector<std::string>& statements) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (const std::string& sql : statements) ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  sqlite3_close(db);
}

TEST(CliInputs, SqliteDatabaseAsAPlainPath) {
  TempDir dir;
  const std::string db = dir.path("people.db");
  make_database(db, {"CREATE TABLE people (gender TEXT, age TEXT)", "INSERT INTO people VALUES ('M','adult'),('M','adult'),('F','child')"});
  auto plain = tsum({"--format", "json", db});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  auto url = tsum({"--format", "json", "sqlite://" + db + "?table=people"});
  EXPECT_EQ(body(plain.out), body(url.out));
  auto query = tsum({"--format", "json", "--query", "SELECT gender FROM people", db});
  EXPECT_NE(query.out.find("\"columns\":[\"gender\"]"), std::string::npos) << query.err;
}

TEST(CliInputs, PandasIndexColumnAndRepeatedNames) {
  TempDir dir;
  std::string csv = ",x,y\n";  // pandas' to_csv(): the index under an empty name
  for (int i = 0; i < 40; ++i) csv += std::to_string(i) + "," + (i % 2 ? "a" : "b") + ",1\n";
  const std::string path = dir.file("frame.csv", csv);
  auto r = tsum({path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "tsum: warning: " + path + ": line 1: column 1 has no name; named it 'index'\n");
  EXPECT_NE(r.out.find("(index: identifier-like)"), std::string::npos) << r.out;  // a row id, left out
  const std::string dup = dir.file("dup.csv", "a,b,a,a_2\n1,2,3,4\n1,2,3,4\n");
  auto d = tsum({"--format", "json", dup});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(d.err, "tsum: warning: " + dup + ": line 1: column name 'a' repeated (column 3); named it 'a_3'\n");
  EXPECT_NE(d.out.find("\"columns\":[\"a\",\"b\",\"a_3\",\"a_2\"]"), std::string::npos) << d.out;
}

TEST(CliInputs, RaggedRowsPadOrSkip) {
  TempDir dir;
  const std::string path = dir.file("ragged.csv", "a,b\n1,2\n3\n4,5,6\n1,2\n");
  auto error = tsum({path});
  EXPECT_EQ(error.exit_code, 1);
  EXPECT_EQ(error.err, "tsum: error: " + path + ": line 3: row has 1 field, the header has 2\n");
  auto pad = tsum({"--ragged", "pad", "--format", "json", "--bins", "none", path});
  ASSERT_EQ(pad.exit_code, 0) << pad.err;
  EXPECT_EQ(pad.err, "tsum: warning: " + path +
                         ": 2 rows with more or fewer fields than the header padded with empty fields or cut (--ragged pad)\n");
  EXPECT_NE(pad.out.find("\"rows\":4"), std::string::npos) << pad.out;
  auto skip = tsum({"--ragged", "skip", "--format", "json", "--bins", "none", path});
  ASSERT_EQ(skip.exit_code, 0) << skip.err;
  EXPECT_EQ(skip.err, "tsum: warning: " + path + ": 2 rows with more or fewer fields than the header left out (--ragged skip)\n");
  EXPECT_NE(skip.out.find("\"rows\":2"), std::string::npos) << skip.out;
  // Padded rows are the rows with NULLs: 3,NULL and 4,5.
  auto padded_same = tsum({"--format", "json", "--bins", "none", dir.file("same.csv", "a,b\n1,2\n3,\n4,5\n1,2\n")});
  EXPECT_EQ(body(pad.out), body(padded_same.out));
}

TEST(CliInputs, NullValuesAndLatin1) {
  TempDir dir;
  const std::string path = dir.file("na.csv", "a,b\nNA,x\nN/A,x\n-,y\n1,y\n");
  auto r = tsum({"--format", "json", "--bins", "none", "--null-values", "NA,N/A,-", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto same = tsum({"--format", "json", "--bins", "none", dir.file("null.csv", "a,b\n,x\n,x\n,y\n1,y\n")});
  EXPECT_EQ(body(r.out), body(same.out));
  const std::string latin1 = dir.file("latin1.csv", "name,city\nJos\xe9,M\xfcnchen\nJos\xe9,M\xfcnchen\n");
  auto bad = tsum({latin1});
  EXPECT_EQ(bad.err, "tsum: error: " + latin1 + ": line 2, column 4: invalid UTF-8, byte 0xe9 at byte offset 13\n");
  auto good = tsum({"--format", "json", "--encoding", "latin-1", latin1});
  ASSERT_EQ(good.exit_code, 0) << good.err;
  EXPECT_NE(good.out.find("\"name\":\"Jos\u00e9\",\"city\":\"M\u00fcnchen\""), std::string::npos) << good.out;
}

TEST(CliOutput, FormatFromTheExtensionAndInAnyCase) {
  TempDir dir;
  auto json = tsum({"--format", "json", kPatients});
  for (const char* name : {"s.json", "s.JSON"}) {
    auto r = tsum({"-o", dir.path(name), kPatients});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_file(dir.path(name)), json.out) << name;
  }
  auto md = tsum({"--format", "markdown", kPatients});
  tsum({"-o", dir.path("s.md"), kPatients});
  EXPECT_EQ(read_file(dir.path("s.md")), md.out);
  auto csv = tsum({"--format", "CSV", kPatients});
  tsum({"-o", dir.path("s.csv"), kPatients});
  EXPECT_EQ(read_file(dir.path("s.csv")), csv.out);
  auto html = tsum({"-o", dir.path("s.html"), kPatients});
  EXPECT_EQ(read_file(dir.path("s.html")).rfind("<!DOCTYPE html>", 0), 0u);
  // --format wins over the extension; an unknown extension is text.
  tsum({"--format", "Json", "-o", dir.path("s.txt"), kPatients});
  EXPECT_EQ(read_file(dir.path("s.txt")), json.out);
  tsum({"-o", dir.path("s.out"), kPatients});
  EXPECT_EQ(read_file(dir.path("s.out")), tsum({kPatients}).out);
}

// One vocabulary for types: the Markdown and HTML column profiles say what the text line
// and JSON's "bins" say (integer, date, ...), not the spec's numeric/string.
TEST(CliReports, OneVocabularyForTypes) {
  TempDir dir;
  std::string csv = "n,d,s\n";
  for (int i = 0; i < 30; ++i) {
    csv += std::to_string(i % 3) + ",2001-0" + std::to_string(1 + i % 2) + "-0" + std::to_string(1 + i % 9) + "," +
           (i % 2 ? "a" : "b") + "\n";
  }
  const std::string path = dir.file("types.csv", csv);
  auto md = tsum({"--format", "markdown", path});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_NE(md.out.find("| n | integer | 3 |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("| s | string | 2 |"), std::string::npos) << md.out;
  EXPECT_EQ(md.out.find("numeric"), std::string::npos) << md.out;
  auto html = tsum({"--format", "html", path});
  EXPECT_NE(html.out.find(">integer</span>"), std::string::npos);
  EXPECT_EQ(html.out.find(">numeric</span>"), std::string::npos);
  // The compatibility models read no types: the spec's words.
  auto dask = tsum({"--format", "markdown", "--cost", "tsum-dask", path});
  EXPECT_NE(dask.out.find("| n | numeric | 3 |"), std::string::npos) << dask.out;
}

// A binned column's line shows the values its open end bins reach to.
TEST(CliText, BinnedColumnsShowTheirValueRange) {
  TempDir dir;
  std::string csv = "v,g\n";
  for (int i = 0; i < 300; ++i) csv += std::to_string(17 + (i * 37) % 77) + "," + (i % 2 ? "a" : "b") + "\n";
  const std::string path = dir.file("nums.csv", csv);
  auto r = tsum({"--bins", "4", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string line = r.out.substr(r.out.find('\n') + 1, r.out.find('\n', r.out.find('\n') + 1) - r.out.find('\n') - 1);
  EXPECT_EQ(line.rfind("  v (integer) in 4 ranges: < ", 0), 0u) << line;
  EXPECT_EQ(line.substr(line.size() - 18), " (values 17 to 93)") << line;
  auto json = tsum({"--bins", "4", "--format", "json", path});
  EXPECT_EQ(json.out.find("values 17"), std::string::npos);  // JSON unchanged: edges, labels, rows
}

TEST(CliText, WidthShortensLongValues) {
  TempDir dir;
  std::string csv = "k,v\n";
  const std::string long_value(120, 'w');
  for (int i = 0; i < 6; ++i) csv += "1," + long_value + "\n";
  csv += "2,z\n";
  const std::string path = dir.file("wide.csv", csv);
  auto full = tsum({path});  // not a terminal: never shortened
  EXPECT_NE(full.out.find(long_value), std::string::npos);
  auto narrow = tsum({"--width", "60", path});
  ASSERT_EQ(narrow.exit_code, 0) << narrow.err;
  EXPECT_EQ(narrow.out.find(long_value), std::string::npos);
  EXPECT_NE(narrow.out.find("\u2026"), std::string::npos) << narrow.out;
  std::istringstream in(narrow.out);
  for (std::string line; std::getline(in, line);) {
    size_t width = 0;
    for (unsigned char c : line) width += (c & 0xC0) != 0x80;
    EXPECT_LE(width, 60u) << line;
  }
  auto unlimited = tsum({"--width", "0", path});
  EXPECT_EQ(unlimited.out, full.out);
}

}  // namespace
}  // namespace tsum
