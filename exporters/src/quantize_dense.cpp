// One float dense layer to its int8 form: per-output-channel symmetric weights, int32 bias, and the
// requantization multiplier that maps the accumulator's scale (input · weight) to the output's.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "ember/export/quantize.hpp"

namespace ember::exporters {
namespace {
constexpr double int32_limit = 2147483647.0;
// Smallest multiplier the requantization represents (multiplier 2^30, shift −31).
constexpr double smallest_multiplier = 1.0 / 4294967296.0;
// Headroom for the float rounding of a weight scale chosen at a floor below.
constexpr double floor_margin = 1.0 + 1e-6;
}  // namespace

QuantizedDense quantize_dense(const DenseLayerSpec& layer, const TensorQuantization& input,
                              const TensorQuantization& output, bool int16_input) {
  if (layer.activation != Activation::identity && layer.activation != Activation::relu)
    throw std::invalid_argument("an int8 layer's activation must be identity or relu");
  const std::size_t in = layer.in_width;
  const std::size_t out = layer.out_width;
  if (layer.weights.size() != in * out || layer.bias.size() != out)
    throw std::invalid_argument("layer weights or bias do not match its widths");
  if (!(input.scale > 0.0f) || !(output.scale > 0.0f))
    throw std::invalid_argument("int8 tensor scales must be positive");
  if (int16_input && input.zero_point != 0) throw std::invalid_argument("an int16 input has zero point 0");

  QuantizedDense q;
  q.input_scale = input.scale;
  q.input_zero_point = input.zero_point;
  q.output_scale = output.scale;
  q.output_zero_point = output.zero_point;
  q.int16_input = int16_input;
  q.weight_scale.resize(out);
  q.weights.resize(in * out);
  q.bias.resize(out);
  q.multiplier.resize(out);
  q.shift.resize(out);
  const double s_in = input.scale;
  const double s_out = output.scale;
  for (std::size_t o = 0; o < out; ++o) {
    const float* row = layer.weights.data() + o * in;
    double largest = 0;
    for (std::size_t i = 0; i < in; ++i) largest = std::max(largest, std::fabs(static_cast<double>(row[i])));
    // Symmetric: the largest weight maps to ±127 (−128 stays unused, as in TFLite, so that w and −w
    // quantize alike). The floors only bind in degenerate channels: a bias too large for int32 at this
    // scale, or weights so small that the multiplier would fall below 2^−32 (then the channel's weights
    // contribute nothing either way).
    double s_w = largest / 127.0;
    s_w = std::max(s_w, std::fabs(static_cast<double>(layer.bias[o])) / (s_in * int32_limit) * floor_margin);
    s_w = std::max(s_w, smallest_multiplier * s_out / s_in * floor_margin);
    const float weight_scale = static_cast<float>(s_w);
    const double s_acc = s_in * static_cast<double>(weight_scale);
    q.weight_scale[o] = weight_scale;
    for (std::size_t i = 0; i < in; ++i) {
      const double v = std::round(static_cast<double>(row[i]) / static_cast<double>(weight_scale));
      q.weights[o * in + i] = static_cast<std::int8_t>(std::max(-127.0, std::min(127.0, v)));
    }
    const double b = std::round(static_cast<double>(layer.bias[o]) / s_acc);
    if (std::fabs(b) > int32_limit)
      throw std::invalid_argument("channel " + std::to_string(o) + ": bias does not fit int32 at its scale");
    q.bias[o] = static_cast<std::int32_t>(b);
    QuantizedMultiplier m;
    try {
      m = quantize_multiplier(s_acc / s_out);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("channel " + std::to_string(o) + ": " + e.what());
    }
    q.multiplier[o] = m.multiplier;
    q.shift[o] = static_cast<std::int8_t>(m.shift);
  }
  return q;
}

QuantizedDense quantize_dense_float_output(const DenseLayerSpec& layer, const TensorQuantization& input) {
  if (layer.activation != Activation::identity && layer.activation != Activation::relu)
    throw std::invalid_argument("an int8 layer's activation must be identity or relu");
  const std::size_t in = layer.in_width;
  const std::size_t out = layer.out_width;
  if (layer.weights.size() != in * out || layer.bias.size() != out)
    throw std::invalid_argument("layer weights or bias do not match its widths");
  if (!(input.scale > 0.0f)) throw std::invalid_argument("int8 tensor scales must be positive");
  QuantizedDense q;
  q.input_scale = input.scale;
  q.input_zero_point = input.zero_point;
  q.float_output = true;
  q.weight_scale.resize(out);
  q.accumulator_scale.resize(out);
  q.weights.resize(in * out);
  q.bias.resize(out);
  const double s_in = input.scale;
  for (std::size_t o = 0; o < out; ++o) {
    const float* row = layer.weights.data() + o * in;
    double largest = 0;
    for (std::size_t i = 0; i < in; ++i) largest = std::max(largest, std::fabs(static_cast<double>(row[i])));
    // As quantize_dense, without a multiplier to keep in range: the floors bind only for a bias too large
    // for int32 at the row's scale, and for an all-zero row (any positive scale represents it; the
    // accumulator scale must stay a positive normal float32).
    double s_w = largest / 127.0;
    s_w = std::max(s_w, std::fabs(static_cast<double>(layer.bias[o])) / (s_in * int32_limit) * floor_margin);
    s_w = std::max(s_w, static_cast<double>(std::numeric_limits<float>::min()) / s_in * floor_margin);
    const float weight_scale = static_cast<float>(s_w);
    const double s_acc = s_in * static_cast<double>(weight_scale);
    q.weight_scale[o] = weight_scale;
    q.accumulator_scale[o] = static_cast<float>(s_acc);
    for (std::size_t i = 0; i < in; ++i) {
      const double v = std::round(static_cast<double>(row[i]) / static_cast<double>(weight_scale));
      q.weights[o * in + i] = static_cast<std::int8_t>(std::max(-127.0, std::min(127.0, v)));
    }
    const double b = std::round(static_cast<double>(layer.bias[o]) / s_acc);
    if (std::fabs(b) > int32_limit)
      throw std::invalid_argument("channel " + std::to_string(o) + ": bias does not fit int32 at its scale");
    q.bias[o] = static_cast<std::int32_t>(b);
  }
  return q;
}

bool int16_accumulator_fits(const QuantizedDense& q, std::size_t in_width) {
  const double largest_sum = static_cast<double>(in_width) * 32768.0 * 127.0;
  for (std::int32_t b : q.bias)
    if (largest_sum + std::fabs(static_cast<double>(b)) >= 2147483648.0) return false;
  return true;
}

}  // namespace ember::exporters
