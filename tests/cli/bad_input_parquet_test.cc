// The bad-input catalog, part 3: broken Parquet files, made by corrupting valid ones that
// the test-side writer (tests/io/parquet/parquet_writer.h) builds. The reader's own tests
// cover every message in detail; these check what the command prints and that it leaves
// no output behind.
#include <cstring>

#include "cli/bad_input_test_util.h"
#include "io/parquet/parquet_writer.h"

namespace tsum::bad_input {
namespace {

using namespace tsum::parquet_test;

Element int_leaf(const std::string& name, Repetition rep = Repetition::kOptional) {
  Element e;
  e.name = name;
  e.type = PhysicalType::kInt32;
  e.repetition = rep;
  return e;
}

// One INT32 column "a", ten rows, with the chunk options given.
std::string int_file(ChunkOptions o = {}, FileLayout* layout = nullptr, Repetition rep = Repetition::kOptional) {
  FileSpec spec;
  spec.schema = {int_leaf("a", rep)};
  std::vector<Cell> cells;
  for (int i = 0; i < 10; ++i) cells.push_back(raw<int32_t>(i % 3));
  spec.row_groups = {RowGroupData{{ChunkData{cells, o}}}};
  return write_parquet(spec, layout);
}

void put_u32(std::string& s, size_t at, uint32_t v) { std::memcpy(s.data() + at, &v, 4); }

TEST(BadInputParquet, Catalog) {
  TempDir dir;
  const std::string d = dir.path() + "/";
  FileLayout layout;
  const std::string good = int_file({}, &layout);
  // The valid file reads (so the corruptions below are what fails).
  expect_success("Parquet: the valid file the others are made from", {dir.file("good.parquet", good)}, dir);
  fs::remove(dir.path("good.parquet"));

  std::string long_footer = good;
  put_u32(long_footer, long_footer.size() - 8, 0xFFFFFFFFu);
  std::string bad_thrift = good;
  bad_thrift[layout.metadata_offset] = 0x1F;  // field 1 of type 15: no such type

  ChunkOptions zstd;
  zstd.codec = Codec::kZstd;
  FileLayout zstd_layout;
  std::string bad_zstd = int_file(zstd, &zstd_layout);
  const PageLayout& zpage = zstd_layout.chunks[0][0].pages[0];
  for (size_t i = 0; i < zpage.body_size; ++i) bad_zstd[zpage.body_offset + i] = static_cast<char>(0xA5 ^ i);

  // A page longer than its column chunk: the chunk's declared size is cut by 3 bytes.
  FileSpec spec;
  spec.schema = {int_leaf("a")};
  spec.row_groups = {RowGroupData{{ChunkData{{raw<int32_t>(1), raw<int32_t>(2)}, {}}}}};
  FileLayout short_layout;
  write_parquet(spec, &short_layout);
  const PageLayout page = short_layout.chunks[0][0].pages[0];
  const int64_t shorter = static_cast<int64_t>(page.header_size + page.body_size - 3);
  spec.extra_column_metadata = [&](size_t, size_t, ThriftWriter& w) { w.i64(7, shorter); };
  const std::string past_chunk = write_parquet(spec);

  // Dictionary codes 3 when the dictionary has 3 entries (0..2).
  ChunkOptions dict;
  dict.encoding = Encoding::kRleDictionary;
  FileLayout dict_layout;
  std::string bad_index = int_file(dict, &dict_layout, Repetition::kRequired);
  const PageLayout& dpage = dict_layout.chunks[0][0].pages[1];
  bad_index[dpage.body_offset + 2] = static_cast<char>(0xFF);

  const Case cases[] = {
      {"Parquet: empty file", {dir.file("empty.parquet", "")}, 1,
       d + "empty.parquet: file is too small to be Parquet (0 bytes)"},
      {"Parquet: CSV text named .parquet (bad magic)", {dir.file("text.parquet", "name,age\nann,31\n")}, 1,
       d + "text.parquet: not a Parquet file (it does not start with PAR1)"},
      {"Parquet: truncated download (half the file)", {dir.file("half.parquet", good.substr(0, good.size() / 2))}, 1,
       d + "half.parquet: not a Parquet file, or truncated: it does not end with PAR1"},
      {"Parquet: footer length past the start of the file", {dir.file("footer.parquet", long_footer)}, 1,
       d + "footer.parquet: footer length 4294967295 runs past the start of the file (file has " +
           std::to_string(good.size()) + " bytes)"},
      {"Parquet: bad Thrift in the footer", {dir.file("thrift.parquet", bad_thrift)}, 1,
       d + "thrift.parquet: file metadata (" + std::to_string(layout.metadata_size) + " bytes at offset " +
           std::to_string(layout.metadata_offset) + "): bad Thrift data: unknown field type 15 at byte 1"},
      {"Parquet: ZSTD page that does not decompress", {dir.file("zstd.parquet", bad_zstd)}, 1,
       d + "zstd.parquet: row group 0, column 'a', page 0 at offset 4: ZSTD decompression failed: not a ZSTD frame"},
      {"Parquet: page runs past its column chunk", {dir.file("page.parquet", past_chunk)}, 1,
       d + "page.parquet: row group 0, column 'a', page 0 at offset 4: the page (" + std::to_string(page.body_size) +
           " bytes after a " + std::to_string(page.header_size) + "-byte header) runs past the end of its column chunk (" +
           std::to_string(page.body_size - 3) + " bytes left)"},
      {"Parquet: dictionary index out of range", {dir.file("dict.parquet", bad_index)}, 1,
       d + "dict.parquet: row group 0, column 'a', page 1 at offset " + std::to_string(dpage.header_offset) +
           ": dictionary index 3 is out of range (the dictionary has 3 entries)"},
  };
  for (const Case& c : cases) expect_error(c, dir);
}

}  // namespace
}  // namespace tsum::bad_input
