// `ember inspect model.ember`: what is in a blob, section by section, and what it needs to run.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_s8_layout.hpp"
#include "ember/export/text_escape.hpp"
#include "model_file.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {
struct InspectOptions {
  std::string model;
  OutputFormat format;
};

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

// int8 layers: the tensor formats at both ends, and the range of the per-channel requantization (weight
// scales are not stored; each is multiplier · 2^(shift − 31) · output scale / input scale). Kind 4 has a
// float32 output and per-channel output scales instead (weight scale = output scale / input scale).
template <typename Table>
void print_quantization(const exporters::LoadedModel& file, Table& t) {
  const report::Column cols[] = {{"layer", ""},      {"input scale", ""},  {"input zero point", ""},
                                 {"output scale", ""}, {"output zero point", ""}, {"multiplier", ""},
                                 {"shift", ""},      {"weight scale", ""}};
  t.begin("Quantization", cols, 8);
  for (std::uint16_t k = 0; k < file.info().layer_count; ++k) {
    const LayerView l = file.model().layer(k);
    if (!l.is_int8) continue;
    if (l.float_output) {  // kind 4: a float32 output; weight scale = output scale of the channel / input scale
      double w_lo = 0, w_hi = 0;
      for (std::uint16_t o = 0; o < l.out_width; ++o) {
        const double w = static_cast<double>(l.output_scales[o]) / l.input_scale;
        w_lo = o == 0 ? w : std::min(w_lo, w);
        w_hi = o == 0 ? w : std::max(w_hi, w);
      }
      const std::string in_scale = number(l.input_scale), ws = number(w_lo) + " … " + number(w_hi);
      const report::Cell row[] = {report::Cell::integer(k),
                                  report::Cell::text(in_scale.c_str()),
                                  report::Cell::integer(l.input_zero_point),
                                  report::Cell::text("float32"),
                                  report::Cell::text("-"),
                                  report::Cell::text("-"),
                                  report::Cell::text("-"),
                                  report::Cell::text(ws.c_str())};
      t.row(row, 8);
      continue;
    }
    std::int32_t m_lo = l.multiplier[0], m_hi = l.multiplier[0];
    int s_lo = l.shift[0], s_hi = l.shift[0];
    double w_lo = 0, w_hi = 0;
    for (std::uint16_t o = 0; o < l.out_width; ++o) {
      m_lo = std::min(m_lo, l.multiplier[o]);
      m_hi = std::max(m_hi, l.multiplier[o]);
      s_lo = std::min<int>(s_lo, l.shift[o]);
      s_hi = std::max<int>(s_hi, l.shift[o]);
      const double w = std::ldexp(static_cast<double>(l.multiplier[o]), l.shift[o] - 31) * l.output_scale / l.input_scale;
      w_lo = o == 0 ? w : std::min(w_lo, w);
      w_hi = o == 0 ? w : std::max(w_hi, w);
    }
    const std::string m = std::to_string(m_lo) + " … " + std::to_string(m_hi);
    const std::string sh = std::to_string(s_lo) + " … " + std::to_string(s_hi);
    const std::string ws = number(w_lo) + " … " + number(w_hi);
    const std::string in_scale = number(l.input_scale), out_scale = number(l.output_scale);
    const report::Cell row[] = {report::Cell::integer(k),
                                report::Cell::text(in_scale.c_str()),
                                report::Cell::integer(l.input_zero_point),
                                report::Cell::text(out_scale.c_str()),
                                report::Cell::integer(l.output_zero_point),
                                report::Cell::text(m.c_str()),
                                report::Cell::text(sh.c_str()),
                                report::Cell::text(ws.c_str())};
    t.row(row, 8);
  }
  t.end();
}

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

  // Bytes of each layer's parameter arrays as the blob stores them (docs/blob-format.md): float32 weights and
  // biases; int8 weights in their blocks of 4 rows x 4 inputs (padding included), int32 biases and 5 bytes
  // of requantization per output.
  std::vector<std::uint64_t> layer_bytes;
  std::uint64_t parameter_bytes = 0;
  for (std::uint16_t k = 0; k < info.layer_count; ++k) {
    const LayerView l = file->model().layer(k);
    const std::uint64_t bytes =
        l.float_output ? std::uint64_t{l.macs()} + 8ull * l.out_width  // kind 4: row-major, bias, scales
        : l.is_int8    ? dense_s8_weight_bytes(l.in_width, l.out_width) + 4ull * l.out_width + 5ull * l.out_width
                       : 4ull * (std::uint64_t{l.macs()} + l.out_width);
    layer_bytes.push_back(bytes);
    parameter_bytes += bytes;
  }
  // The validator guarantees the arrays lie end to end inside the blob, so the padding cannot go negative.
  const std::uint64_t used = std::uint64_t{info.header_bytes} + info.layer_table_bytes + info.norm_bytes + parameter_bytes;
  const report::Column section_cols[] = {{"section", ""}, {"bytes", "B"}, {"share", "%"}};
  t.begin("Sections", section_cols, 3);
  const std::pair<const char*, std::uint64_t> sections[] = {
      {"header", info.header_bytes},
      {"layer table", info.layer_table_bytes},
      {"standardization", info.norm_bytes},
      {"parameters", parameter_bytes},
      {"alignment padding", info.total_bytes >= used ? info.total_bytes - used : 0},
  };
  for (const auto& [name, bytes] : sections) {
    const report::Cell row[] = {report::Cell::text(name), report::Cell::integer(static_cast<std::int64_t>(bytes)),
                                report::Cell::decimal(100.0 * static_cast<double>(bytes) / info.total_bytes, 1)};
    t.row(row, 3);
  }
  t.end();

  const report::Column layer_cols[] = {{"layer", ""},      {"kind", ""},       {"in", ""},
                                       {"out", ""},        {"activation", ""}, {"parameters", ""},
                                       {"MACs", ""},       {"bytes", "B"},     {"element type", ""}};
  t.begin("Layers", layer_cols, 9);
  bool any_int8 = false;
  for (std::uint16_t k = 0; k < info.layer_count; ++k) {
    const LayerView l = file->model().layer(k);
    any_int8 = any_int8 || l.is_int8;
    const std::uint32_t params = l.macs() + l.out_width;
    // Layer kind 3 (docs/blob-format.md): int8 weights and output, int16 input.
    const bool int16_input = blob::layer_entry(file->data(), k)[blob::layer::kind] ==
                             static_cast<std::uint8_t>(blob::LayerKind::dense_int8_int16_input);
    const char* kind = int16_input    ? "dense int8, int16 input"
                       : l.float_output ? "dense int8, float32 output"
                       : l.is_int8      ? "dense int8"
                       : l.residual     ? "dense f32 residual"
                                        : "dense f32";
    const char* element = int16_input    ? "int16 in, int8 out"
                          : l.float_output ? "int8 in, float32 out"
                          : l.is_int8      ? "int8"
                                           : "float32";
    const report::Cell row[] = {report::Cell::integer(k),
                                report::Cell::text(kind),
                                report::Cell::integer(l.in_width),
                                report::Cell::integer(l.out_width),
                                report::Cell::text(activation_name(l.activation)),
                                report::Cell::integer(params),
                                report::Cell::integer(l.macs()),
                                report::Cell::integer(static_cast<std::int64_t>(layer_bytes[k])),
                                report::Cell::text(element)};
    t.row(row, 9);
  }
  t.end();
  if (any_int8) print_quantization(*file, t);
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
