#include "ember/export/text_escape.hpp"

#include <cstdint>
#include <cstdio>

namespace ember::exporters {
namespace {
void append_hex_byte(std::string& out, unsigned char byte, const char* prefix) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%s%02X", prefix, byte);
  out += buffer;
}
}  // namespace

std::size_t printable_utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x20 || b0 == 0x7f) return 0;
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    code = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    code = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    code = b0 & 0x07u;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10FFFF) return 0;   // overlong or beyond Unicode
  if (code >= 0xD800 && code <= 0xDFFF) return 0;              // surrogates are not characters
  if (code >= 0x80 && code <= 0x9F) return 0;                  // C1 controls (a CSI is 0x9B)
  if (code == 0x2028 || code == 0x2029 || code == 0x202E) return 0;  // line breaks, right-to-left override
  return length;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\\') {
      out += "\\\\";
      ++i;
      continue;
    }
    const std::size_t n = printable_utf8_length(text, i);
    if (n == 0) {
      append_hex_byte(out, static_cast<unsigned char>(text[i]), "\\x");
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
      ++i;
      continue;
    }
    const std::size_t n = printable_utf8_length(text, i);
    if (n == 0) {
      // Controls as \u00NN; a byte that is not UTF-8 as the code point of the same number, so the output
      // stays valid JSON and still shows which byte it was.
      append_hex_byte(out, static_cast<unsigned char>(c), "\\u00");
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out + "\"";
}

std::string csv_field(std::string_view text) {
  const std::string safe = printable(text);
  bool quote = safe.empty() || safe.front() == ' ' || safe.back() == ' ';
  for (char c : safe) quote = quote || c == ',' || c == '"';
  if (!quote) return safe;
  std::string out = "\"";
  for (char c : safe) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string gnuplot_string(std::string_view text) {
  std::string out = "'";
  for (char c : printable(text)) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace ember::exporters
