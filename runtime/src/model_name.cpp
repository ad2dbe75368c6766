#include "ember/model_name.hpp"

namespace ember {

// Checked once per load (and per name the exporters write), so built for size: a cold function is optimized
// for size whatever the -O level (runtime/src/ops/op.hpp, EMBER_COLD). One pass, one byte at a time: a lead
// byte starts a code point and says how many continuation bytes follow; once the last one is in, one set of
// range tests on the code point covers overlong forms, surrogates, controls and the end of Unicode, and the
// valid prefix grows to the end of it.
__attribute__((cold)) size_t printable_utf8_prefix(const uint8_t* bytes, size_t count) {
  size_t valid = 0;      // bytes of whole printable code points so far
  uint32_t c = 0;        // the code point being decoded
  uint32_t extra = 0;    // its continuation bytes after the lead: 110xxxxx 1, 1110xxxx 2, 11110xxx 3
  uint32_t pending = 0;  // those not yet read
  for (size_t i = 0; i < count; ++i) {
    const uint32_t byte = bytes[i];
    if (pending != 0) {
      const uint32_t payload = byte ^ 0x80u;  // the low 6 bits, if the byte is a continuation byte (10xxxxxx)
      if (payload > 0x3Fu) break;
      c = (c << 6) | payload;
      --pending;
    } else {
      c = byte;
      extra = 0;
      if (byte >= 0x80) {
        // A continuation byte cannot lead; C0 and C1 only lead overlong forms, F5 … FF only values above
        // U+10FFFF.
        if (byte - 0xC2 > 0xF4 - 0xC2) break;
        extra = static_cast<uint32_t>(__builtin_clz(~(byte << 24))) - 1;  // the lead's leading ones, less one
        c = (byte << (26 + extra)) >> (26 + extra);  // the lead's low 6 - extra bits
      }
      pending = extra;
    }
    if (pending != 0) continue;
    // Shortest form: a 3-byte form needs c >= 0x800 (bit 11 or above), a 4-byte one c >= 0x10000 (bit 16 or
    // above); 2-byte forms are shortest once C0 and C1 are out. Then controls (C0 set, DEL, C1 set),
    // surrogates, and anything above U+10FFFF (written on c >> 16, so that GCC does not fold it with c < 0x20
    // into one range test that needs a 32-bit constant: 6 bytes more on Cortex-M4F).
    if ((c >> (5 * extra + 1)) == 0 || c < 0x20 || c - 0x7F <= 0x9F - 0x7F || c - 0xD800 < 0x800 || (c >> 16) > 0x10)
      break;
    valid = i + 1;
  }
  return valid;
}

}  // namespace ember
