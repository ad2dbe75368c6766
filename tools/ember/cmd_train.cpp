// Placeholder until the train command lands; replaced by its owner.
#include <CLI/CLI.hpp>
#include <stdexcept>

#include "commands.hpp"

namespace ember::cli {

void add_train_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("train", "(not built yet)");
  cmd->callback([] { throw std::runtime_error("train: not built yet"); });
}

}  // namespace ember::cli
