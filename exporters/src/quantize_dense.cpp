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

void check_int8_layer(const DenseLayerSpec& layer) {
  if (layer.activation != Activation::identity && layer.activation != Activation::relu)
    throw std::invalid_argument("an int8 layer's activation must be identity or relu");
  if (layer.weights.size() != layer.in_width * layer.out_width || layer.bias.size() != layer.out_width)
    throw std::invalid_argument("layer weights or bias do not match its widths");
}

// Channel o of both int8 forms: symmetric weights whose largest maps to ±127 (−128 stays unused, as in
// TFLite, so that w and −w quantize alike) and the bias at the accumulator's scale (input · weight). The
// scale never falls below smallest_scale, nor below what keeps the bias within int32; the floors only bind
// in degenerate channels. Writes q.weight_scale[o], q's row o of weights and q.bias[o]; returns the
// accumulator's scale.
double quantize_channel(const DenseLayerSpec& layer, std::size_t o, double s_in, double smallest_scale,
                        QuantizedDense& q) {
  const std::size_t in = layer.in_width;
  const float* row = layer.weights.data() + o * in;
  double largest = 0;
  for (std::size_t i = 0; i < in; ++i) largest = std::max(largest, std::fabs(static_cast<double>(row[i])));
  double s_w = largest / 127.0;
  s_w = std::max(s_w, std::fabs(static_cast<double>(layer.bias[o])) / (s_in * int32_limit) * floor_margin);
  s_w = std::max(s_w, smallest_scale * floor_margin);
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
  return s_acc;
}
}  // namespace

QuantizedDense quantize_dense(const DenseLayerSpec& layer, const TensorQuantization& input,
                              const TensorQuantization& output, bool int16_input) {
  check_int8_layer(layer);
  if (!(input.scale > 0.0f) || !(output.scale > 0.0f))
    throw std::invalid_argument("int8 tensor scales must be positive");
  if (int16_input && input.zero_point != 0) throw std::invalid_argument("an int16 input has zero point 0");
  const std::size_t in = layer.in_width;
  const std::size_t out = layer.out_width;

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
    // The floor keeps the multiplier at or above 2^−32 (below it the channel's weights contribute nothing
    // either way).
    const double s_acc = quantize_channel(layer, o, s_in, smallest_multiplier * s_out / s_in, q);
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
  check_int8_layer(layer);
  if (!(input.scale > 0.0f)) throw std::invalid_argument("int8 tensor scales must be positive");
  const std::size_t in = layer.in_width;
  const std::size_t out = layer.out_width;
  QuantizedDense q;
  q.input_scale = input.scale;
  q.input_zero_point = input.zero_point;
  q.float_output = true;
  q.weight_scale.resize(out);
  q.accumulator_scale.resize(out);
  q.weights.resize(in * out);
  q.bias.resize(out);
  const double s_in = input.scale;
  // No multiplier to keep in range: the floor is for an all-zero row (any positive scale represents it;
  // the accumulator scale must stay a positive normal float32).
  for (std::size_t o = 0; o < out; ++o)
    q.accumulator_scale[o] = static_cast<float>(
        quantize_channel(layer, o, s_in, static_cast<double>(std::numeric_limits<float>::min()) / s_in, q));
  return q;
}

bool int16_accumulator_fits(const QuantizedDense& q, std::size_t in_width) {
  const double largest_sum = static_cast<double>(in_width) * 32768.0 * 127.0;
  for (std::int32_t b : q.bias)
    if (largest_sum + std::fabs(static_cast<double>(b)) >= 2147483648.0) return false;
  return true;
}

}  // namespace ember::exporters
