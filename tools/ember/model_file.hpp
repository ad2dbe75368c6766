// A blob read from disk into 16-aligned memory, validated, with an arena and a loaded ember::Model.
#ifndef EMBER_TOOLS_MODEL_FILE_HPP
#define EMBER_TOOLS_MODEL_FILE_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ember/model.hpp"

namespace ember::cli {

struct ModelFile {
  std::string path;
  std::vector<std::uint8_t> bytes;  // the file as read
  std::vector<float> storage;       // the same bytes, 16-aligned for the runtime (floats are 4-aligned)
  std::vector<float> arena;
  Model model;

  const std::uint8_t* data() const { return reinterpret_cast<const std::uint8_t*>(storage.data()); }
};

// Throws std::runtime_error("<path>: <status message>") for a missing, unreadable or invalid blob.
// `out` must not move afterwards: its Model points into its storage and arena.
void load_model_file(const std::string& path, ModelFile& out);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_MODEL_FILE_HPP
