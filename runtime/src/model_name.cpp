#include "ember/model_name.hpp"

namespace ember {

// Checked once per load (and per name the exporters write), so built for size: a cold function is optimized
// for size whatever the -O level (runtime/src/ops/op.hpp, EMBER_COLD). Decodes each code point, then one set
// of range tests on it covers overlong forms, surrogates, controls and the end of Unicode.
__attribute__((cold)) bool is_printable_utf8(const uint8_t* bytes, size_t count) {
  const uint8_t* const end = bytes + count;
  while (bytes != end) {
    uint32_t c = *bytes++;
    uint32_t extra = 0;  // continuation bytes after the lead: 110xxxxx 1, 1110xxxx 2, 11110xxx 3
    if (c >= 0x80) {
      // A continuation byte cannot lead; C0 and C1 only lead overlong forms, F5 … FF only values above U+10FFFF.
      if (c < 0xC2 || c > 0xF4) return false;
      extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      if (extra > static_cast<size_t>(end - bytes)) return false;
      c &= 0x3Fu >> extra;
      for (uint32_t j = 0; j < extra; ++j) {
        const uint32_t next = *bytes++;
        if ((next & 0xC0) != 0x80) return false;
        c = (c << 6) | (next & 0x3F);
      }
    }
    // Shortest form: a 3-byte form needs c >= 0x800 (bit 11 or above), a 4-byte one c >= 0x10000 (bit 16 or
    // above); 2-byte forms are shortest once C0 and C1 are out. Then controls (C0 set, DEL, C1 set),
    // surrogates and anything above U+10FFFF.
    if ((c >> (5 * extra + 1)) == 0 || c < 0x20 || c - 0x7F <= 0x9F - 0x7F || c - 0xD800 < 0x800 || c > 0x10FFFF)
      return false;
  }
  return true;
}

}  // namespace ember
