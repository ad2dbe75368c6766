// Exports a blob as a C header a firmware engineer can read, diff and #include (emlearn's habit):
// a const, 16-byte-aligned byte array, its length, and the arena size as a #define.
#ifndef EMBER_EXPORT_C_HEADER_WRITER_HPP
#define EMBER_EXPORT_C_HEADER_WRITER_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace ember::exporters {

// `symbol` is a C identifier such as "model_5d"; the header defines `<symbol>` (the bytes),
// `<symbol>_len`, `<SYMBOL>_ARENA_BYTES`, and `<SYMBOL>_OP_SET` (the ops the model uses, ember/op_set.h).
// The model name appears only in a comment, escaped. The blob must be valid (throws std::invalid_argument).
std::string write_c_header(const std::vector<std::uint8_t>& blob, const std::string& symbol);

// The C name of a layer kind's op in ember/op_set.h ("ember_op_dense_f32"), or null for an unknown kind.
const char* op_symbol(unsigned layer_kind);

// "models/my-net.ember" -> "my_net": a valid C identifier from a file name.
std::string symbol_from_path(const std::string& path);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_C_HEADER_WRITER_HPP
