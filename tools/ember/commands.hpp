// Each `ember` subcommand lives in its own cmd_<name>.cpp and registers itself with the app here.
#ifndef EMBER_TOOLS_COMMANDS_HPP
#define EMBER_TOOLS_COMMANDS_HPP

namespace CLI {
class App;
}

namespace ember::cli {

void add_inspect_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_profile_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_analyze_command(CLI::App& app);
void add_quantize_command(CLI::App& app);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_COMMANDS_HPP
