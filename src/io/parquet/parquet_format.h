// The enumerations of the Parquet format (parquet.thrift) that tsum reads, and their
// names as the format spells them (used in error messages: "unsupported codec BROTLI").
#pragma once

#include <cstdint>
#include <string>

namespace tsum::parquet {

enum class PhysicalType : int32_t {
  kBoolean = 0, kInt32 = 1, kInt64 = 2, kInt96 = 3, kFloat = 4, kDouble = 5,
  kByteArray = 6, kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum class ConvertedType : int32_t {
  kNone = -1,
  kUtf8 = 0, kMap = 1, kMapKeyValue = 2, kList = 3, kEnum = 4, kDecimal = 5, kDate = 6,
  kTimeMillis = 7, kTimeMicros = 8, kTimestampMillis = 9, kTimestampMicros = 10,
  kUint8 = 11, kUint16 = 12, kUint32 = 13, kUint64 = 14,
  kInt8 = 15, kInt16 = 16, kInt32 = 17, kInt64 = 18, kJson = 19, kBson = 20, kInterval = 21,
};

enum class Encoding : int32_t {
  kPlain = 0, kGroupVarInt = 1, kPlainDictionary = 2, kRle = 3, kBitPacked = 4,
  kDeltaBinaryPacked = 5, kDeltaLengthByteArray = 6, kDeltaByteArray = 7,
  kRleDictionary = 8, kByteStreamSplit = 9,
};

enum class Codec : int32_t {
  kUncompressed = 0, kSnappy = 1, kGzip = 2, kLzo = 3, kBrotli = 4, kLz4 = 5, kZstd = 6, kLz4Raw = 7,
};

enum class PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

// Units of TIME and TIMESTAMP.
enum class TimeUnit : uint8_t { kMillis, kMicros, kNanos };

// "INT32", "RLE_DICTIONARY", "SNAPPY", ...; unknown values give e.g. "encoding 42".
std::string name(PhysicalType type);
std::string name(ConvertedType type);
std::string name(Encoding encoding);
std::string name(Codec codec);
std::string name(PageType type);

}  // namespace tsum::parquet
