// Table output for the CLI: the runtime's TableWriter (the same renderer the firmware uses) writing to
// stdout, in the format chosen by --json / --csv.
#ifndef EMBER_TOOLS_TABLE_OUTPUT_HPP
#define EMBER_TOOLS_TABLE_OUTPUT_HPP

#include <string>

#include "ember/report/table_writer.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ember::cli {

struct OutputFormat {
  bool json = false;
  bool csv = false;
  report::TableFormat table_format() const {
    return json ? report::TableFormat::json : csv ? report::TableFormat::csv : report::TableFormat::markdown;
  }
};

// Adds --json and --csv (mutually exclusive) to a subcommand.
void add_output_flags(CLI::App& command, OutputFormat& format);

report::TableWriter stdout_table(const OutputFormat& format);
// Appends to `out` instead of writing to stdout.
report::TableWriter string_table(report::TableFormat format, std::string& out);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_TABLE_OUTPUT_HPP
