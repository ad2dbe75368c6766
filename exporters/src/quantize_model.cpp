// A float ModelSpec to its int8 form (see quantize.hpp): calibrate, choose each tensor's scale and zero
// point, quantize the chosen layers.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "ember/export/quantize.hpp"

namespace ember::exporters {
namespace {
bool has_int8_form(Activation a) { return a == Activation::identity || a == Activation::relu; }
}  // namespace

std::vector<std::size_t> default_float_layers(const ModelSpec& model) {
  if (model.layers.empty()) return {};
  return {model.layers.size() - 1};
}

ModelSpec quantize_model(const ModelSpec& model, const std::vector<float>& rows, std::size_t row_count,
                         const QuantizeOptions& options) {
  validate(model);
  for (const DenseLayerSpec& layer : model.layers)
    if (layer.is_int8()) throw std::invalid_argument("the model is already quantized");
  for (std::size_t k : options.float_layers)
    if (k >= model.layers.size())
      throw std::invalid_argument("float layer " + std::to_string(k) + " does not exist: the model has " +
                                  std::to_string(model.layers.size()) + " layers");
  if (options.input_bits != 0 && options.input_bits != 8 && options.input_bits != 16)
    throw std::invalid_argument("input bits " + std::to_string(options.input_bits) + " is not 0, 8 or 16");
  for (double margin : {options.input_margin, options.range_margin})
    if (!(margin >= 0.0 && margin <= 10.0))
      throw std::invalid_argument("range margin " + std::to_string(margin) + " is outside 0..10");
  std::vector<TensorRange> ranges = calibrate_ranges(model, rows, row_count, options.percentile);
  for (std::size_t t = 0; t < ranges.size(); ++t) {
    const double grow = 1.0 + (t == 0 ? options.input_margin : options.range_margin);
    ranges[t].low *= grow;
    ranges[t].high *= grow;
  }

  ModelSpec result = model;
  for (std::size_t k = 0; k < model.layers.size(); ++k) {
    DenseLayerSpec& layer = result.layers[k];
    const bool keep_float = std::find(options.float_layers.begin(), options.float_layers.end(), k) !=
                            options.float_layers.end();
    // A residual layer stays float32 (the runtime's int8 op has no residual add), like tanh or sigmoid ones.
    if (keep_float || !has_int8_form(layer.activation) || layer.residual) continue;
    const bool output_layer = k + 1 == model.layers.size();
    if (output_layer && options.output_layer == QuantizeOptions::OutputLayer::float32) continue;
    const TensorQuantization input = choose_tensor_quantization(ranges[k].low, ranges[k].high);
    const TensorQuantization output = choose_tensor_quantization(ranges[k + 1].low, ranges[k + 1].high);
    try {
      // The output layer hands its int32 accumulators to the float32 output (kind 4), unless it is also
      // layer 0 and its input must be int16 (kind 3).
      if (output_layer && options.output_layer == QuantizeOptions::OutputLayer::dequantized &&
          !(k == 0 && options.input_bits == 16))
        layer.int8 = quantize_dense_float_output(layer, input);
      // Only the model input may be int16: it comes from float, every later int8 tensor from an int8 layer.
      if (!layer.int8 && k == 0 && options.input_bits != 8) {
        const TensorQuantization wide = choose_int16_quantization(ranges[0].low, ranges[0].high);
        QuantizedDense q = quantize_dense(layer, wide, output, true);
        if (int16_accumulator_fits(q, layer.in_width)) {
          layer.int8 = std::move(q);
        } else if (options.input_bits == 16) {
          throw std::invalid_argument("an int16 input of " + std::to_string(layer.in_width) +
                                      " features could wrap the int32 accumulator; use 8 input bits");
        }
      }
      if (!layer.int8) layer.int8 = quantize_dense(layer, input, output);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("layer " + std::to_string(k) + ": " + e.what());
    }
    layer.weights.clear();
    layer.bias.clear();
  }
  if (options.refit_hidden) refit_hidden_layers(model, rows, row_count, result);
  if (options.refit_output) refit_output_layer(model, rows, row_count, options.refit_targets, result);
  return result;
}

}  // namespace ember::exporters
