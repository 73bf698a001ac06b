// The Arrow reader (src/io/arrow): hand-made C data (arrow_test_arrays.h) -> Table.
#include <gtest/gtest.h>

#include <limits>

#include "io/arrow/arrow_reader.h"
#include "io/arrow/arrow_test_arrays.h"
#include "io/csv/csv_test_util.h"
#include "support/plain_table.h"
#include "tsum/arrow.h"
#include "tsum/error.h"
#include "tsum/table_builder.h"

namespace tsum {
namespace {

using arrow_test::Arrays;
using arrow_test::bits_of;
using arrow_test::Bytes;
using arrow_test::bytes_of;
using arrow_test::TestStream;
using test::plain;
using test::PlainCell;

Table read_batches(ArrowSchema* schema, std::vector<ArrowArray*> batches, ArrowReadOptions o = {}) {
  TestStream t{schema, std::move(batches)};
  ArrowArrayStream s = t.make();
  return read_arrow(&s, o);
}

std::string error_of(ArrowSchema* schema, std::vector<ArrowArray*> batches, ArrowReadOptions o = {}) {
  try {
    read_batches(schema, std::move(batches), o);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::vector<PlainCell> column_cells(const Table& t, size_t c) {
  std::vector<PlainCell> out;
  for (const auto& row : plain(t).rows) out.push_back(row[c]);
  return out;
}

TEST(ArrowReader, StringsWithValidityAndOffset) {
  Arrays a;
  ArrowArray* col = a.strings({"skip", "b", std::nullopt, "a", "b"});
  col->offset = 1;
  col->length = 4;
  Table t = read_batches(a.schema("+s", "", {a.schema("u", "s")}), {a.batch({col})});
  EXPECT_EQ(t.rows(), 4u);
  EXPECT_EQ(column_cells(t, 0), (std::vector<PlainCell>{"b", std::nullopt, "a", "b"}));
  EXPECT_EQ(t.column(0).type(), ValueType::kString);
  EXPECT_EQ(a.array_releases, 1);   // the batch, once (its children are the producer's to free)
  EXPECT_EQ(a.schema_releases, 1);  // the stream's schema
}

TEST(ArrowReader, RecordBatchEqualsTheCsvOfTheSameCells) {
  Arrays a;
  ArrowSchema* schema = a.schema("+s", "", {a.schema("u", "name"), a.schema("l", "n"), a.schema("g", "x"),
                                            a.schema("b", "flag"), a.schema("tdD", "day")});
  std::vector<int64_t> n{3, -20, 3, 7};
  std::vector<double> x{1.5, 0.25, 1.5, 100};
  ArrowArray* ints = a.array(4, 1, 0, {bits_of({true, true, true, false}), bytes_of(n)});
  ArrowArray* batch = a.batch({a.strings({"M", "F", "M", std::nullopt}), ints, a.values(x),
                               a.array(4, 0, 0, {Bytes{}, bits_of({true, false, true, true})}),
                               a.values(std::vector<int32_t>{18262, 0, -1, 18262})});
  Table arrow = read_batches(schema, {batch});
  csv_test::TempFile csv(
      "name,n,x,flag,day\n"
      "M,3,1.5,true,2020-01-01\n"
      "F,-20,0.25,false,1970-01-01\n"
      "M,3,1.5,true,1969-12-31\n"
      ",,100,true,2020-01-01\n");
  InputFile input(csv.path());
  Table text = read_csv(input, CsvOptions{});
  EXPECT_EQ(plain(arrow), plain(text));  // cells, dictionaries in order, counts, numeric typing
}

TEST(ArrowReader, DictionaryIndicesAreCodesInOrderOfFirstAppearance) {
  Arrays a;
  ArrowSchema* schema = a.schema("+s", "", {a.schema("c", "k", {}, a.schema("u"))});
  // Dictionary: z, y, x, NULL entry, unused.
  ArrowArray* dict = a.strings({"z", "y", "x", std::nullopt, "unused"});
  std::vector<int8_t> idx{2, 0, 2, 1, 3, 0};
  ArrowArray* col = a.array(6, 1, 0, {bits_of({true, true, false, true, true, true}), bytes_of(idx)}, {}, dict);
  Table t = read_batches(schema, {a.batch({col})});
  const Column& c = t.column(0);
  ASSERT_EQ(c.cardinality(), 3u);  // x, z, y; the NULL entry and "unused" are not values
  EXPECT_EQ(c.value(1), "x");
  EXPECT_EQ(c.value(2), "z");
  EXPECT_EQ(c.value(3), "y");
  EXPECT_EQ(c.code_counts(), (std::vector<uint64_t>{2, 1, 2, 1}));
  EXPECT_EQ(column_cells(t, 0), (std::vector<PlainCell>{"x", "z", std::nullopt, "y", std::nullopt, "z"}));
}

TEST(ArrowReader, DictionaryIndexOutOfRangeIsAnError) {
  Arrays a;
  ArrowSchema* schema = a.schema("+s", "", {a.schema("i", "k", {}, a.schema("u"))});
  ArrowArray* col = a.array(2, 0, 0, {Bytes{}, bytes_of(std::vector<int32_t>{0, 7})}, {}, a.strings({"a", "b"}));
  EXPECT_EQ(error_of(schema, {a.batch({col})}),
            "<Arrow stream>: column 'k', rows 1..2: dictionary index 7 is out of range (the dictionary has 2 values)");
}

TEST(ArrowReader, TypedValuesGetTheParquetReadersText) {
  Arrays a;
  ArrowSchema* schema = a.schema(
      "+s", "",
      {a.schema("c", "i8"), a.schema("L", "u64"), a.schema("f", "f32"), a.schema("e", "f16"), a.schema("d:5,2", "dec"),
       a.schema("tdm", "d64"), a.schema("tts", "t32"), a.schema("tss:UTC", "ts"), a.schema("tsu:", "tsu"),
       a.schema("w:3", "fsb"), a.schema("n", "nothing")});
  std::vector<uint8_t> dec(16, 0);
  const int64_t unscaled = -1234;  // -12.34
  std::memcpy(dec.data(), &unscaled, 8);
  std::memset(dec.data() + 8, 0xFF, 8);  // sign extension: little-endian 128-bit -1234
  ArrowArray* batch = a.batch({
      a.values(std::vector<int8_t>{-5}),
      a.values(std::vector<uint64_t>{std::numeric_limits<uint64_t>::max()}),
      a.values(std::vector<float>{0.1f}),
      a.values(std::vector<uint16_t>{0x3C00}),  // half 1.0
      a.array(1, 0, 0, {Bytes{}, dec}),
      a.values(std::vector<int64_t>{-86400000LL - 1}),  // one millisecond before 1969-12-31
      a.values(std::vector<int32_t>{3661}),
      a.values(std::vector<int64_t>{951782400}),        // 2000-02-29 00:00:00 UTC
      a.values(std::vector<int64_t>{1500000}),          // 1.5 s after the epoch
      a.array(1, 0, 0, {Bytes{}, Bytes{'a', 'b', 'c'}}),
      a.array(1, 1, 0, {}),
  });
  Table t = read_batches(schema, {batch});
  std::vector<PlainCell> row = plain(t).rows[0];
  EXPECT_EQ(row, (std::vector<PlainCell>{"-5", "18446744073709551615", "0.1", "1", "-12.34", "1969-12-30", "01:01:01",
                                         "2000-02-29 00:00:00", "1970-01-01 00:00:01.5", "abc", std::nullopt}));
  std::vector<ValueType> types;
  for (size_t c = 0; c < t.num_columns(); ++c) types.push_back(t.column(c).type());
  using V = ValueType;
  EXPECT_EQ(types, (std::vector<V>{V::kNumeric, V::kNumeric, V::kNumeric, V::kNumeric, V::kNumeric, V::kString,
                                   V::kString, V::kString, V::kString, V::kString, V::kString}));
}

TEST(ArrowReader, StringViewsInlineAndInBuffers) {
  Arrays a;
  const std::string long_value = "a value longer than twelve bytes";
  std::vector<uint8_t> views(48, 0);
  auto put = [&](size_t i, int32_t length, const char* inline_bytes, int32_t buffer, int32_t offset) {
    std::memcpy(views.data() + 16 * i, &length, 4);
    if (length <= 12) {
      std::memcpy(views.data() + 16 * i + 4, inline_bytes, static_cast<size_t>(length));
    } else {
      std::memcpy(views.data() + 16 * i + 4, inline_bytes, 4);
      std::memcpy(views.data() + 16 * i + 8, &buffer, 4);
      std::memcpy(views.data() + 16 * i + 12, &offset, 4);
    }
  };
  put(0, 5, "short", 0, 0);
  put(1, static_cast<int32_t>(long_value.size()), long_value.data(), 0, 2);
  put(2, 5, "short", 0, 0);
  Bytes data = {'x', 'y'};
  data.insert(data.end(), long_value.begin(), long_value.end());
  ArrowArray* col = a.array(3, 0, 0, {Bytes{}, views, data, bytes_of(std::vector<int64_t>{static_cast<int64_t>(data.size())})});
  Table t = read_batches(a.schema("+s", "", {a.schema("vu", "v")}), {a.batch({col})});
  EXPECT_EQ(column_cells(t, 0), (std::vector<PlainCell>{"short", long_value, "short"}));

  // A view pointing past its buffer is an error, not a read out of bounds.
  put(1, static_cast<int32_t>(long_value.size()), long_value.data(), 0, 5);
  ArrowArray* bad = a.array(3, 0, 0, {Bytes{}, views, data, bytes_of(std::vector<int64_t>{static_cast<int64_t>(data.size())})});
  EXPECT_EQ(error_of(a.schema("+s", "", {a.schema("vu", "v")}), {a.batch({bad})}),
            "<Arrow stream>: column 'v', rows 1..3: string view 1 runs past its data buffer");
}

TEST(ArrowReader, BatchOffsetAndValidityApplyToEveryColumn) {
  Arrays a;
  ArrowArray* s = a.strings({"a", "b", "c", "d"});
  ArrowArray* n = a.values(std::vector<int32_t>{1, 2, 3, 4});
  ArrowArray* batch = a.array(3, 1, 1, {bits_of({true, true, false, true})}, {s, n});
  Table t = read_batches(a.schema("+s", "", {a.schema("u", "s"), a.schema("i", "n")}), {batch});
  EXPECT_EQ(column_cells(t, 0), (std::vector<PlainCell>{"b", std::nullopt, "d"}));
  EXPECT_EQ(column_cells(t, 1), (std::vector<PlainCell>{"2", std::nullopt, "4"}));
}

// Many small batches, one batch cut into parallel chunks, and the TableBuilder fed cell
// by cell all give the same Table.
TEST(ArrowReader, BatchSizesAndThreadsDoNotChangeTheTable) {
  const int64_t rows = arrow::kChunkRows * 2 + 12345;
  std::vector<std::optional<std::string>> cells;
  TableBuilder reference({"v"});
  ChunkBuilder chunk = reference.make_chunk();
  for (int64_t r = 0; r < rows; ++r) {
    // Values first appear late in the table (r % 7919 grows), and NULLs are sprinkled in.
    const int64_t k = (r * 7) % 7919;
    if (r % 1013 == 0) {
      cells.emplace_back(std::nullopt);
      chunk.add_null(0);
    } else {
      std::string value = std::to_string(k);
      value.insert(value.begin(), 'v');
      cells.emplace_back(std::move(value));
      chunk.add_typed(0, *cells.back(), false);
    }
  }
  reference.add_chunk(std::move(chunk));
  const test::PlainTable expected = plain(reference.finish(1));

  Arrays a;
  ArrowSchema* schema = a.schema("+s", "", {a.schema("u", "v")});
  ArrowReadOptions two_threads;
  two_threads.threads = 2;
  EXPECT_EQ(plain(read_batches(schema, {a.batch({a.strings(cells)})}, two_threads)), expected);
  std::vector<ArrowArray*> small;
  for (int64_t start = 0; start < rows; start += 100000) {
    std::vector<std::optional<std::string>> part(cells.begin() + start, cells.begin() + std::min(rows, start + 100000));
    small.push_back(a.batch({a.strings(part)}));
  }
  ArrowReadOptions one_thread;
  one_thread.threads = 1;
  EXPECT_EQ(plain(read_batches(schema, small, one_thread)), expected);
}

TEST(ArrowReader, UnsupportedTypesNameTheColumnAndType) {
  Arrays a;
  auto error_for = [&](ArrowSchema* field) {
    ArrowArray* col = a.array(0, 0, 0, {Bytes{}});
    return error_of(a.schema("+s", "", {a.schema("u", "ok"), field}), {a.batch({a.strings({}), col})});
  };
  const std::string tail = ", which tsum cannot summarize (it reads numbers, strings, booleans, dates, times, "
                           "timestamps, decimals and dictionaries of those); leave it out";
  EXPECT_EQ(error_for(a.schema("+l", "tags", {a.schema("l", "item")})),
            "<Arrow stream>: column 'tags' has type list<item: int64>" + tail);
  EXPECT_EQ(error_for(a.schema("+s", "point", {a.schema("g", "x"), a.schema("u", "label")})),
            "<Arrow stream>: column 'point' has type struct<x: double, label: string>" + tail);
  // Extension metadata: int32 pair count, then length-prefixed key and value.
  std::string metadata;
  auto put32 = [&](int32_t v) { metadata.append(reinterpret_cast<const char*>(&v), 4); };
  const std::string key = "ARROW:extension:name", value = "arrow.uuid";
  put32(1), put32(static_cast<int32_t>(key.size())), metadata += key, put32(static_cast<int32_t>(value.size())),
      metadata += value;
  EXPECT_EQ(error_for(a.schema("w:16", "id", {}, nullptr, metadata)),
            "<Arrow stream>: column 'id' has type extension<arrow.uuid>" + tail);
  EXPECT_EQ(error_for(a.schema("tDs", "wait")), "<Arrow stream>: column 'wait' has type duration[s]" + tail);

  // Left out, the column is never looked at.
  ArrowReadOptions o;
  o.exclude = {"tags"};
  ArrowArray* col = a.array(1, 0, 0, {Bytes{}});
  Table t = read_batches(a.schema("+s", "", {a.schema("u", "ok"), a.schema("+l", "tags", {a.schema("l", "item")})}),
                         {a.batch({a.strings({"x"}), col})}, o);
  EXPECT_EQ(t.column_names(), std::vector<std::string>{"ok"});
}

TEST(ArrowReader, ProducerErrorMidStreamIsRaisedAndEverythingReleased) {
  Arrays a;
  ArrowSchema* schema = a.schema("+s", "", {a.schema("u", "s")});
  TestStream t{schema, {a.batch({a.strings({"a", "b", "c"})}), a.batch({a.strings({"d"})})}};
  t.fail_at = 1;
  t.error = "ValueError: the generator gave up";
  ArrowArrayStream s = t.make();
  try {
    read_arrow(&s);
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "<Arrow stream>: the Arrow stream failed after 3 rows: ValueError: the generator gave up");
  }
  EXPECT_EQ(t.releases, 1);
  EXPECT_EQ(a.array_releases, 1);  // the batch received; the failed call gave none
  EXPECT_EQ(a.schema_releases, 1);
}

TEST(ArrowReader, InvalidUtf8NamesColumnAndRows) {
  Arrays a;
  EXPECT_EQ(error_of(a.schema("+s", "", {a.schema("u", "s")}), {a.batch({a.strings({"ok", "bad\xff"})})}),
            "<Arrow stream>: column 's', rows 1..2: invalid UTF-8 in a string value (byte 0xff at offset 3 of a value)");
  EXPECT_EQ(error_of(a.schema("+s", "", {a.schema("z", "b")}), {a.batch({a.strings({"\xc3"})})}),
            "<Arrow stream>: column 'b', rows 1..1: binary value that is not UTF-8 text (byte 0xc3 at offset 0 of a "
            "value); tsum reads binary values as text, so leave this column out");
}

TEST(ArrowReader, MalformedBatchesAreErrors) {
  Arrays a;
  ArrowSchema* schema = a.schema("+s", "", {a.schema("u", "s"), a.schema("i", "n")});
  EXPECT_EQ(error_of(schema, {a.batch({a.strings({"x"})})}), "<Arrow stream>: batch 0 has 1 columns, the schema has 2");
  ArrowArray* short_column = a.values(std::vector<int32_t>{1});
  ArrowArray* batch = a.array(2, 0, 0, {Bytes{}}, {a.strings({"x", "y"}), short_column});
  EXPECT_EQ(error_of(schema, {batch}),
            "<Arrow stream>: column 'n', rows 1..2: the array has 1 elements from offset 0, the batch needs 2");
}

TEST(ArrowReader, OneArrayIsOneColumn) {
  Arrays a;
  ArrowReadOptions o;
  o.column_name = "letters";
  Table t = read_arrow(a.schema("u", ""), a.strings({"p", "q", "p"}), o);
  EXPECT_EQ(t.column_names(), std::vector<std::string>{"letters"});
  EXPECT_EQ(column_cells(t, 0), (std::vector<PlainCell>{"p", "q", "p"}));
  EXPECT_EQ(a.array_releases, 1);
  EXPECT_EQ(a.schema_releases, 1);
}

}  // namespace
}  // namespace tsum
