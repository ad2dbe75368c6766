// The rule for model names (docs/blob-format.md, "Model name"), shared by the validator (at load) and the
// exporters (at write), so a name that one side accepts the other accepts too.
#ifndef EMBER_MODEL_NAME_HPP
#define EMBER_MODEL_NAME_HPP

#include <stddef.h>
#include <stdint.h>

namespace ember {

// The length of the longest prefix of bytes[0, count) made of whole code points of shortest-form UTF-8 (no
// surrogates, nothing above U+10FFFF) that are not control characters (U+0000–U+001F, U+007F–U+009F). NUL
// is a control character, so the prefix ends at the first NUL, if not before.
size_t printable_utf8_prefix(const uint8_t* bytes, size_t count);

// True if all of bytes[0, count) is printable UTF-8 as above.
inline bool is_printable_utf8(const uint8_t* bytes, size_t count) {
  return printable_utf8_prefix(bytes, count) == count;
}

}  // namespace ember

#endif  // EMBER_MODEL_NAME_HPP
