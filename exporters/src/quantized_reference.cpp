// Host evaluation of mixed float / int8 ModelSpecs (see quantized_reference.hpp).
#include "ember/export/quantized_reference.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "ember/activation.hpp"
#include "ember/dense_s16x8.hpp"
#include "ember/dense_s8_float_output.hpp"
#include "ember/dense_s8.hpp"
#include "ember/export/quantize.hpp"

namespace ember::exporters {
namespace {
void check_rows(const ModelSpec& model, const std::vector<float>& rows, std::size_t row_count) {
  const std::size_t width = model.input_width();
  if (width == 0 || rows.size() / width != row_count || rows.size() % width != 0)
    throw std::invalid_argument("calibration rows: " + std::to_string(rows.size()) + " values are not " +
                                std::to_string(row_count) + " rows of " + std::to_string(width));
}

std::vector<float> standardized(const ModelSpec& model, const float* x) {
  const std::size_t width = model.input_width();
  std::vector<float> z(x, x + width);
  for (std::size_t i = 0; i < width; ++i) {
    if (!model.input_mean.empty()) z[i] = z[i] - model.input_mean[i];
    if (!model.input_scale.empty()) z[i] = z[i] / model.input_scale[i];  // as ember::Model::run standardizes
  }
  return z;
}

void destandardize(const ModelSpec& model, std::vector<float>& y) {
  for (std::size_t j = 0; j < y.size(); ++j) {
    if (!model.output_scale.empty()) y[j] = y[j] * model.output_scale[j];
    if (!model.output_mean.empty()) y[j] = y[j] + model.output_mean[j];
  }
}

std::vector<float> float_layer(const DenseLayerSpec& layer, const std::vector<float>& x) {
  std::vector<float> y(layer.out_width);
  for (std::size_t o = 0; o < layer.out_width; ++o) {
    double sum = layer.bias[o];
    for (std::size_t i = 0; i < layer.in_width; ++i)
      sum += static_cast<double>(layer.weights[o * layer.in_width + i]) * x[i];
    y[o] = static_cast<float>(sum);
  }
  apply_activation(layer.activation, y.data(), layer.out_width);
  if (layer.residual)  // y = x + act(W x + b), as the runtime's residual op
    for (std::size_t o = 0; o < layer.out_width; ++o) y[o] = x[o] + y[o];
  return y;
}

// Layer kind 3: the int16 model input, quantized from float here.
std::vector<std::int8_t> int16_input_layer(const DenseLayerSpec& layer, const std::vector<float>& real) {
  const QuantizedDense& q = *layer.int8;
  std::vector<std::int16_t> x(real.size());
  for (std::size_t i = 0; i < real.size(); ++i) x[i] = quantize_value_s16(real[i], q.input_scale);
  DenseS16x8Params params;
  params.output_offset = q.output_zero_point;
  params.activation_min = layer.activation == Activation::relu ? std::max(-128, q.output_zero_point) : -128;
  params.activation_max = 127;
  std::vector<std::int8_t> y(layer.out_width);
  dense_s16x8_reference(q.weights.data(), q.bias.data(), q.multiplier.data(), q.shift.data(), x.data(), y.data(),
                        layer.in_width, layer.out_width, params);
  return y;
}

std::vector<std::int8_t> int8_layer(const DenseLayerSpec& layer, const std::vector<std::int8_t>& x) {
  const QuantizedDense& q = *layer.int8;
  DenseS8Params params;
  params.input_offset = -q.input_zero_point;
  params.output_offset = q.output_zero_point;
  params.activation_min = layer.activation == Activation::relu ? std::max(-128, q.output_zero_point) : -128;
  params.activation_max = 127;
  std::vector<std::int8_t> y(layer.out_width);
  dense_s8_reference(q.weights.data(), q.bias.data(), q.multiplier.data(), q.shift.data(), x.data(), y.data(),
                     layer.in_width, layer.out_width, params);
  return y;
}
}  // namespace

std::vector<float> reference_outputs(const ModelSpec& model, const std::vector<float>& rows, std::size_t row_count) {
  check_rows(model, rows, row_count);
  const std::size_t in = model.input_width();
  std::vector<float> result;
  result.reserve(row_count * model.output_width());
  for (std::size_t r = 0; r < row_count; ++r) {
    // The activation is held either as floats or as int8 codes of the last int8 layer's output.
    std::vector<float> real = standardized(model, rows.data() + r * in);
    std::vector<std::int8_t> codes;
    TensorQuantization codes_format;
    bool holds_codes = false;
    for (const DenseLayerSpec& layer : model.layers) {
      if (layer.is_int8()) {
        const QuantizedDense& q = *layer.int8;
        if (q.float_output) {  // kind 4: the runtime's own definition (one plain loop on every target)
          if (!holds_codes) {
            const TensorQuantization in_format{q.input_scale, q.input_zero_point};
            codes.resize(real.size());
            for (std::size_t i = 0; i < real.size(); ++i) codes[i] = quantize_value(real[i], in_format);
          }
          real.assign(layer.out_width, 0.0f);
          dense_s8_float_output(q.weights.data(), q.bias.data(), q.accumulator_scale.data(), codes.data(), real.data(),
                                layer.in_width, layer.out_width, -q.input_zero_point,
                                layer.activation == Activation::relu);
          holds_codes = false;
          continue;
        }
        if (q.int16_input) {
          if (&layer != &model.layers.front()) throw std::invalid_argument("only layer 0 may have an int16 input");
          codes = int16_input_layer(layer, real);
        } else {
          if (!holds_codes) {
            const TensorQuantization in_format{q.input_scale, q.input_zero_point};
            codes.resize(real.size());
            for (std::size_t i = 0; i < real.size(); ++i) codes[i] = quantize_value(real[i], in_format);
          }
          codes = int8_layer(layer, codes);
        }
        codes_format = {q.output_scale, q.output_zero_point};
        holds_codes = true;
      } else {
        if (holds_codes) {
          real.resize(codes.size());
          for (std::size_t i = 0; i < codes.size(); ++i) real[i] = dequantize_value(codes[i], codes_format);
          holds_codes = false;
        }
        real = float_layer(layer, real);
      }
    }
    if (holds_codes) {
      real.resize(codes.size());
      for (std::size_t i = 0; i < codes.size(); ++i) real[i] = dequantize_value(codes[i], codes_format);
    }
    destandardize(model, real);
    result.insert(result.end(), real.begin(), real.end());
  }
  return result;
}

std::vector<std::vector<float>> float_tensors(const ModelSpec& model, const std::vector<float>& rows,
                                              std::size_t row_count) {
  check_rows(model, rows, row_count);
  const std::size_t in = model.input_width();
  std::vector<std::vector<float>> tensors(model.layers.size() + 1);
  tensors[0].reserve(row_count * in);
  for (std::size_t k = 0; k < model.layers.size(); ++k) tensors[k + 1].reserve(row_count * model.layers[k].out_width);
  for (std::size_t r = 0; r < row_count; ++r) {
    std::vector<float> x = standardized(model, rows.data() + r * in);
    tensors[0].insert(tensors[0].end(), x.begin(), x.end());
    for (std::size_t k = 0; k < model.layers.size(); ++k) {
      x = float_layer(model.layers[k], x);
      tensors[k + 1].insert(tensors[k + 1].end(), x.begin(), x.end());
    }
  }
  return tensors;
}

}  // namespace ember::exporters
