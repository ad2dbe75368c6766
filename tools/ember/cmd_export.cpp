// `ember export`: a model (blob or JSON description) to a blob or to a C header for firmware.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/c_header_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/json_model.hpp"
#include "ember/export/onnx_export.hpp"
#include "ember/export/text_escape.hpp"

namespace ember::cli {
namespace {
struct ExportOptions {
  std::string input;
  std::string output;
  std::string format;  // empty: from the output's extension
  std::string symbol;
  std::string name;
};

// The formats `ember export` writes and the output extension that names each; one row per format.
struct ExportFormat {
  const char* name;
  const char* extension;
};
constexpr ExportFormat kFormats[] = {{"blob", ".ember"}, {"c-header", ".h"}, {"onnx", ".onnx"}};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string known_extensions() {
  std::string text;
  for (const ExportFormat& f : kFormats) text += std::string(text.empty() ? "" : ", ") + f.extension + " " + f.name;
  return text;
}

// --format when given (and then the extension must agree), else the format the extension names.
std::string format_for(const ExportOptions& o) {
  const ExportFormat* by_extension = nullptr;
  for (const ExportFormat& f : kFormats)
    if (ends_with(o.output, f.extension)) by_extension = &f;
  if (o.format.empty()) {
    if (by_extension == nullptr)
      throw std::runtime_error("export: cannot tell the format from '" + o.output + "' (" + known_extensions() +
                               "); name the file so, or add --format");
    return by_extension->name;
  }
  if (by_extension != nullptr && o.format != by_extension->name)
    throw std::runtime_error("export: --format " + o.format + " does not match '" + o.output + "', which names " +
                             by_extension->name + "; drop --format or change the extension");
  return o.format;
}

void export_model(const ExportOptions& o) {
  refuse_overwriting_inputs({{"--out", o.output}}, {{"input", o.input}});
  const std::string format = format_for(o);
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
  if (format == "blob") {
    exporters::write_file_atomic(o.output, blob.data(), blob.size());
  } else if (format == "onnx") {  // docs/onnx.md
    exporters::write_file_atomic(o.output, exporters::write_onnx(spec));
  } else {
    const std::string symbol = o.symbol.empty() ? exporters::symbol_from_path(o.output) : o.symbol;
    exporters::write_file_atomic(o.output, exporters::write_c_header(blob, symbol));
  }
  std::fprintf(stderr, "wrote %s (%s, %zu-byte blob)\n", exporters::printable(o.output).c_str(), format.c_str(),
               blob.size());
}
}  // namespace

void add_export_command(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write a model as a blob (.ember), a C header (.h: const byte array, length, arena #define) or ONNX\n"
      "(.onnx, docs/onnx.md); the "
      "output's extension picks the format\n"
      "  ember export m.ember --out m.h");
  cmd->add_option("input", options->input, "a model blob (.ember) or a JSON model description (.json)")->required();
  cmd->add_option("-o,--out", options->output, "output file, written atomically")->required()->check(output_path());
  std::vector<std::string> names;
  for (const ExportFormat& f : kFormats) names.emplace_back(f.name);
  cmd->add_option("-f,--format", options->format,
                  "blob, c-header or onnx; by default the output's extension decides (" + known_extensions() + ")")
      ->check(CLI::IsMember(names));
  cmd->add_option("--symbol", options->symbol, "C identifier for --format c-header (default: from the file name)");
  cmd->add_option("--name", options->name, "model name stored in the blob (at most 31 bytes)");
  cmd->callback([options] { export_model(*options); });
}

}  // namespace ember::cli
