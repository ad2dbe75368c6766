// Whole-file reads and atomic writes for host tools: a write goes to a temporary file in the same folder
// and is renamed over the target, so a failed or interrupted export never leaves a partial file.
#ifndef EMBER_EXPORT_FILE_IO_HPP
#define EMBER_EXPORT_FILE_IO_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ember/export/input_caps.hpp"

namespace ember::exporters {

// The one reader of input files (blobs, CSV, JSON). Refuses a directory ("is a directory"), anything that
// is not a regular file (a FIFO, a device such as /dev/zero: opened without blocking, refused at once), and
// a file above `max_bytes` (caps::kMaxFileBytes). Throws std::runtime_error("cannot read <path>: <reason>").
std::vector<std::uint8_t> read_file(const std::string& path, std::uint64_t max_bytes = caps::kMaxFileBytes);
std::string read_text_file(const std::string& path, std::uint64_t max_bytes = caps::kMaxFileBytes);

// Throws std::runtime_error("cannot write <path>: <reason>"); the target is untouched on failure. While the
// temporary file exists it is registered for removal if SIGINT, SIGTERM, SIGHUP or SIGXFSZ ends the process
// (the signal then takes its usual course); only SIGKILL can leave it behind.
void write_file_atomic(const std::string& path, const void* data, std::size_t bytes);
void write_file_atomic(const std::string& path, const std::string& text);

// A file a command reads or writes, named by the option that gave it, for messages ("--out", "input").
struct NamedPath {
  std::string option;
  std::string path;
};

// True when both name the same file: the same device and inode when both exist (hard and symbolic links
// included), else the same absolute, normalized path.
bool same_file(const std::string& a, const std::string& b);

// Refuses an output that is empty, that names the same file as an input, or the same file as another
// output (whose write would replace the first): std::runtime_error("--out x.csv is the same file as
// --data x.csv; ..."). Empty input paths are skipped (an option not given).
void refuse_output_over_input(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_FILE_IO_HPP
