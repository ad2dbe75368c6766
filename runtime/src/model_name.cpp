#include "ember/model_name.hpp"

namespace ember {

// Checked once per load (and per name the exporters write), so built for size: a cold function is optimized
// for size whatever the -O level (runtime/src/ops/op.hpp, EMBER_COLD).
__attribute__((cold)) bool is_printable_utf8(const uint8_t* bytes, size_t count) {
  size_t i = 0;
  while (i < count) {
    const uint8_t c = bytes[i];
    size_t extra = 0;
    uint8_t low = 0x80, high = 0xBF;  // allowed range of the first continuation byte
    if (c < 0x20 || c == 0x7F) return false;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      if (c == 0xC2) low = 0xA0;  // U+0080 … U+009F are the C1 control characters
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) low = 0xA0;   // no overlong forms
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) low = 0x90;   // no overlong forms
      if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;  // a continuation byte, an overlong lead (C0, C1) or F5 … FF
    }
    if (extra >= count - i) return false;
    for (size_t j = 1; j <= extra; ++j) {
      const uint8_t next = bytes[i + j];
      if ((next & 0xC0) != 0x80 || (j == 1 && (next < low || next > high))) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace ember
