// Little-endian field access into a blob, independent of the host's alignment rules. Shared by the
// validator and the model so both read fields exactly as docs/blob-format.md lays them out.
#ifndef EMBER_BLOB_READER_HPP
#define EMBER_BLOB_READER_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/blob_format.hpp"

namespace ember {
namespace blob {

// A copy of the field's bytes: this runtime targets little-endian cores only (the #error below), so the bytes
// are the value. The compiler makes it one load where the core allows unaligned loads (Cortex-M3 and up,
// hosts) and byte loads where it does not (Cortex-M0), whatever the expression around it.
inline uint16_t read_u16(const uint8_t* p) {
  uint16_t value;
  __builtin_memcpy(&value, p, sizeof value);
  return value;
}

inline uint32_t read_u32(const uint8_t* p) {
  uint32_t value;
  __builtin_memcpy(&value, p, sizeof value);
  return value;
}

inline int32_t read_i32(const uint8_t* p) { return static_cast<int32_t>(read_u32(p)); }

inline float read_f32(const uint8_t* p) {
  const uint32_t bits = read_u32(p);
  float value;
  __builtin_memcpy(&value, &bits, sizeof value);
  return value;
}

// A u16 field of a layer entry in a validated blob. The blob is 4-aligned and its entries start at 96 + 48 k,
// so the field is 2-aligned: one halfword load even on cores without unaligned loads (Cortex-M0), where
// read_u16 of an unknown address takes two byte loads.
inline uint16_t entry_u16(const uint8_t* entry, size_t field) {
  return read_u16(static_cast<const uint8_t*>(__builtin_assume_aligned(entry, 4)) + field);
}

// Floats in a validated blob are 4-aligned and little-endian; this runtime targets little-endian cores.
inline const float* float_at(const uint8_t* blob, uint32_t offset) {
  return reinterpret_cast<const float*>(blob + offset);
}

inline const uint8_t* layer_entry(const uint8_t* blob, uint16_t index) {
  return blob + read_u32(blob + header::layer_table_offset) + static_cast<uint32_t>(index) * kLayerEntryBytes;
}

}  // namespace blob
}  // namespace ember

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "Ember reads float32 weights in place and supports little-endian targets only"
#endif

#endif  // EMBER_BLOB_READER_HPP
