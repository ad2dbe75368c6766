// One escaper per sink for text that came from a file, a blob or the command line (model names, column
// names, paths). docs/reliability.md, "escaping per sink": whatever the bytes, the sink's syntax holds.
//   terminal / Markdown: printable()  - UTF-8 kept; control bytes, DEL, C1 controls and invalid UTF-8 become
//                                       \xNN, a backslash becomes \\, so no escape sequence reaches a tty
//   JSON:                json_string() - a quoted JSON string, always valid UTF-8 (\u00NN for controls)
//   CSV:                 csv_field()   - printable(), then RFC 4180 quotes when the field needs them
//   gnuplot scripts:     gnuplot_string() - printable(), single-quoted with '' for a quote
// The runtime's TableWriter quotes for JSON and CSV itself; callers pass it printable() text.
#ifndef EMBER_EXPORT_TEXT_ESCAPE_HPP
#define EMBER_EXPORT_TEXT_ESCAPE_HPP

#include <string>
#include <string_view>

namespace ember::exporters {

std::string printable(std::string_view text);
std::string json_string(std::string_view text);
std::string csv_field(std::string_view text);
std::string gnuplot_string(std::string_view text);

// Length in bytes of the valid, printable UTF-8 character at text[i] (1-4), or 0 when the byte at i starts
// a control character, an invalid or overlong sequence, a surrogate or a C1 control.
std::size_t printable_utf8_length(std::string_view text, std::size_t i);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_TEXT_ESCAPE_HPP
