// `ember import model.onnx --out m.ember [--name N]`: an ONNX MLP (as torch.onnx.export writes it) to a blob.
// What is accepted and every error: docs/onnx.md.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/activation.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/onnx_import.hpp"
#include "ember/export/text_escape.hpp"

namespace ember::cli {
namespace {
struct ImportOptions {
  std::string input;
  std::string output;
  std::string name;
};

std::string file_stem(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  std::string base = path.substr(slash == std::string::npos ? 0 : slash + 1);
  const std::size_t dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base.resize(dot);
  return base.empty() ? "model" : base;
}

// The same file under two names (or the same name) must not be both the input and the output.
bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void import_model(const ImportOptions& o) {
  if (same_file(o.input, o.output)) throw std::runtime_error(o.output + " is the input file; choose another --out");
  // Checked before reading, so an oversized file is not loaded into memory; import_onnx checks the bytes again.
  struct stat st {};
  if (::stat(o.input.c_str(), &st) == 0 && static_cast<std::uint64_t>(st.st_size) > exporters::kMaxOnnxFileBytes)
    throw std::runtime_error(o.input + ": the file is " + std::to_string(st.st_size) +
                             " bytes; Ember imports ONNX files up to " + std::to_string(exporters::kMaxOnnxFileBytes) +
                             " bytes");
  const std::vector<std::uint8_t> bytes = exporters::read_file(o.input);
  exporters::OnnxImport imported;
  std::vector<std::uint8_t> blob;
  try {
    imported = exporters::import_onnx(bytes, file_stem(o.input));
    if (!o.name.empty()) imported.spec.name = o.name;
    blob = exporters::write_blob(imported.spec);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(o.input + ": " + e.what());
  }
  exporters::write_file_atomic(o.output, blob.data(), blob.size());
  // Node names, the graph name and the path come from the file or the command line: printable() for stderr.
  using exporters::printable;
  for (const std::string& note : imported.notes) std::fprintf(stderr, "note: %s\n", printable(note).c_str());
  for (std::size_t k = 0; k < imported.layer_sources.size(); ++k) {
    const auto& l = imported.spec.layers[k];
    std::fprintf(stderr, "layer %zu: dense %u -> %u %s  <- %s\n", k, l.in_width, l.out_width,
                 activation_name(l.activation), printable(imported.layer_sources[k]).c_str());
  }
  std::fprintf(stderr, "wrote %s (%zu-byte blob, model \"%s\")\n", printable(o.output).c_str(), blob.size(),
               printable(imported.spec.name).c_str());
}
}  // namespace

void add_import_command(CLI::App& app) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Convert an ONNX MLP (e.g. from torch.onnx.export, opsets 9-17) to a blob; see docs/onnx.md");
  cmd->add_option("input", options->input, "an .onnx model file")->required();
  cmd->add_option("-o,--out", options->output, "output blob, written atomically")->required()->check(output_path());
  cmd->add_option("--name", options->name,
                  "model name stored in the blob (at most 31 bytes; default: the ONNX graph's name or the file's)");
  cmd->callback([options] { import_model(*options); });
}

}  // namespace ember::cli
