// The CSV reader's inner loop: parses the records of one chunk of the input into a
// ChunkBuilder, 64 bytes at a time.
//
// For each 64-byte block it builds bit masks of quotes, delimiters and line feeds; the
// running parity of quotes (a prefix XOR) masks out delimiters and line feeds inside
// quoted fields, and the remaining bits are field ends. Fields without quotes go to the
// builder as views into the input; fields with quotes are checked and unescaped by a slow
// path. A wide table whose first records show large dictionaries hands the rest of the
// chunk's cells over a column at a time (csv_cell_block.h). The accepted grammar and the
// errors are exactly those of scan_record (csv_syntax.h), whose result also decides the
// error reported for a record with the wrong number of fields.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "io/csv/csv_syntax.h"
#include "tsum/table_builder.h"

namespace tsum::csv {

struct ChunkOutcome {
  // The first error in the chunk, in the order a sequential reader meets them, except
  // that invalid UTF-8 is not checked here (see non_ascii).
  ParseError error;
  // True when the chunk (as far as it was parsed) holds a byte >= 0x80, so that its UTF-8
  // must be validated.
  bool non_ascii = false;
  // True when the chunk (as far as it was parsed) holds a quote: only then can a record
  // boundary differ from "the byte after a line feed" (see read_csv's chunking).
  bool quotes = false;
};

// Parses the records in data[begin, end) into `out` (out.num_columns() fields per record).
// `begin` is a record start outside quotes; `end` is a record start or data.size().
// Blank lines are skipped when there are several columns and are rows of one NULL when
// there is a single column. `scratch` is a reusable buffer for unescaped fields.
ChunkOutcome parse_chunk(std::string_view data, size_t begin, size_t end, char delim, ChunkBuilder& out,
                         std::string& scratch);

// Which mask builder parse_chunk uses: by default the best the CPU has. Tests force each
// level in turn; a level the CPU lacks falls back to the best available one, which is
// returned (kAuto returns the level auto selects).
enum class ScanLevel { kAuto, kScalar, kSse2, kAvx2 };
ScanLevel set_scan_level_for_testing(ScanLevel level);

// Whether parse_chunk holds cells in blocks (csv_cell_block.h): by default when a wide
// table's first records show large dictionaries (kAuto). Tests force it off, or on from
// the first record of every chunk with blocks of kForcedBlockRows rows, whatever the
// table's width. Returns the previous setting.
enum class CellBlocks { kAuto, kNever, kAlways };
inline constexpr size_t kForcedBlockRows = 3;
CellBlocks set_cell_blocks_for_testing(CellBlocks mode);
// How many chunks were read through a block since the process started.
uint64_t chunks_through_blocks();

}  // namespace tsum::csv
