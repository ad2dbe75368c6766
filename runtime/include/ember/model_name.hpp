// The rule for model names (docs/blob-format.md, "Model name"), shared by the validator (at load) and the
// exporters (at write), so a name that one side accepts the other accepts too.
#ifndef EMBER_MODEL_NAME_HPP
#define EMBER_MODEL_NAME_HPP

#include <stddef.h>
#include <stdint.h>

namespace ember {

// True if bytes[0, count) are shortest-form UTF-8 (no surrogates, nothing above U+10FFFF) without control
// characters (U+0000–U+001F, U+007F–U+009F). NUL is a control character.
bool is_printable_utf8(const uint8_t* bytes, size_t count);

}  // namespace ember

#endif  // EMBER_MODEL_NAME_HPP
