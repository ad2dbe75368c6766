// Reads a blob file for the CLI's commands.
#ifndef EMBER_TOOLS_MODEL_FILE_HPP
#define EMBER_TOOLS_MODEL_FILE_HPP

#include <memory>
#include <string>

#include "ember/export/loaded_model.hpp"

namespace ember::cli {

// Throws std::runtime_error("<path>: <reason>") for a missing, unreadable or invalid blob.
std::unique_ptr<exporters::LoadedModel> load_model_file(const std::string& path);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_MODEL_FILE_HPP
