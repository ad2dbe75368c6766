// `ember`: train, export, run, inspect, profile, benchmark and analyze Ember models. Every subcommand has
// --help; errors are one line on stderr and a non-zero exit.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Ember: train, export, run and profile small neural networks for microcontrollers.\n"
               "Run `ember <command> --help` for the options of each command.",
               "ember"};
  app.require_subcommand(1);
  app.fallthrough(false);
  ember::cli::add_train_command(app);
  ember::cli::add_export_command(app);
  ember::cli::add_import_command(app);
  ember::cli::add_run_command(app);
  ember::cli::add_inspect_command(app);
  ember::cli::add_profile_command(app);
  ember::cli::add_bench_command(app);
  ember::cli::add_analyze_command(app);
  // CLI11 would call an unknown command a stray argument; name it instead.
  bool known = argc < 2 || argv[1][0] == '-';
  for (const CLI::App* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
  if (!known) {
    std::fprintf(stderr, "ember: error: unknown command '%s' (see ember --help)\n", argv[1]);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, e.g. "ember: error: The following argument was not expected: --bogus".
    std::fprintf(stderr, "ember: error: %s (see ember --help)\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ember: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
