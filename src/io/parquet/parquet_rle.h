// Bit packing and the RLE / bit-packed hybrid encoding, used for definition levels,
// dictionary indexes and RLE-encoded booleans.
//
// Hybrid format: a sequence of runs, each starting with a ULEB128 header h:
//   h & 1 == 0: an RLE run of h >> 1 copies of one value stored in ceil(bit_width / 8)
//               little-endian bytes;
//   h & 1 == 1: a bit-packed run of (h >> 1) groups of 8 values, bit_width bits each,
//               packed from the least significant bit. A final run cut short by the end of
//               the data yields the values its bytes hold (as other readers accept).
// The deprecated BIT_PACKED level encoding packs from the most significant bit instead
// (unpack_bits_msb).
#pragma once

#include <cstdint>

#include "io/parquet/byte_cursor.h"

namespace tsum::parquet {

// Unpacks `count` values of `bit_width` (0..64) bits, LSB-first, starting at bit
// `first_bit` of data[0, size). The caller guarantees (first_bit + count * bit_width) <= 8 * size.
void unpack_bits(const uint8_t* data, size_t size, uint64_t first_bit, int bit_width, size_t count, uint64_t* out);
void unpack_bits(const uint8_t* data, size_t size, uint64_t first_bit, int bit_width, size_t count, uint32_t* out);
void unpack_bits(const uint8_t* data, size_t size, uint64_t first_bit, int bit_width, size_t count, uint8_t* out);

// MSB-first unpacking (deprecated BIT_PACKED levels); same contract.
void unpack_bits_msb(const uint8_t* data, size_t size, int bit_width, size_t count, uint8_t* out);

class RleDecoder {
 public:
  // bit_width 0..32 (a wider one throws).
  RleDecoder(ByteCursor data, int bit_width);

  // Decodes exactly n values; throws DecodeError "<what> end after K of N values" when
  // the data runs out first.
  void decode(uint32_t* out, size_t n, const char* what) { decode_impl(out, n, what); }
  void decode(uint8_t* out, size_t n, const char* what) { decode_impl(out, n, what); }
  // Decodes n values without keeping them; returns how many equal `value`.
  size_t count(size_t n, uint32_t value, const char* what);

 private:
  template <class T>
  void decode_impl(T* out, size_t n, const char* what);
  bool next_run();

  ByteCursor in_;
  int bit_width_;
  uint64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  uint64_t packed_left_ = 0;       // values left in the current bit-packed run
  const uint8_t* packed_ = nullptr;
  size_t packed_size_ = 0;         // bytes of the current bit-packed run
  uint64_t packed_bit_ = 0;        // next bit to read in it
};

}  // namespace tsum::parquet
