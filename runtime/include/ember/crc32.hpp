// CRC-32 (IEEE 802.3 / zlib), as used by the blob header. Computed bit by bit, with no table: the check
// runs once per load, so code size matters more than speed.
#ifndef EMBER_CRC32_HPP
#define EMBER_CRC32_HPP

#include <stddef.h>
#include <stdint.h>

namespace ember {

// `crc` continues a previous call; start with 0.
uint32_t crc32(const void* data, size_t bytes, uint32_t crc = 0);

}  // namespace ember

#endif  // EMBER_CRC32_HPP
