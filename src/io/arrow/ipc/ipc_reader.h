// Arrow IPC data (the Arrow columnar format's file format, also called Feather version
// 2, and its stream format) -> Table, through read_arrow.
//
// The bytes are already in memory (a mapped file, or decompressed). They are read as an
// ArrowArrayStream of record batches whose buffers point into those bytes, or into
// decompressed storage, so typing, selection (--columns/--exclude) and the Table are
// exactly the Arrow reader's (src/io/arrow/arrow_type.h says what each type becomes).
// Everything the stream hands over has been checked against the bytes first
// (ipc_batch.h); the file is untrusted.
//
// Refused, with a DataError naming the input: big-endian data, delta dictionary batches,
// tensor messages; and malformed data, as "<input>: <what> at byte N".
#pragma once

#include <string_view>

#include "tsum/arrow.h"
#include "tsum/table.h"

namespace tsum {

// True when the bytes start like an Arrow IPC file ("ARROW1") or stream.
bool looks_like_arrow_ipc(std::string_view bytes);

class ProgressMeter;

// `options.input_name` names the input in messages. `progress`, when given, is told the
// input bytes up to the end of each record batch once the batch is encoded (and of the
// dictionary batches before it), from the calling thread.
Table read_arrow_ipc(std::string_view bytes, const ArrowReadOptions& options, ProgressMeter* progress = nullptr);

}  // namespace tsum
