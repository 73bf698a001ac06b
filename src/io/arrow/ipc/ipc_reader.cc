#include "io/arrow/ipc/ipc_reader.h"

#include <map>
#include <optional>

#include "io/arrow/ipc/ipc_batch.h"
#include "io/arrow/ipc/ipc_body.h"
#include "io/arrow/ipc/ipc_messages.h"
#include "io/arrow/ipc/ipc_schema.h"
#include "report/progress.h"
#include "tsum/error.h"

namespace tsum {
namespace {

using ipc::Message;
using ipc::MessageReader;

// The stream's state: the messages, the schema, the dictionaries read so far.
class IpcStream {
 public:
  IpcStream(std::string_view bytes, const std::string& name, ProgressMeter* progress)
      : messages_(bytes, name), progress_(progress) {
    std::optional<Message> first = messages_.next();
    if (!first || first->metadata->header_type() != ipc::fb::MessageHeader::Schema) {
      messages_.fail("the Arrow IPC data does not start with a schema message",
                     first ? first->offset : messages_.is_file() ? 8 : 0);
    }
    schema_ = first->metadata->header_as_Schema();
    schema_at_ = first->offset;
    if (!schema_) messages_.fail("the schema message has no schema", schema_at_);
    unions_have_validity_ = first->metadata->version() < ipc::fb::MetadataVersion::V5;
    if (schema_->endianness() != ipc::fb::Endianness::Little) {
      messages_.fail("the Arrow IPC data is big-endian, which tsum does not read", schema_at_);
    }
    if (schema_->fields()) {
      for (const ipc::fb::Field* field : *schema_->fields()) collect_dictionaries(*field);
    }
    ArrowSchema check{};
    schema(&check);  // a schema tsum cannot describe fails here, before any batch
    check.release(&check);
  }

  void schema(ArrowSchema* out) {
    try {
      ipc::export_schema(*schema_, out);
    } catch (const DataError& e) {
      messages_.fail(std::string("the schema's ") + e.what(), schema_at_);
    }
  }

  // The next record batch into `out`, or out->release = nullptr at the end. The reader
  // asks for a batch once it has encoded the one before: that one's bytes are done.
  void next(ArrowArray* out) {
    out->release = nullptr;
    report_done(handed_out_end_);
    for (;;) {
      std::optional<Message> message = messages_.next();
      if (!message) return;
      ipc::BodyInfo body{message->body, message->body_offset, message->offset, unions_have_validity_};
      try {
        switch (message->metadata->header_type()) {
          case ipc::fb::MessageHeader::RecordBatch: {
            const ipc::fb::RecordBatch* batch = message->metadata->header_as_RecordBatch();
            if (!batch) messages_.fail("a record batch message has no record batch", message->offset);
            ipc::load_record_batch(*schema_, *batch, body, dictionaries_, out);
            handed_out_end_ = message->body_offset + message->body.size();
            return;
          }
          case ipc::fb::MessageHeader::DictionaryBatch:
            add_dictionary(*message, body);
            continue;
          case ipc::fb::MessageHeader::Schema:
            messages_.fail("the Arrow IPC data has a second schema message", message->offset);
          default:
            messages_.fail("the Arrow IPC data has a message that is not a record or dictionary batch (a tensor?)",
                           message->offset);
        }
      } catch (const DataError& e) {
        const std::string prefix = messages_.input_name() + ": ";
        if (std::string_view(e.what()).substr(0, prefix.size()) == prefix) throw;
        throw DataError(prefix + e.what());
      }
    }
  }

 private:
  void collect_dictionaries(const ipc::fb::Field& field) {
    if (const ipc::fb::DictionaryEncoding* dictionary = field.dictionary()) {
      dictionary_fields_.emplace(dictionary->id(), &field);
    }
    if (field.children()) {
      for (const ipc::fb::Field* child : *field.children()) collect_dictionaries(*child);
    }
  }

  void add_dictionary(const Message& message, const ipc::BodyInfo& body) {
    const ipc::fb::DictionaryBatch* batch = message.metadata->header_as_DictionaryBatch();
    if (!batch) messages_.fail("a dictionary batch message has no dictionary batch", message.offset);
    const auto field = dictionary_fields_.find(batch->id());
    if (field == dictionary_fields_.end()) {
      messages_.fail("a dictionary batch has id " + std::to_string(batch->id()) + ", which no field of the schema uses",
                     message.offset);
    }
    if (!batch->data()) messages_.fail("a dictionary batch has no data", message.offset);
    if (batch->isDelta()) {
      messages_.fail("a dictionary batch is a delta (it adds to an earlier dictionary), which tsum does not read",
                     message.offset);
    }
    dictionaries_[batch->id()] = ipc::load_dictionary(*field->second, *batch->data(), body, dictionaries_);
  }

  // Tells the progress meter that the input is read up to byte `end`.
  void report_done(size_t end) {
    if (!progress_ || end <= reported_) return;
    progress_->add_bytes(end - reported_);
    reported_ = end;
  }

  MessageReader messages_;
  ProgressMeter* progress_;
  size_t reported_ = 0;        // bytes told to progress_
  size_t handed_out_end_ = 0;  // end of the last record batch handed out
  const ipc::fb::Schema* schema_ = nullptr;
  size_t schema_at_ = 0;
  bool unions_have_validity_ = false;
  std::map<int64_t, const ipc::fb::Field*> dictionary_fields_;
  ipc::Dictionaries dictionaries_;
};

// The C stream over an IpcStream. The producer is tsum's own C++ code, called only by
// read_arrow: its errors propagate as DataError exceptions (with the input and byte
// offset) rather than through get_last_error, which would wrap them in a second message.
int get_schema(ArrowArrayStream* stream, ArrowSchema* out) {
  static_cast<IpcStream*>(stream->private_data)->schema(out);
  return 0;
}

int get_next(ArrowArrayStream* stream, ArrowArray* out) {
  static_cast<IpcStream*>(stream->private_data)->next(out);
  return 0;
}

const char* get_last_error(ArrowArrayStream*) { return nullptr; }

void release(ArrowArrayStream* stream) {
  delete static_cast<IpcStream*>(stream->private_data);
  stream->release = nullptr;
}

}  // namespace

bool looks_like_arrow_ipc(std::string_view bytes) {
  return ipc::looks_like_arrow_file(bytes) || ipc::looks_like_arrow_stream(bytes);
}

Table read_arrow_ipc(std::string_view bytes, const ArrowReadOptions& options, ProgressMeter* progress) {
  ArrowArrayStream stream{};
  stream.private_data = new IpcStream(bytes, options.input_name, progress);
  stream.get_schema = get_schema;
  stream.get_next = get_next;
  stream.get_last_error = get_last_error;
  stream.release = release;
  return read_arrow(&stream, options);
}

}  // namespace tsum
