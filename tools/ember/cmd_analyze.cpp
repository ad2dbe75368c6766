// Placeholder until the analyze command lands; replaced by its owner.
#include <CLI/CLI.hpp>
#include <stdexcept>

#include "commands.hpp"

namespace ember::cli {

void add_analyze_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("analyze", "(not built yet)");
  cmd->callback([] { throw std::runtime_error("analyze: not built yet"); });
}

}  // namespace ember::cli
