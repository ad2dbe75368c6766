#include "onnx_quantized.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "ember/export/quantize.hpp"

namespace ember::exporters::onnx_import_detail {

bool ActivationQuantization::operator==(const ActivationQuantization& other) const {
  return std::memcmp(&scale, &other.scale, sizeof scale) == 0 && zero_point == other.zero_point;
}

ActivationQuantization activation_quantization(const Tensor* scale, const Tensor* zero_point, const std::string& what) {
  if (scale == nullptr || scale->count() != 1 || !scale->is_float)
    throw OnnxError(what + ": Ember quantizes activations per tensor (one float scale)");
  ActivationQuantization a;
  a.scale = static_cast<float>(scale->values[0]);
  if (!std::isfinite(a.scale) || !(a.scale > 0.0f)) throw OnnxError(what + ": the scale must be finite and positive");
  const int type = zero_point ? zero_point->elem_type : onnx::TensorProto::UINT8;  // ONNX's default type
  if ((type != onnx::TensorProto::INT8 && type != onnx::TensorProto::UINT8) || (zero_point && zero_point->count() != 1))
    throw OnnxError(what + ": Ember's int8 activations take one int8 or uint8 zero point");
  const auto zp = static_cast<std::int32_t>(zero_point ? zero_point->values[0] : 0.0);
  a.zero_point = type == onnx::TensorProto::UINT8 ? zp - 128 : zp;
  return a;
}

void set_int8_weights(const Tensor& w, bool weight_out_in, std::size_t in, std::size_t out, QuantizedDense& q,
                      const std::string& what) {
  const QuantizedOrigin& origin = *w.quantized;
  const std::int64_t out_axis = weight_out_in ? 0 : 1;
  if (origin.scale.size() != 1 && (origin.scale.size() != out || origin.axis != out_axis))
    throw OnnxError(what + ": int8 weights must have one scale per tensor or per output channel");
  for (std::int64_t z : origin.zero_point)
    if (z != 0) throw OnnxError(what + ": int8 weights must be symmetric (zero point 0)");
  q.weight_scale.resize(out);
  for (std::size_t o = 0; o < out; ++o) {
    q.weight_scale[o] = origin.scale[origin.scale.size() == 1 ? 0 : o];
    if (!std::isfinite(q.weight_scale[o]) || !(q.weight_scale[o] > 0.0f))
      throw OnnxError(what + ": weight scales must be finite and positive");
  }
  q.weights.resize(in * out);
  for (std::size_t o = 0; o < out; ++o)
    for (std::size_t i = 0; i < in; ++i) {
      // −128 is kept: the kernels multiply any int8 (Ember's quantizer itself uses −127 … 127, as TFLite does).
      q.weights[o * in + i] = static_cast<std::int8_t>(origin.q[weight_out_in ? o * in + i : i * out + o]);
    }
}

void set_int8_bias(const Tensor& bias, QuantizedDense& q, const std::string& what) {
  const std::size_t out = q.weight_scale.size();
  const QuantizedOrigin* origin = bias.quantized ? &*bias.quantized : nullptr;
  q.bias.resize(out);
  for (std::size_t o = 0; o < out; ++o) {
    const std::size_t at = bias.count() == 1 ? 0 : o;
    const double s_acc = static_cast<double>(q.input_scale) * static_cast<double>(q.weight_scale[o]);
    // The integers as stored when their scale is the accumulator's (within float rounding of the product).
    if (origin != nullptr && origin->elem_type == onnx::TensorProto::INT32 && origin->zero_point[0] == 0 &&
        std::fabs(origin->scale[origin->scale.size() == 1 ? 0 : o] - s_acc) <= 1e-6 * s_acc) {
      q.bias[o] = static_cast<std::int32_t>(origin->q[at]);
      continue;
    }
    const double b = std::round(bias.values[at] / s_acc);
    if (!(std::fabs(b) <= 2147483647.0)) throw OnnxError(what + ": the bias does not fit int32 at its scale");
    q.bias[o] = static_cast<std::int32_t>(b);
  }
}

namespace {
// "multiplier:shift,..." with one pair per channel, each a valid requantization within 1e-6 of `real`; else
// empty (the caller computes the pairs from the scales).
std::vector<QuantizedMultiplier> parse_stored(const std::string& text, const std::vector<double>& real) {
  std::vector<QuantizedMultiplier> pairs;
  const char* p = text.c_str();
  while (*p != '\0' && pairs.size() < real.size()) {
    char* end = nullptr;
    const long long m = std::strtoll(p, &end, 10);
    if (end == p || *end != ':') return {};
    p = end + 1;
    const long long sh = std::strtoll(p, &end, 10);
    if (end == p || (*end != ',' && *end != '\0')) return {};
    p = *end == ',' ? end + 1 : end;
    if (m < (1LL << 30) || m > 2147483647LL || sh < -31 || sh > 30) return {};
    const QuantizedMultiplier pair{static_cast<std::int32_t>(m), static_cast<std::int32_t>(sh)};
    if (std::fabs(multiplier_value(pair) - real[pairs.size()]) > 1e-6 * real[pairs.size()]) return {};
    pairs.push_back(pair);
  }
  return *p == '\0' && pairs.size() == real.size() ? pairs : std::vector<QuantizedMultiplier>{};
}
}  // namespace

void set_int8_output(const ActivationQuantization& output, QuantizedDense& q, const std::string& what,
                     const std::string* stored) {
  q.output_scale = output.scale;
  q.output_zero_point = output.zero_point;
  const std::size_t out = q.weight_scale.size();
  std::vector<double> real(out);
  for (std::size_t o = 0; o < out; ++o)  // the quantizer's formula (exporters/src/quantize_dense.cpp)
    real[o] = static_cast<double>(q.input_scale) * static_cast<double>(q.weight_scale[o]) /
              static_cast<double>(q.output_scale);
  const std::vector<QuantizedMultiplier> pairs = stored ? parse_stored(*stored, real) : std::vector<QuantizedMultiplier>{};
  q.multiplier.resize(out);
  q.shift.resize(out);
  for (std::size_t o = 0; o < out; ++o) {
    QuantizedMultiplier m;
    if (!pairs.empty()) {
      m = pairs[o];
    } else {
      try {
        m = quantize_multiplier(real[o]);
      } catch (const std::invalid_argument& e) {
        throw OnnxError(what + ": output channel " + std::to_string(o) + ": " + e.what());
      }
    }
    q.multiplier[o] = m.multiplier;
    q.shift[o] = static_cast<std::int8_t>(m.shift);
  }
}

std::string requantization_metadata_key(std::size_t layer) {
  return "ember.layer" + std::to_string(layer) + ".requantization";
}

std::string requantization_metadata(const QuantizedDense& q) {
  std::string text;
  for (std::size_t o = 0; o < q.multiplier.size(); ++o)
    text += (o ? "," : "") + std::to_string(q.multiplier[o]) + ":" + std::to_string(q.shift[o]);
  return text;
}

}  // namespace ember::exporters::onnx_import_detail
