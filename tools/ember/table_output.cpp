#include "table_output.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace ember::cli {
namespace {
void stdout_sink(void*, const char* text, std::size_t bytes) { std::fwrite(text, 1, bytes, stdout); }
void string_sink(void* context, const char* text, std::size_t bytes) {
  static_cast<std::string*>(context)->append(text, bytes);
}
}  // namespace

void add_output_flags(CLI::App& command, OutputFormat& format) {
  auto* json = command.add_flag("--json", format.json, "print tables as JSON lines (one object per table)");
  auto* csv = command.add_flag("--csv", format.csv, "print tables as CSV");
  json->excludes(csv);
}

report::TableWriter stdout_table(const OutputFormat& format) {
  return report::TableWriter(format.table_format(), stdout_sink, nullptr);
}

report::TableWriter string_table(report::TableFormat format, std::string& out) {
  return report::TableWriter(format, string_sink, &out);
}

}  // namespace ember::cli
