// Whole-file reads and atomic writes for host tools: a write goes to a temporary file in the same folder
// and is renamed over the target, so a failed or interrupted export never leaves a partial file.
#ifndef EMBER_EXPORT_FILE_IO_HPP
#define EMBER_EXPORT_FILE_IO_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace ember::exporters {

// Throws std::runtime_error("cannot read <path>: <reason>").
std::vector<std::uint8_t> read_file(const std::string& path);
// Throws std::runtime_error("cannot write <path>: <reason>"); the target is untouched on failure.
void write_file_atomic(const std::string& path, const void* data, std::size_t bytes);
void write_file_atomic(const std::string& path, const std::string& text);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_FILE_IO_HPP
