// The HTML, CSV and Markdown renderers, the plain-language sentences and the column
// summaries: escaping of hostile data, RFC 4180 quoting, phrasing, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "report/column_summary.h"
#include "report/sentences.h"
#include "support/raw_table.h"
#include "tsum/report.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kImg = "\"><img src=x onerror=alert(1)>";

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Summary patients_summary(CostModelKind model = CostModelKind::kPaper) {
  SummarizeOptions o;
  o.cost_model = model;
  return summarize(test::to_table(test::patients()), o);
}

// A summary whose column names and values try to inject markup.
Summary hostile_summary() {
  test::RawTable raw;
  raw.names = {kScript, kImg, "plain"};
  for (int i = 0; i < 6; ++i) raw.rows.push_back({kImg, kScript, std::string("a,b \"c\"\nd")});
  for (int i = 0; i < 4; ++i) {
    // std::string(...) + : GCC 12 misreports "x" + std::string as an overlapping copy.
    const std::string n = std::to_string(i);
    raw.rows.push_back({std::string("x") + n, std::string("y") + n, std::string("z") + n});
  }
  return summarize(test::to_table(raw));
}

// ---- sentences -----------------------------------------------------------------

TEST(Sentences, SimpleFractionsInWords) {
  EXPECT_EQ(share_words(5, 10).text, "Half of the rows (50 %)");
  EXPECT_EQ(share_words(10, 10).text, "All of the rows (100 %)");
  EXPECT_EQ(share_words(1, 3).text, "A third of the rows (33.3 %)");
  EXPECT_EQ(share_words(2, 3).text, "Two thirds of the rows (66.7 %)");
  EXPECT_EQ(share_words(25, 100).text, "A quarter of the rows (25 %)");
  EXPECT_EQ(share_words(3, 4).text, "Three quarters of the rows (75 %)");
  EXPECT_EQ(share_words(3, 10).text, "Three in ten rows (30 %)");
  EXPECT_EQ(share_words(40, 200).text, "One in five rows (20 %)");
  EXPECT_TRUE(share_words(40, 200).singular);
  EXPECT_EQ(share_words(1000, 10000).text, "One in ten rows (10 %)");
  EXPECT_TRUE(share_words(1000, 10000).singular);
  EXPECT_FALSE(share_words(5, 10).singular);
}

TEST(Sentences, NearFractionsSmallTablesAndPercentages) {
  EXPECT_EQ(share_words(333, 1000).text, "About a third of the rows (33.3 %)");
  EXPECT_EQ(share_words(4970, 10000).text, "About half of the rows (49.7 %)");
  EXPECT_EQ(share_words(1005, 10000).text, "About one in ten rows (10.1 %)");
  EXPECT_TRUE(share_words(1005, 10000).singular);
  EXPECT_EQ(share_words(7, 13).text, "7 of the 13 rows (53.8 %)");
  EXPECT_EQ(share_words(32, 1000).text, "3.2 % of the rows");
  EXPECT_EQ(share_words(623, 1000).text, "62.3 % of the rows");
  EXPECT_EQ(share_words(973, 1000).text, "Nearly all of the rows (97.3 %)");
  EXPECT_EQ(share_words(37, 10000).text, "0.37 % of the rows (37 rows)");
  EXPECT_EQ(share_words(2, 1000000).text, "0.0002 % of the rows (2 rows)");
  EXPECT_EQ(share_words(0, 10).text, "None of the rows");
}

TEST(Sentences, PercentText) {
  EXPECT_EQ(percent_text(50), "50");
  EXPECT_EQ(percent_text(33.333), "33.3");
  EXPECT_EQ(percent_text(99.97), "99.9");  // never "100" when not all
  EXPECT_EQ(percent_text(0.0421), "0.042");
  EXPECT_EQ(percent_text(0.37), "0.37");
  EXPECT_EQ(percent_text(0.5), "0.5");
  EXPECT_EQ(percent_text(0.999), "1");
  EXPECT_EQ(percent_text(0.1), "0.1");
  EXPECT_EQ(percent_text(100), "100");
  EXPECT_EQ(percent_text(0), "0");
}

TEST(Sentences, PatternSentences) {
  Summary s = patients_summary();
  auto plain = [](std::string_view t) { return std::string(t); };
  EXPECT_EQ(pattern_sentence(s.patterns[0], s.rows, plain, plain), "Half of the rows (50 %) have gender = M and age = adult.");
  EXPECT_EQ(pattern_sentence(s.patterns[1], s.rows, plain, plain),
            "Three in ten rows (30 %) have age = child and blood_pressure = low.");
  SummaryPattern three;
  three.items = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
  three.rows = 100;
  EXPECT_EQ(pattern_sentence(three, 1000, plain, plain), "One in ten rows (10 %) has a = 1, b = 2 and c = 3.");
  SummaryPattern one;
  one.items = {{"a", "1"}};
  one.rows = 32;
  EXPECT_EQ(pattern_sentence(one, 1000, plain, plain), "3.2 % of the rows have a = 1.");
}

// ---- column summaries ------------------------------------------------------------

TEST(ColumnSummaries, FilledBySummarize) {
  Summary s = patients_summary();
  ASSERT_EQ(s.column_summaries.size(), 3u);
  const ColumnSummary& gender = s.column_summaries[0];
  EXPECT_EQ(gender.name, "gender");
  EXPECT_EQ(gender.type, "string");
  EXPECT_EQ(gender.distinct, 2u);
  EXPECT_EQ(gender.nulls, 0u);
  EXPECT_EQ(gender.top_values, (std::vector<ValueCount>{{"M", 7}, {"F", 3}}));
  // Ties keep first-appearance order: normal (3) and high (2) after low (5).
  EXPECT_EQ(s.column_summaries[2].top_values, (std::vector<ValueCount>{{"low", 5}, {"normal", 3}, {"high", 2}}));
}

TEST(ColumnSummaries, TopValuesBoundedTiesInFirstAppearanceOrderAndNulls) {
  test::RawTable raw;
  raw.names = {"n"};
  // 1..8 once each, then 9 three times, then 3 NULLs.
  for (int v = 1; v <= 8; ++v) raw.rows.push_back({std::to_string(v)});
  for (int k = 0; k < 3; ++k) raw.rows.push_back({"9"});
  for (int k = 0; k < 3; ++k) raw.rows.push_back({std::nullopt});
  std::vector<ColumnSummary> c = summarize_columns(test::to_table(raw), 3);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].type, "numeric");
  EXPECT_EQ(c[0].distinct, 9u);
  EXPECT_EQ(c[0].nulls, 3u);
  EXPECT_EQ(c[0].top_values, (std::vector<ValueCount>{{"9", 3}, {"1", 1}, {"2", 1}}));
  EXPECT_TRUE(summarize_columns(test::to_table(raw), 0)[0].top_values.empty());
}

// ---- HTML ------------------------------------------------------------------------

TEST(HtmlReport, EscapesEveryValueFromTheData) {
  Summary s = hostile_summary();
  ASSERT_GE(s.patterns.size(), 1u);
  ReportOptions o;
  o.input = kImg;
  o.generated_at = kScript;  // even the options are escaped
  std::string html = render_html(s, o);
  // No markup from the data: no script or img element, no event handler attribute.
  EXPECT_EQ(count(lower(html), "<script"), 0u);
  EXPECT_EQ(count(lower(html), "<img"), 0u);
  EXPECT_EQ(count(html, "onerror=alert"), count(html, "&lt;img src=x onerror=alert(1)&gt;"));
  // The values are there, as text.
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  // In the title too.
  EXPECT_NE(html.find("<title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &middot; tsum summary</title>"), std::string::npos);
  // Control characters are shown, not interpreted.
  EXPECT_NE(html.find("a,b &quot;c&quot;\\nd"), std::string::npos);
}

TEST(HtmlReport, SelfContainedAndLocked) {
  std::string html = render_html(patients_summary(), ReportOptions{"examples/patients.csv"});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  EXPECT_EQ(count(lower(html), "<script"), 0u);
  EXPECT_EQ(count(html, " src="), 0u);
  // Links are in-page only (the table of contents): nothing to follow out of the page.
  EXPECT_GT(count(html, " href=\"#"), 0u);
  EXPECT_EQ(count(html, " href="), count(html, " href=\"#"));
  EXPECT_EQ(count(html, "url("), 0u);
  EXPECT_EQ(count(html, "@import"), 0u);
  // The only URL is the SVG namespace, which is never fetched.
  EXPECT_EQ(count(html, "http://") + count(html, "https://"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST(HtmlReport, ContentOfThePatientsReport) {
  ReportOptions o{"examples/patients.csv"};
  o.generated_at = "2026-11-01 14:03 UTC";
  o.elapsed_seconds = 0.0123;
  std::string html = render_html(patients_summary(), o);
  EXPECT_NE(html.find("<h1>patients.csv</h1>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"source\">examples/patients.csv</p>"), std::string::npos);
  EXPECT_NE(html.find("<b>10</b> rows &times; <b>3</b> columns"), std::string::npos);
  EXPECT_NE(html.find("cost model <b>paper</b>"), std::string::npos);
  EXPECT_NE(html.find("generated <b>2026-11-01 14:03 UTC</b>"), std::string::npos);
  EXPECT_NE(html.find("took <b>12 ms</b>"), std::string::npos);
  // One row per pattern in the patterns table, each with a coverage bar.
  size_t tbody = html.find("<table class=\"patterns\">");
  ASSERT_NE(tbody, std::string::npos);
  std::string table = html.substr(tbody, html.find("</table>", tbody) - tbody);
  EXPECT_EQ(count(table, "<tr><td class=\"rank\">"), 2u);
  EXPECT_EQ(count(table, "<div class=\"meter\"><span style=\"width:50.00%\">"), 1u);
  // The sentences, with markup around names and values.
  EXPECT_NE(html.find("Half of the rows (50 %) have <span class=\"k\">gender</span> = <span class=\"v\">M</span> and "
                      "<span class=\"k\">age</span> = <span class=\"v\">adult</span>."),
            std::string::npos);
  EXPECT_NE(html.find("Together, the 2 patterns cover 80 % of the rows. The other 2 rows (20 %) follow no pattern"),
            std::string::npos);
  // The cumulative curve and the columns section.
  EXPECT_NE(html.find("<polyline class=\"cum\""), std::string::npos);
  EXPECT_NE(html.find("<h3>blood_pressure</h3>"), std::string::npos);
  EXPECT_EQ(count(html, "<article class=\"col\">"), 3u);
  // Each column card: type, distinct values, NULL share, most frequent values with counts.
  EXPECT_NE(html.find("<header><h3>gender</h3><span class=\"type\">string</span></header>\n"
                      "<div class=\"facts\"><span><b>2</b> distinct</span><span><b>0.0&#8239;%</b> NULL</span></div>\n"
                      "<table class=\"tops\" aria-label=\"most frequent values\"><tbody>\n"
                      "<tr><td class=\"tv\"><span class=\"v\">M</span></td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"tn\">7 &middot; 70.0&#8239;%</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"tn\">1 &middot; 10.0&#8239;%</td>"), std::string::npos);  // age = teen
}

TEST(HtmlReport, TimeOnlyWhenGiven) {
  std::string html = render_html(patients_summary(), ReportOptions{"p.csv"});
  EXPECT_EQ(html.find("generated <b>"), std::string::npos);
  EXPECT_EQ(html.find("took <b>"), std::string::npos);
  // Deterministic without them.
  EXPECT_EQ(html, render_html(patients_summary(), ReportOptions{"p.csv"}));
}

TEST(HtmlReport, EmptySummaryAndSummaryWithoutColumnDetails) {
  Summary empty;
  empty.columns = {"a"};
  std::string html = render_html(empty, ReportOptions{"empty.csv"});
  EXPECT_NE(html.find("The table has no rows."), std::string::npos);
  EXPECT_EQ(html.find("<table class=\"patterns\">"), std::string::npos);
  Summary s = patients_summary();
  s.column_summaries.clear();  // e.g. a front end that builds its own Summary
  html = render_html(s, ReportOptions{"p.csv"});
  EXPECT_NE(html.find("<li>blood_pressure</li>"), std::string::npos);
}

TEST(HtmlReport, BinnedAndExcludedColumns) {
  Summary s = patients_summary();
  ColumnBins bins;
  bins.column = "age";
  bins.type = "integer";
  bins.unit = "range";
  bins.labels = {"< 15", "[15, 60)", "\u2265 60"};
  bins.rows = {4, 5, 1};
  s.binned_columns.push_back(bins);
  s.excluded_columns.push_back({"id<b>", "identifier-like: 10 distinct values in 10 non-NULL rows (100 %)"});
  std::string html = render_html(s, ReportOptions{"p.csv"});
  EXPECT_NE(html.find("<svg class=\"hist\""), std::string::npos);
  EXPECT_NE(html.find("&lt; 15"), std::string::npos);
  EXPECT_NE(html.find("binned into ranges"), std::string::npos);
  EXPECT_NE(html.find("<b>id&lt;b&gt;</b>, identifier-like"), std::string::npos);
}

// ---- CSV -------------------------------------------------------------------------

TEST(CsvReport, PatientsExactly) {
  EXPECT_EQ(render_csv(patients_summary(), ReportOptions{"p.csv"}),
            "rank,coverage,rows,cumulative,saving,gender,age,blood_pressure\r\n"
            "1,50,5,50,179.8,M,adult,\r\n"
            "2,30,3,80,135,,child,low\r\n");
  EXPECT_EQ(render_csv(patients_summary(CostModelKind::kTsumDask), ReportOptions{"p.csv"}),
            "rank,coverage,rows,cumulative,saving,gender,age,blood_pressure\r\n"
            "1,50,5,50,3313,M,adult,\r\n"
            "2,30,3,80,1684,,child,low\r\n");
}

TEST(CsvReport, Rfc4180Quoting) {
  Summary s;
  s.rows = 4;
  s.columns = {"plain", "with,comma", "say \"hi\"", "multi\nline", "empty"};
  SummaryPattern p;
  p.items = {{"with,comma", "x,y"}, {"say \"hi\"", "\"q\""}, {"multi\nline", "a\r\nb"}, {"empty", ""}};
  p.rows = 2;
  p.coverage = 50;
  p.cumulative_coverage = 50;
  p.saving = 1.5;
  s.patterns.push_back(p);
  EXPECT_EQ(render_csv(s, ReportOptions{}),
            "rank,coverage,rows,cumulative,saving,plain,\"with,comma\",\"say \"\"hi\"\"\",\"multi\nline\",empty\r\n"
            "1,50,2,50,1.5,,\"x,y\",\"\"\"q\"\"\",\"a\r\nb\",\"\"\r\n");
}

TEST(CsvReport, HostileValuesRoundTripAsData) {
  std::string csv = render_csv(hostile_summary(), ReportOptions{});
  EXPECT_NE(csv.find("\"\"\"><img src=x onerror=alert(1)>\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("<script>alert(1)</script>"), std::string::npos);
}

// ---- Markdown --------------------------------------------------------------------

TEST(MarkdownReport, CatalogReady) {
  std::string md = render_markdown(patients_summary(), ReportOptions{"examples/patients.csv"});
  EXPECT_EQ(md.rfind("## Summary of `examples/patients.csv`\n\n", 0), 0u);
  EXPECT_NE(md.find("- Half of the rows (50 %) have gender = **M** and age = **adult**.\n"), std::string::npos) << md;
  EXPECT_NE(md.find("- Three in ten rows (30 %) have age = **child** and blood\\_pressure = **low**.\n"), std::string::npos);
  EXPECT_NE(md.find("| 1 | 50.0 % | 5 | 50.0 % | gender = M, age = adult | 179.8 |"), std::string::npos);
  EXPECT_NE(md.find("### Columns\n\n| column | type | distinct | NULL | most frequent values |"), std::string::npos);
  EXPECT_NE(md.find("| gender | string | 2 | 0.0 % | M (7), F (3) |"), std::string::npos);
  // Deterministic: nothing about time.
  ReportOptions timed{"examples/patients.csv"};
  timed.generated_at = "2026-11-01";
  timed.elapsed_seconds = 3;
  EXPECT_EQ(render_markdown(patients_summary(), timed), md);
}

TEST(TextAndMarkdownReports, CountsAgreeWithTheirNouns) {
  // Two identical rows of one column: one pattern covers both.
  test::RawTable two;
  two.names = {"a"};
  two.rows = {{std::string("x")}, {std::string("x")}};
  Summary one_pattern = summarize(test::to_table(two));
  ASSERT_EQ(one_pattern.total_patterns, 1u);
  EXPECT_EQ(render_text(one_pattern, ReportOptions{"t.csv"}).rfind("t.csv: 2 rows \u00d7 1 column, cost model paper, search greedy, 1 pattern, saving ", 0),
            0u);
  EXPECT_NE(render_markdown(one_pattern, ReportOptions{"t.csv"}).find(
                "2 rows \u00d7 1 column, cost model `paper`, search `greedy`. 1 pattern covers 100.0 % of the rows"),
            std::string::npos);
  test::RawTable single;
  single.names = {"a", "b"};
  single.rows = {{std::string("x"), std::string("y")}};
  Summary no_pattern = summarize(test::to_table(single));
  EXPECT_EQ(render_text(no_pattern, ReportOptions{"t.csv"}).rfind("t.csv: 1 row \u00d7 2 columns, cost model paper, search greedy, 0 patterns, saving 0.0 of ", 0), 0u);
  EXPECT_NE(render_markdown(no_pattern, ReportOptions{"t.csv"}).find("1 row \u00d7 2 columns, cost model `paper`, search `greedy`. 0 patterns cover "),
            std::string::npos);
  EXPECT_EQ(render_text(patients_summary(), ReportOptions{"p.csv"}).rfind("p.csv: 10 rows \u00d7 3 columns, cost model paper, search greedy, 2 patterns, saving 314.8 of 800.0 bits (39.4 %)\n", 0),
            0u);
}

TEST(MarkdownReport, EscapesMarkupAndTableSyntax) {
  std::string md = render_markdown(hostile_summary(), ReportOptions{"a`b.csv"});
  EXPECT_EQ(md.rfind("## Summary of ``a`b.csv``", 0), 0u);
  // Every < and > is escaped: no HTML reaches a Markdown renderer.
  for (size_t i = 0; i < md.size(); ++i) {
    if (md[i] == '<' || md[i] == '>') {
      EXPECT_TRUE(i > 0 && md[i - 1] == '\\') << md.substr(i > 20 ? i - 20 : 0, 40);
    }
  }
  EXPECT_NE(md.find("\\<script\\>alert(1)\\</script\\>"), std::string::npos);
  // A | in the data never opens a table cell; newlines are shown as \n.
  for (size_t at = md.find("| 1 |"); at != std::string::npos;) {
    std::string row = md.substr(at, md.find('\n', at) - at);
    size_t unescaped = 0;
    for (size_t i = 0; i < row.size(); ++i) unescaped += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
    EXPECT_EQ(unescaped, 7u) << row;
    break;
  }
}

// ---- JSON stays as it was --------------------------------------------------------

TEST(JsonReport, UnchangedByReportTimeOrColumnSummaries) {
  Summary s = patients_summary();
  ReportOptions timed{"p.csv"};
  timed.generated_at = "2026-11-01 14:03 UTC";
  timed.elapsed_seconds = 1.5;
  std::string json = render_json(s, ReportOptions{"p.csv"});
  EXPECT_EQ(render_json(s, timed), json);
  s.column_summaries.clear();
  EXPECT_EQ(render_json(s, timed), json);
  EXPECT_EQ(json.find("2026"), std::string::npos);
}

// A summary long enough to be formatted in blocks on several threads (json_report.cc):
// the text is the same on one thread and on two, and each pattern's line is in its place.
TEST(JsonReport, LongSummariesTheSameOnOneAndTwoThreads) {
  Summary s = patients_summary();
  const SummaryPattern first = s.patterns.at(0);
  s.patterns.clear();
  for (size_t i = 0; i < 20000; ++i) {
    SummaryPattern p = first;
    p.items.at(0).value = "v" + std::to_string(i);
    p.rows = i;
    s.patterns.push_back(p);
  }
  ReportOptions one{"p.csv"}, two{"p.csv"};
  one.threads = 1;
  two.threads = 2;
  const std::string json = render_json(s, one);
  EXPECT_EQ(render_json(s, two), json);
  size_t at = 0;
  for (size_t i = 0; i < s.patterns.size(); ++i) {
    at = json.find("\":\"v" + std::to_string(i) + "\"", at);
    ASSERT_NE(at, std::string::npos) << "pattern " << i;
    const size_t line_end = json.find('\n', at);
    EXPECT_NE(json.substr(at, line_end - at).find("\"rows\":" + std::to_string(i) + ","), std::string::npos) << i;
  }
}

}  // namespace
}  // namespace tsum
