// `ember inspect model.ember`: what is in a blob, section by section, and what it needs to run.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "ember/activation.hpp"
#include "ember/export/text_escape.hpp"
#include "model_file.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {
struct InspectOptions {
  std::string model;
  OutputFormat format;
};

void print_inspect(const InspectOptions& o) {
  const auto file = load_model_file(o.model);
  const ModelInfo& info = file->model().info();
  // The name is bytes from the file: printable() so that it cannot drive the terminal (docs/reliability.md).
  const std::string name = exporters::printable(info.name);
  auto t = stdout_table(o.format);
  char crc[16];
  std::snprintf(crc, sizeof crc, "0x%08X", info.crc32);

  const report::Column summary_cols[] = {{"field", ""}, {"value", ""}};
  t.begin("Model", summary_cols, 2);
  const std::pair<const char*, report::Cell> summary[] = {
      {"name", report::Cell::text(name.c_str())},
      {"format version", report::Cell::integer(info.format_version)},
      {"layers", report::Cell::integer(info.layer_count)},
      {"input width", report::Cell::integer(info.input_width)},
      {"output width", report::Cell::integer(info.output_width)},
      {"parameters", report::Cell::integer(info.parameter_count)},
      {"blob bytes", report::Cell::integer(info.total_bytes)},
      {"arena bytes", report::Cell::integer(info.arena_bytes)},
      {"crc32", report::Cell::text(crc)},
  };
  for (const auto& [field, value] : summary) {
    const report::Cell row[] = {report::Cell::text(field), value};
    t.row(row, 2);
  }
  t.end();

  const report::Column section_cols[] = {{"section", ""}, {"bytes", "B"}, {"share", "%"}};
  t.begin("Sections", section_cols, 3);
  const std::pair<const char*, std::uint32_t> sections[] = {
      {"header", info.header_bytes},
      {"layer table", info.layer_table_bytes},
      {"standardization", info.norm_bytes},
      {"parameters", 4 * info.parameter_count},
      {"alignment padding", info.total_bytes - info.header_bytes - info.layer_table_bytes - info.norm_bytes -
                                4 * info.parameter_count},
  };
  for (const auto& [name, bytes] : sections) {
    const report::Cell row[] = {report::Cell::text(name), report::Cell::integer(bytes),
                                report::Cell::decimal(100.0 * bytes / info.total_bytes, 1)};
    t.row(row, 3);
  }
  t.end();

  const report::Column layer_cols[] = {{"layer", ""},      {"kind", ""},       {"in", ""},
                                       {"out", ""},        {"activation", ""}, {"parameters", ""},
                                       {"MACs", ""},       {"bytes", "B"}};
  t.begin("Layers", layer_cols, 8);
  for (std::uint16_t k = 0; k < info.layer_count; ++k) {
    const LayerView l = file->model().layer(k);
    const std::uint32_t params = l.macs() + l.out_width;
    const report::Cell row[] = {report::Cell::integer(k),           report::Cell::text("dense f32"),
                                report::Cell::integer(l.in_width),  report::Cell::integer(l.out_width),
                                report::Cell::text(activation_name(l.activation)), report::Cell::integer(params),
                                report::Cell::integer(l.macs()),    report::Cell::integer(4 * params)};
    t.row(row, 8);
  }
  t.end();
}
}  // namespace

void add_inspect_command(CLI::App& app) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand("inspect", "Validate a model blob and print its header, sections and layers");
  cmd->add_option("model", options->model, "model blob (.ember)")->required();
  add_output_flags(*cmd, options->format);
  cmd->callback([options] { print_inspect(*options); });
}

}  // namespace ember::cli
