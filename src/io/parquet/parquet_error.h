// DecodeError: what the Parquet decoders throw when bytes are malformed.
//
// Low-level decoders (Thrift, levels, value encodings, codecs) know only their own
// bytes, so their messages say what is wrong ("RLE run runs past the end of the data")
// without saying where in the file. The column-chunk reader catches DecodeError and
// rethrows a DataError prefixed with the file, row group, column and page (see
// parquet_reader.h for the exact format).
#pragma once

#include <stdexcept>
#include <string>

namespace tsum::parquet {

class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void fail(const std::string& what) { throw DecodeError(what); }

}  // namespace tsum::parquet
