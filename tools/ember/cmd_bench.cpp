// Placeholder until the bench command lands; replaced by its owner.
#include <CLI/CLI.hpp>
#include <stdexcept>

#include "commands.hpp"

namespace ember::cli {

void add_bench_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("bench", "(not built yet)");
  cmd->callback([] { throw std::runtime_error("bench: not built yet"); });
}

}  // namespace ember::cli
