#include "model_file.hpp"

#include <stdexcept>

#include "ember/export/file_io.hpp"

namespace ember::cli {

std::unique_ptr<exporters::LoadedModel> load_model_file(const std::string& path) {
  const auto bytes = exporters::read_file(path);
  try {
    return std::make_unique<exporters::LoadedModel>(bytes);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace ember::cli
