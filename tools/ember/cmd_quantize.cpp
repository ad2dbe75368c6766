// `ember quantize model.ember --calibrate rows.csv --out model-int8.ember`: post-training int8
// quantization (docs/quantization.md), with float vs int8 scores on test rows.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/export/quantize.hpp"
#include "ember/export/text_escape.hpp"
#include "quantize_report.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {
struct QuantizeCommandOptions {
  std::string model, calibrate, out, test, target;
  double percentile = 100.0;
  double input_margin = exporters::QuantizeOptions{}.input_margin;
  double margin = exporters::QuantizeOptions{}.range_margin;
  std::string float_layers = "none";
  std::string output_layer = "dequantized";
  std::string input_bits = "auto";
  std::string refit = "labels";
  std::string refit_hidden = "on";
  OutputFormat format;
};

std::vector<std::size_t> parse_float_layers(const std::string& text, const exporters::ModelSpec& model) {
  if (text == "last") return exporters::default_float_layers(model);
  if (text == "none") return {};
  std::vector<std::size_t> layers;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string part = text.substr(start, comma - start);
    std::size_t used = 0;
    unsigned long k = 0;
    try {
      k = std::stoul(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != part.size() || k >= model.layers.size())
      throw std::runtime_error("--float-layers: '" + part + "' is not a layer index 0.." +
                               std::to_string(model.layers.size() - 1) + " (or use 'last' or 'none')");
    layers.push_back(k);
    start = comma + 1;
  }
  return layers;
}

void run_quantize(const QuantizeCommandOptions& o) {
  refuse_overwriting_inputs({{"--out", o.out}}, {{"model", o.model}, {"--calibrate", o.calibrate}, {"--test", o.test}});

  exporters::ModelSpec model;
  const std::vector<std::uint8_t> float_blob = exporters::read_file(o.model);
  try {
    model = exporters::read_blob(float_blob);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(exporters::printable(o.model) + ": " + e.what());
  }
  for (const auto& layer : model.layers)
    if (layer.is_int8()) throw std::runtime_error(exporters::printable(o.model) + ": is already quantized (give the float model)");

  exporters::QuantizeOptions options;
  options.percentile = o.percentile;
  options.input_margin = o.input_margin;
  options.range_margin = o.margin;
  options.float_layers = parse_float_layers(o.float_layers, model);
  using OutputLayer = exporters::QuantizeOptions::OutputLayer;
  options.output_layer = o.output_layer == "int8"    ? OutputLayer::int8
                         : o.output_layer == "float" ? OutputLayer::float32
                                                     : OutputLayer::dequantized;
  options.input_bits = o.input_bits == "auto" ? 0 : std::stoi(o.input_bits);
  const LabeledRows calibration = read_labeled_rows(o.calibrate, o.target, model.input_width());
  options.refit_output = o.refit != "off";
  options.refit_hidden = o.refit_hidden == "on";
  // Labels for a one-output model whose label column --target names; else the float model's outputs.
  if (o.refit == "labels" && calibration.truth.size() == calibration.rows && model.output_width() == 1)
    options.refit_targets.assign(calibration.truth.begin(), calibration.truth.end());
  exporters::ModelSpec quantized;
  std::vector<std::uint8_t> int8_blob;
  try {
    quantized = exporters::quantize_model(model, calibration.x, calibration.rows, options);
    const bool any_int8 = std::any_of(quantized.layers.begin(), quantized.layers.end(),
                                      [](const exporters::DenseLayerSpec& l) { return l.is_int8(); });
    if (!any_int8)
      throw std::invalid_argument("no layer to quantize: only identity and relu layers have an int8 form, and "
                                  "--float-layers keeps " + o.float_layers);
    int8_blob = exporters::write_blob(quantized);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error("quantizing " + exporters::printable(o.model) + ": " + e.what());
  }

  // The runtime must accept what we write: load it (and score it) before the file exists.
  Int8Comparison comparison;
  if (!o.test.empty()) {
    comparison = compare_float_int8(float_blob, int8_blob, read_labeled_rows(o.test, o.target, model.input_width()));
  } else {
    try {
      exporters::LoadedModel check(int8_blob);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(std::string("the int8 blob does not load: ") + e.what());
    }
    comparison.float_model.blob_bytes = float_blob.size();
    comparison.int8_model.blob_bytes = int8_blob.size();
  }
  exporters::write_file_atomic(o.out, int8_blob.data(), int8_blob.size());

  auto table = stdout_table(o.format);
  write_int8_layers(table, quantized);
  write_int8_comparison(table, comparison, exporters::printable(o.test));
  for (std::size_t k = 0; k < model.layers.size(); ++k)
    if (model.layers[k].residual)
      table.note(("layer " + std::to_string(k) + " is residual and stays float32 (int8 layers have no residual add)").c_str());
  table.note(("wrote " + exporters::printable(o.out)).c_str());
}
}  // namespace

void add_quantize_command(CLI::App& app) {
  auto o = std::make_shared<QuantizeCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "quantize",
      "Quantize a float model blob to int8 (TFLite scheme: per-channel weights, calibrated activations).\n"
      "  ember quantize m.ember --calibrate train.csv --target y --test test.csv --out m-int8.ember");
  cmd->add_option("model", o->model, "float model blob (.ember)")->required();
  cmd->add_option("--calibrate", o->calibrate,
                  "CSV of calibration rows (typically the training split) that set the activation ranges")
      ->required();
  cmd->add_option("-o,--out", o->out, "write the int8 blob here (atomically; never over an input)")
      ->required()
      ->check(output_path());
  cmd->add_option("--percentile", o->percentile,
                  "activation ranges: 100 = calibration min/max; P < 100 clips to the (100-P)th..Pth percentiles")
      ->capture_default_str()
      ->check(CLI::Range(50.0, 100.0));
  cmd->add_option("--input-margin", o->input_margin,
                  "headroom: widen the model input's range by this fraction so rows a little past the "
                  "calibration rows do not saturate")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--margin", o->margin, "headroom of every other activation range")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--float-layers", o->float_layers,
                  "layers kept float32: 'none', 'last' (the output layer), or indices like 0,3; tanh, sigmoid, "
                  "softmax and residual layers always stay float32")
      ->capture_default_str();
  cmd->add_option("--output-layer", o->output_layer,
                  "an int8 output layer: 'dequantized' (int8 weights, its int32 accumulators dequantized to the "
                  "float32 output; layer kind 4), 'int8' (int8 output codes, dequantized after) or 'float' (the "
                  "layer stays float32, as --float-layers last)")
      ->capture_default_str()
      ->check(CLI::IsMember({"dequantized", "int8", "float"}));
  cmd->add_option("--input-bits", o->input_bits,
                  "bits of the model input into an int8 layer 0: 16 (int16, symmetric; layer kind 3), 8, or auto "
                  "(16 unless layer 0's int32 accumulator could wrap, then 8)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "8", "16"}));
  cmd->add_option("--refit", o->refit,
                  "an int8 output layer with identity activation, refitted by least squares on the int8 features "
                  "the calibration rows give it: 'labels' (to the --target column; the float model's outputs "
                  "without one, or for several outputs), 'float' (to the float model's outputs) or 'off'")
      ->capture_default_str()
      ->check(CLI::IsMember({"labels", "float", "off"}));
  cmd->add_option("--refit-hidden", o->refit_hidden,
                  "'on': every int8 layer before the output layer (after an int16 layer 0) refitted, per channel, "
                  "by least squares from the int8 input the layers before it give it to the float "
                  "pre-activation, on the calibration rows where its ReLU passes; 'off' keeps the float weights")
      ->capture_default_str()
      ->check(CLI::IsMember({"on", "off"}));
  cmd->add_option("--test", o->test, "CSV of test rows: score float and int8 side by side");
  cmd->add_option("-t,--target", o->target, "label column of the CSV files: left out of the inputs, scored against");
  add_output_flags(*cmd, o->format);
  cmd->callback([o] { run_quantize(*o); });
}

}  // namespace ember::cli
