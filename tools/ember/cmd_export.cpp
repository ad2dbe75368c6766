// `ember export`: a model (blob or JSON description) to a blob or to a C header for firmware.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "commands.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/c_header_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/json_model.hpp"

namespace ember::cli {
namespace {
struct ExportOptions {
  std::string input;
  std::string output;
  std::string format = "blob";
  std::string symbol;
  std::string name;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void export_model(const ExportOptions& o) {
  const std::vector<std::uint8_t> input = exporters::read_file(o.input);
  exporters::ModelSpec spec;
  try {
    spec = ends_with(o.input, ".json")
               ? exporters::model_spec_from_json(std::string(input.begin(), input.end()))
               : exporters::read_blob(input);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(o.input + ": " + e.what());
  }
  if (!o.name.empty()) spec.name = o.name;
  const std::vector<std::uint8_t> blob = exporters::write_blob(spec);
  if (o.format == "blob") {
    exporters::write_file_atomic(o.output, blob.data(), blob.size());
  } else {
    const std::string symbol = o.symbol.empty() ? exporters::symbol_from_path(o.output) : o.symbol;
    exporters::write_file_atomic(o.output, exporters::write_c_header(blob, symbol));
  }
  std::fprintf(stderr, "wrote %s (%s, %zu-byte blob)\n", o.output.c_str(), o.format.c_str(), blob.size());
}
}  // namespace

void add_export_command(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a model as a blob or as a C header (const byte array, length, arena #define)");
  cmd->add_option("input", options->input, "a model blob (.ember) or a JSON model description (.json)")->required();
  cmd->add_option("-o,--out", options->output, "output file, written atomically")->required();
  cmd->add_option("-f,--format", options->format, "blob or c-header")
      ->check(CLI::IsMember({"blob", "c-header"}))
      ->capture_default_str();
  cmd->add_option("--symbol", options->symbol, "C identifier for --format c-header (default: from the file name)");
  cmd->add_option("--name", options->name, "model name stored in the blob (at most 31 bytes)");
  cmd->callback([options] { export_model(*options); });
}

}  // namespace ember::cli
