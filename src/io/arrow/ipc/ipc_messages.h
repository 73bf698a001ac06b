// The framing of Arrow IPC data: the messages of a stream, or of the stream a file
// embeds, each with its verified flatbuffer metadata and its body.
//
// Stream format: messages, each [0xFFFFFFFF][int32 metadata size][Message flatbuffer,
// padded to 8 bytes][body of bodyLength bytes], until an end-of-stream marker (0xFFFFFFFF
// then a zero size) or the end of the data. Writers before Arrow 0.15 left out the
// 0xFFFFFFFF; such messages are read too.
// File format: "ARROW1" and 2 padding bytes, the stream, a Footer flatbuffer, its int32
// size and "ARROW1" again. The reader walks the embedded stream in order (which is also
// where the footer's blocks point) and stops where the footer begins.
//
// Every error is a DataError "<input>: <what> at byte N", N counted from the data's start.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "arrow_ipc_generated.h"

namespace tsum::ipc {

// True when the bytes start like an Arrow IPC file ("ARROW1").
bool looks_like_arrow_file(std::string_view bytes);
// True when the bytes start like an Arrow IPC stream: a continuation marker, then a
// plausible metadata size.
bool looks_like_arrow_stream(std::string_view bytes);

struct Message {
  const fb::Message* metadata = nullptr;
  std::string_view body;
  size_t offset = 0;       // where the message's framing starts
  size_t body_offset = 0;  // where its body starts
};

class MessageReader {
 public:
  MessageReader(std::string_view bytes, std::string input_name);

  // The next message, or nullopt at the end of the stream.
  std::optional<Message> next();

  bool is_file() const { return file_; }
  const std::string& input_name() const { return name_; }

  // Throws DataError "<input>: <what> at byte <at>".
  [[noreturn]] void fail(const std::string& what, size_t at) const;

 private:
  std::string_view bytes_;
  std::string name_;
  bool file_ = false;
  size_t position_ = 0;
  size_t end_ = 0;  // where the stream ends: the footer of a file, the data's end otherwise
  // Metadata that was not 8-byte aligned in memory, copied (flatbuffers reads scalars
  // in place).
  std::deque<std::unique_ptr<uint64_t[]>> copies_;
};

}  // namespace tsum::ipc
