#include "io/arrow/ipc/ipc_messages.h"

#include <cstring>

#include "tsum/error.h"

namespace tsum::ipc {
namespace {

constexpr std::string_view kFileMagic = "ARROW1";
constexpr uint32_t kContinuation = 0xFFFFFFFFu;
// The file's trailer: the footer's int32 size, then the magic.
constexpr size_t kTrailer = 4 + kFileMagic.size();

int32_t read_int32(std::string_view bytes, size_t at) {
  int32_t v;
  std::memcpy(&v, bytes.data() + at, 4);
  return v;
}

}  // namespace

bool looks_like_arrow_file(std::string_view bytes) { return bytes.substr(0, kFileMagic.size()) == kFileMagic; }

bool looks_like_arrow_stream(std::string_view bytes) {
  if (bytes.size() < 8) return false;
  uint32_t marker;
  std::memcpy(&marker, bytes.data(), 4);
  const int32_t size = read_int32(bytes, 4);
  // A schema message's metadata is a small flatbuffer, a multiple of 8 bytes.
  return marker == kContinuation && size > 0 && size % 8 == 0 && static_cast<size_t>(size) <= bytes.size() - 8;
}

MessageReader::MessageReader(std::string_view bytes, std::string input_name)
    : bytes_(bytes), name_(std::move(input_name)), end_(bytes.size()) {
  if (!looks_like_arrow_file(bytes)) return;
  file_ = true;
  position_ = 8;  // the magic and its padding
  if (bytes.size() < 8 + kTrailer || bytes.substr(bytes.size() - kFileMagic.size()) != kFileMagic) {
    fail("the Arrow IPC file is truncated: it does not end with the ARROW1 magic", bytes.size());
  }
  const int32_t footer = read_int32(bytes, bytes.size() - kTrailer);
  if (footer <= 0 || static_cast<size_t>(footer) > bytes.size() - 8 - kTrailer) {
    fail("the Arrow IPC file's footer size " + std::to_string(footer) + " does not fit in the file",
         bytes.size() - kTrailer);
  }
  end_ = bytes.size() - kTrailer - static_cast<size_t>(footer);
  // The footer is not needed to read the embedded stream in order, but a file whose
  // footer is not a valid flatbuffer is damaged.
  const char* start = bytes.data() + end_;
  std::string_view footer_bytes(start, static_cast<size_t>(footer));
  if (reinterpret_cast<uintptr_t>(start) % 8 != 0) {
    copies_.emplace_back(new uint64_t[(footer_bytes.size() + 7) / 8]);
    std::memcpy(copies_.back().get(), start, footer_bytes.size());
    footer_bytes = std::string_view(reinterpret_cast<const char*>(copies_.back().get()), footer_bytes.size());
  }
  flatbuffers::Verifier verifier(reinterpret_cast<const uint8_t*>(footer_bytes.data()), footer_bytes.size());
  if (!verifier.VerifyBuffer<fb::Footer>(nullptr)) fail("the Arrow IPC file's footer is not valid", end_);
}

void MessageReader::fail(const std::string& what, size_t at) const {
  throw DataError(name_ + ": " + what + " at byte " + std::to_string(at));
}

std::optional<Message> MessageReader::next() {
  if (position_ >= end_) return std::nullopt;
  const size_t start = position_;
  if (end_ - position_ < 4) fail("the Arrow IPC data ends inside a message's header", start);
  uint32_t marker;
  std::memcpy(&marker, bytes_.data() + position_, 4);
  size_t at = position_;
  if (marker == kContinuation) {
    at += 4;
    if (end_ - at < 4) fail("the Arrow IPC data ends inside a message's header", start);
  }
  const int32_t size = read_int32(bytes_, at);
  at += 4;
  if (size == 0) {  // end of stream
    position_ = end_;
    return std::nullopt;
  }
  if (size < 0 || static_cast<size_t>(size) > end_ - at) {
    fail("a message's metadata size " + std::to_string(size) + " runs past the end of the data", start);
  }
  const char* meta = bytes_.data() + at;
  if (reinterpret_cast<uintptr_t>(meta) % 8 != 0) {
    copies_.emplace_back(new uint64_t[(static_cast<size_t>(size) + 7) / 8]);
    std::memcpy(copies_.back().get(), meta, static_cast<size_t>(size));
    meta = reinterpret_cast<const char*>(copies_.back().get());
  }
  flatbuffers::Verifier verifier(reinterpret_cast<const uint8_t*>(meta), static_cast<size_t>(size));
  if (!fb::VerifyMessageBuffer(verifier)) fail("a message's metadata is not a valid Arrow IPC Message", start);
  Message message;
  message.metadata = fb::GetMessage(meta);
  message.offset = start;
  at += static_cast<size_t>(size);
  // Writers pad the metadata to 8 bytes (the size counts the padding); older ones may
  // not, and the body then starts right after it.
  const int64_t body = message.metadata->bodyLength();
  if (body < 0 || static_cast<uint64_t>(body) > end_ - at) {
    fail("a message's body of " + std::to_string(body) + " bytes runs past the end of the data", start);
  }
  message.body_offset = at;
  message.body = bytes_.substr(at, static_cast<size_t>(body));
  position_ = at + static_cast<size_t>(body);
  return message;
}

}  // namespace tsum::ipc
