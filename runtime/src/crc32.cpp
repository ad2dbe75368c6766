#include "ember/crc32.hpp"

namespace ember {

// Bit by bit, without a table: the check runs once per load, so flash matters more than speed (48 bytes of
// code on Cortex-M4F instead of 60 and a 64-byte nibble table; about 45 instructions per byte, 0.44 M more
// per load of the 12 KB float 5D blob: docs/targets.md). Cold, so it is built for size at any -O level.
__attribute__((cold)) uint32_t crc32(const void* data, size_t bytes, uint32_t crc) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  crc = ~crc;
  for (size_t i = 0; i < bytes; ++i) {
    crc ^= p[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));  // reflected polynomial
  }
  return ~crc;
}

}  // namespace ember
