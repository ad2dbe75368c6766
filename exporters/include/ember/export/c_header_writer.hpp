// Exports a blob as a C header a firmware engineer can read, diff and #include (emlearn's habit):
// a const, 16-byte-aligned byte array, its length, and the arena size as a #define.
#ifndef EMBER_EXPORT_C_HEADER_WRITER_HPP
#define EMBER_EXPORT_C_HEADER_WRITER_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace ember::exporters {

// `symbol` is a C identifier such as "model_5d"; the header defines `<symbol>` (the bytes),
// `<symbol>_len`, and `<SYMBOL>_ARENA_BYTES`. The blob must be valid (throws std::invalid_argument).
std::string write_c_header(const std::vector<std::uint8_t>& blob, const std::string& symbol);

// "models/my-net.ember" -> "my_net": a valid C identifier from a file name.
std::string symbol_from_path(const std::string& path);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_C_HEADER_WRITER_HPP
