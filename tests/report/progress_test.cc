// Progress: the meter's throttling and thread rule, the terminal line, the drawing
// thread, and the library's hooks (the CSV reader, the search).
#include "report/progress.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "report/format.h"
#include "support/raw_table.h"
#include "tsum/read.h"
#include "tsum/summarize.h"

namespace tsum {
namespace {

using namespace std::chrono_literals;

TEST(ProgressMeter, NoCallbackIsANoOp) {
  ProgressCallback none;
  ProgressMeter meter(none, Progress{});
  EXPECT_FALSE(meter.active());
  meter.add_bytes(10);
  meter.search(1, 2);
  meter.finish();
}

TEST(ProgressMeter, StartThrottledUpdatesAndDone) {
  std::vector<Progress> seen;
  ProgressCallback record = [&](const Progress& p) { seen.push_back(p); };
  {
    ProgressMeter meter(record, Progress{.stage = Progress::Stage::kRead, .bytes_total = 100}, 1h);
    ASSERT_EQ(seen.size(), 1u);  // the start, at once
    EXPECT_EQ(seen[0].bytes_done, 0u);
    EXPECT_FALSE(seen[0].done);
    for (int i = 0; i < 9; ++i) meter.add_bytes(10);
    EXPECT_EQ(seen.size(), 1u);  // within the interval: nothing
  }  // the end, when the meter goes out of scope
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[1].done);
  EXPECT_EQ(seen[1].bytes_done, 100u);
}

TEST(ProgressMeter, ReportsAfterTheIntervalAndNotOnException) {
  std::vector<Progress> seen;
  ProgressCallback record = [&](const Progress& p) { seen.push_back(p); };
  try {
    ProgressMeter meter(record, Progress{.stage = Progress::Stage::kSearch, .rows_left = 10, .rows_total = 10}, 0ms);
    meter.search(1, 6);
    meter.search(2, 3);
    throw std::runtime_error("stop");
  } catch (const std::runtime_error&) {
  }
  ASSERT_EQ(seen.size(), 3u);  // start and two updates; no "done" after an exception
  EXPECT_EQ(seen[2].patterns, 2u);
  EXPECT_EQ(seen[2].rows_left, 3u);
  EXPECT_FALSE(seen[2].done);
}

TEST(ProgressMeter, CallsBackFromItsOwnThreadOnly) {
  std::vector<std::thread::id> callers;
  ProgressCallback record = [&](const Progress&) { callers.push_back(std::this_thread::get_id()); };
  {
    ProgressMeter meter(record, Progress{.stage = Progress::Stage::kRead, .bytes_total = 1000}, 0ms);
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t) {
      workers.emplace_back([&] {
        for (int i = 0; i < 50; ++i) meter.add_bytes(5);
      });
    }
    for (std::thread& w : workers) w.join();
    meter.add_bytes(0);
  }
  ASSERT_GE(callers.size(), 3u);
  for (std::thread::id id : callers) EXPECT_EQ(id, std::this_thread::get_id());
}

// ---- the line ---------------------------------------------------------------------

TEST(ProgressHooks, CsvReaderReportsBytesOfTheTotal) {
  std::string path = (std::filesystem::temp_directory_path() / ("tsum-progress-" + std::to_string(getpid()) + ".csv")).string();
  {
    std::ofstream out(path);
    out << "a,b,c\n";
    for (int i = 0; i < 400000; ++i) out << i % 7 << ',' << i % 11 << ",value" << i % 13 << '\n';
  }
  const uint64_t size = std::filesystem::file_size(path);
  std::vector<Progress> seen;
  ReadOptions o;
  o.threads = 2;
  o.progress = [&](const Progress& p) { seen.push_back(p); };
  Table t = read_table(path, o);
  std::filesystem::remove(path);
  EXPECT_EQ(t.rows(), 400000u);
  ASSERT_GE(seen.size(), 2u);
  for (const Progress& p : seen) {
    EXPECT_EQ(p.stage, Progress::Stage::kRead);
    EXPECT_EQ(p.bytes_total, size);
    EXPECT_LE(p.bytes_done, size);
  }
  EXPECT_EQ(seen.front().bytes_done, 0u);
  EXPECT_TRUE(seen.back().done);
  EXPECT_EQ(seen.back().bytes_done, size);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].bytes_done, seen[i - 1].bytes_done);
}

TEST(ProgressHooks, SearchReportsPatternsAndRowsLeftThenRanking) {
  std::vector<Progress> seen;
  SummarizeOptions o;
  o.progress = [&](const Progress& p) { seen.push_back(p); };
  Summary s = summarize(test::to_table(test::patients(3)), o);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front().stage, Progress::Stage::kSearch);
  EXPECT_EQ(seen.front().rows_left, 30u);
  EXPECT_EQ(seen.front().rows_total, 30u);
  // The end of the search: every pattern found and the rows no pattern matches.
  auto end = std::find_if(seen.begin(), seen.end(), [](const Progress& p) { return p.stage == Progress::Stage::kSearch && p.done; });
  ASSERT_NE(end, seen.end());
  EXPECT_GE(end->patterns, s.total_patterns);
  EXPECT_LT(end->rows_left, 30u);
  EXPECT_EQ(seen.back().stage, Progress::Stage::kRank);
  EXPECT_TRUE(seen.back().done);
  // The same answer as without progress.
  SummarizeOptions quiet;
  EXPECT_EQ(summarize(test::to_table(test::patients(3)), quiet).patterns.size(), s.patterns.size());
}

}  // namespace
}  // namespace tsum
