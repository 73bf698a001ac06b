// Wide tables read through cell blocks (src/io/csv/csv_cell_block.h): the same Table as
// cell by cell, and blocks used exactly when the first records show large dictionaries or
// the table has at least 10,000 columns.
// (csv_reader_test.cc runs every format and error case through blocks of a few rows.)
#include <gtest/gtest.h>

#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "csv_test_util.h"
#include "io/csv/csv_chunk_parser.h"

namespace tsum::csv_test {
namespace {

struct CellBlocksGuard {
  ~CellBlocksGuard() { csv::set_cell_blocks_for_testing(csv::CellBlocks::kAuto); }
};

struct WideFile {
  std::string text;
  Rows rows;
};

// `columns` columns of values drawn from `labels` labels, with every kind of field mixed
// in: NULLs, quoted fields (with a delimiter or a line feed inside), doubled quotes (the
// parser unescapes those into its scratch buffer), values longer than 16 bytes, non-ASCII
// text; CRLF and LF line ends, blank lines, no line feed after the last record.
WideFile wide_file(size_t columns, size_t rows, uint32_t labels, unsigned seed) {
  std::mt19937 rng(seed);
  WideFile f;
  for (size_t c = 0; c < columns; ++c) f.text += (c ? "," : "") + ("c" + std::to_string(c));
  f.text += "\n";
  for (size_t r = 0; r < rows; ++r) {
    std::vector<Cell>& row = f.rows.emplace_back();
    for (size_t c = 0; c < columns; ++c) {
      if (c) f.text += ",";
      const std::string label = std::to_string(rng() % labels);
      switch (rng() % 64) {
        case 0: row.push_back(Cell{}); break;
        case 1: row.push_back("a," + label); f.text += "\"a," + label + "\""; break;
        case 2: row.push_back("q\"" + label); f.text += "\"q\"\"" + label + "\""; break;
        case 3: row.push_back("l\n" + label); f.text += "\"l\n" + label + "\""; break;
        case 4: row.push_back("a value longer than sixteen bytes " + label); f.text += row.back().value(); break;
        case 5: row.push_back("\xC3\xA9" + label); f.text += row.back().value(); break;
        default: row.push_back("v" + label); f.text += row.back().value(); break;
      }
    }
    if (r + 1 < rows) f.text += r % 3 ? "\n" : "\r\n";
    if (r % 1000 == 999) f.text += "\n";
  }
  return f;
}

Plain read_with(const std::string& path, csv::CellBlocks cells, unsigned threads, size_t chunk_bytes) {
  csv::set_cell_blocks_for_testing(cells);
  CsvOptions o;
  o.threads = threads;
  o.chunk_bytes = chunk_bytes;
  InputFile input(path);
  return plain(read_csv(input, o));
}

// The file read cell by cell holds `rows`; read on its own (kAuto) at 1 and 2 threads with
// each chunk size (0: the reader's own), some chunks go through blocks and the Table is
// the same as cell by cell.
void expect_blocks_read_it(const std::string& path, const Rows& rows, std::initializer_list<size_t> chunks) {
  const Plain cell_by_cell = read_with(path, csv::CellBlocks::kNever, 1, 0);
  ASSERT_EQ(cell_by_cell.rows, rows);
  for (const unsigned threads : {1u, 2u}) {
    for (const size_t chunk : chunks) {
      const uint64_t before = csv::chunks_through_blocks();
      const Plain held = read_with(path, csv::CellBlocks::kAuto, threads, chunk);
      EXPECT_GT(csv::chunks_through_blocks(), before) << "threads " << threads << ", chunk " << chunk;
      ASSERT_TRUE(held == cell_by_cell) << "threads " << threads << ", chunk " << chunk;
    }
  }
}

TEST(CsvCellBlocks, WideHighCardinalityTablesAreTheSameThroughBlocks) {
  CellBlocksGuard guard;
  // 200 columns of ~20,000 labels: the first 256 records bring ~50,000 distinct values,
  // over the threshold; 4 MiB chunks hold more records than one block (2,621 rows), 1 MiB
  // chunks fewer.
  const WideFile f = wide_file(200, 6000, 20000, 3);
  TempFile file(f.text);
  expect_blocks_read_it(file.path(), f.rows, {size_t{0}, size_t{4} << 20, size_t{1} << 20});
}

TEST(CsvCellBlocks, VeryWideTablesGoThroughBlocksFromTheFirstRecord) {
  CellBlocksGuard guard;
  // 10,000 columns of 5 labels: dictionaries far below the sample's threshold, chunks of
  // a few records (a block of 4 MiB holds 52 of them; 1 MiB chunks hold ~20, 64 KiB
  // chunks one or two), and every kind of field.
  const WideFile f = wide_file(10000, 60, 5, 11);
  TempFile file(f.text);
  expect_blocks_read_it(file.path(), f.rows, {size_t{0}, size_t{1} << 20, size_t{64} << 10});
  // One column fewer is read cell by cell: the sample's rule applies there.
  const WideFile narrower = wide_file(9999, 20, 5, 12);
  TempFile narrower_file(narrower.text);
  const uint64_t before = csv::chunks_through_blocks();
  EXPECT_EQ(read_with(narrower_file.path(), csv::CellBlocks::kAuto, 1, 0).rows, narrower.rows);
  EXPECT_EQ(csv::chunks_through_blocks(), before);
}

TEST(CsvCellBlocks, NarrowOrLowCardinalityTablesAreReadCellByCell) {
  CellBlocksGuard guard;
  const WideFile low = wide_file(200, 3000, 10, 5);     // wide, ~16 values per column
  const WideFile narrow = wide_file(31, 3000, 100000, 7);  // all distinct, but 31 columns
  for (const WideFile* f : {&low, &narrow}) {
    TempFile file(f->text);
    const uint64_t before = csv::chunks_through_blocks();
    const Plain t = read_with(file.path(), csv::CellBlocks::kAuto, 1, 0);
    EXPECT_EQ(csv::chunks_through_blocks(), before);
    EXPECT_EQ(t.rows, f->rows);
  }
}

}  // namespace
}  // namespace tsum::csv_test
