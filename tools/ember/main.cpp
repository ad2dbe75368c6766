// `ember`: train, export, run, inspect, profile, benchmark and analyze Ember models. Every subcommand has
// --help; errors are one line on stderr and a non-zero exit.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/export/text_escape.hpp"

namespace {
// Errors quote file names, column names and model names from the input: printed through printable(), so
// none of their bytes can drive the terminal.
void print_error(const std::string& message, const char* suffix) {
  std::fprintf(stderr, "ember: error: %s%s\n", ember::exporters::printable(message).c_str(), suffix);
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Ember: train, export, run and profile small neural networks for microcontrollers.\n"
               "Run `ember <command> --help` for the options of each command.",
               "ember"};
  app.require_subcommand(1);
  app.fallthrough(false);
  ember::cli::add_train_command(app);
  ember::cli::add_export_command(app);
  ember::cli::add_import_command(app);
  ember::cli::add_quantize_command(app);
  ember::cli::add_run_command(app);
  ember::cli::add_inspect_command(app);
  ember::cli::add_profile_command(app);
  ember::cli::add_bench_command(app);
  ember::cli::add_analyze_command(app);
  // CLI11 would call an unknown command a stray argument; name it instead.
  bool known = argc < 2 || argv[1][0] == '-';
  const CLI::App* command = nullptr;
  for (const CLI::App* sub : app.get_subcommands({}))
    if (argc >= 2 && sub->get_name() == argv[1]) command = sub;
  known = known || command != nullptr;
  if (!known) {
    print_error(std::string("unknown command '") + argv[1] + "'", " (see ember --help)");
    return 2;
  }
  // Before parsing: CLI11 would report a missing required option first and never name the stray one.
  if (command != nullptr) {
    const std::string stray = ember::cli::unknown_option(*command, argc, argv, 2);
    if (!stray.empty()) {
      print_error(std::string(argv[1]) + ": unknown option " + stray, (" (see ember " + std::string(argv[1]) + " --help)").c_str());
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, e.g. "ember: error: The following argument was not expected: --bogus".
    print_error(e.what(), " (see ember --help)");
    return 2;
  } catch (const std::exception& e) {
    print_error(e.what(), "");
    return 1;
  }
  return 0;
}
