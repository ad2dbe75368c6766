// Placeholder until the profile command lands; replaced by its owner.
#include <CLI/CLI.hpp>
#include <stdexcept>

#include "commands.hpp"

namespace ember::cli {

void add_profile_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("profile", "(not built yet)");
  cmd->callback([] { throw std::runtime_error("profile: not built yet"); });
}

}  // namespace ember::cli
