#include "ember/export/model_spec.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "ember/blob_format.hpp"
#include "ember/model_name.hpp"

namespace ember::exporters {
namespace {
void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

void check_finite(const std::vector<float>& values, const std::string& what) {
  for (float v : values) require(std::isfinite(v), what + " holds a non-finite value");
}

// The int8 form of a layer, with the limits the runtime checks at load (docs/blob-format.md, dense int8).
void check_int8(const DenseLayerSpec& l, const std::string& where) {
  const QuantizedDense& q = *l.int8;
  const std::size_t out = l.out_width;
  require(l.activation == Activation::identity || l.activation == Activation::relu,
          where + " is int8 with activation " + activation_name(l.activation) + "; int8 layers take identity or relu");
  require(q.weights.size() == static_cast<std::size_t>(l.in_width) * out,
          where + " int8 weights have " + std::to_string(q.weights.size()) + " values, expected " +
              std::to_string(static_cast<std::size_t>(l.in_width) * out));
  require(q.bias.size() == out,
          where + " int8 bias has " + std::to_string(q.bias.size()) + " values, expected " + std::to_string(out));
  auto is_scale = [](float v) { return std::isfinite(v) && v > 0.0f; };
  auto is_zero_point = [](std::int32_t z) { return z >= -128 && z <= 127; };
  if (q.float_output) {  // layer kind 4: no output tensor format, one dequantization scale per output
    require(!q.int16_input, where + " has an int16 input and a float32 output; a layer has at most one of them");
    require(q.output_scale == 0.0f && q.output_zero_point == 0,
            where + " has a float32 output, so its output scale and zero point must be 0");
    require(q.accumulator_scale.size() == out, where + " needs one accumulator scale per output (" +
                                                   std::to_string(out) + ")");
    for (float v : q.accumulator_scale)
      require(is_scale(v), where + " has an accumulator scale that is not finite and > 0");
    require(is_scale(q.input_scale), where + " has an int8 input scale that is not finite and > 0");
    require(is_zero_point(q.input_zero_point), where + " has an int8 zero point outside -128..127");
    return;
  }
  require(q.multiplier.size() == out && q.shift.size() == out,
          where + " needs one requantization multiplier and shift per output (" + std::to_string(out) + ")");
  require(is_scale(q.input_scale) && is_scale(q.output_scale), where + " has an int8 scale that is not finite and > 0");
  require(is_zero_point(q.input_zero_point) && is_zero_point(q.output_zero_point),
          where + " has an int8 zero point outside -128..127");
  require(!q.int16_input || q.input_zero_point == 0, where + " has an int16 input with a zero point other than 0");
  for (std::size_t o = 0; o < out; ++o) {
    require(q.multiplier[o] >= blob::kMinMultiplier, where + " output " + std::to_string(o) + ": multiplier " +
                                                         std::to_string(q.multiplier[o]) +
                                                         " is outside [2^30, 2^31 - 1]");
    require(q.shift[o] >= blob::kMinShift && q.shift[o] <= blob::kMaxShift,
            where + " output " + std::to_string(o) + ": shift " + std::to_string(q.shift[o]) + " is outside -31..30");
  }
}

void check_standardization(const std::vector<float>& mean, const std::vector<float>& scale, std::size_t width,
                           const std::string& side) {
  require(mean.empty() || mean.size() == width,
          side + "_mean has " + std::to_string(mean.size()) + " values, expected " + std::to_string(width));
  require(scale.empty() || scale.size() == width,
          side + "_scale has " + std::to_string(scale.size()) + " values, expected " + std::to_string(width));
  check_finite(mean, side + "_mean");
  check_finite(scale, side + "_scale");
  for (float s : scale) require(s != 0.0f, side + "_scale holds a zero");
}
}  // namespace

std::size_t ModelSpec::parameter_count() const {
  std::size_t n = 0;
  for (const auto& l : layers) n += static_cast<std::size_t>(l.in_width) * l.out_width + l.out_width;
  return n;
}

void validate(const ModelSpec& spec) {
  require(!spec.layers.empty(), "model has no layers");
  require(spec.layers.size() <= 32, "model has more than 32 layers");
  require(spec.name.size() <= 31, "model name is longer than 31 bytes");
  require(is_printable_utf8(reinterpret_cast<const std::uint8_t*>(spec.name.data()), spec.name.size()),
          "model name must be printable UTF-8 without control characters");
  for (std::size_t k = 0; k < spec.layers.size(); ++k) {
    const auto& l = spec.layers[k];
    const std::string where = "layer " + std::to_string(k);
    require(l.in_width > 0 && l.out_width > 0, where + " has a zero width");
    if (k > 0 && l.in_width != spec.layers[k - 1].out_width)
      throw std::invalid_argument(where + " takes " + std::to_string(l.in_width) + " inputs but layer " +
                                  std::to_string(k - 1) + " gives " + std::to_string(spec.layers[k - 1].out_width));
    require(!l.residual || l.in_width == l.out_width,
            where + " is residual (its output adds its input) but takes " + std::to_string(l.in_width) +
                " inputs for " + std::to_string(l.out_width) + " outputs");
    require(!l.residual || !l.is_int8(), where + " is residual and int8; residual layers are float32 only");
    if (l.is_int8()) {
      check_int8(l, where);
      require(!l.int8->int16_input || k == 0, where + " has an int16 input: only layer 0 may (the model input)");
      require(!l.int8->float_output || k + 1 == spec.layers.size(),
              where + " has a float32 output from int8 (layer kind 4): only the last layer may");
      // Two int8 layers in a row share one tensor: the runtime passes codes through unchanged.
      if (k > 0 && spec.layers[k - 1].is_int8()) {
        const QuantizedDense& a = *spec.layers[k - 1].int8;
        const QuantizedDense& b = *l.int8;
        require(std::memcmp(&a.output_scale, &b.input_scale, sizeof(float)) == 0 &&
                    a.output_zero_point == b.input_zero_point,
                where + " takes its int8 input with another scale or zero point than layer " + std::to_string(k - 1) +
                    " gives");
      }
      // Float weights may be kept beside the int8 form (they are not written); if present they must fit.
      if (l.weights.empty() && l.bias.empty()) continue;
    }
    require(l.weights.size() == static_cast<std::size_t>(l.in_width) * l.out_width,
            where + " weights have " + std::to_string(l.weights.size()) + " values, expected " +
                std::to_string(static_cast<std::size_t>(l.in_width) * l.out_width));
    require(l.bias.size() == l.out_width,
            where + " bias has " + std::to_string(l.bias.size()) + " values, expected " + std::to_string(l.out_width));
    require(is_known_activation(static_cast<std::uint8_t>(l.activation)), where + " has an unknown activation");
    check_finite(l.weights, where + " weights");
    check_finite(l.bias, where + " bias");
  }
  check_standardization(spec.input_mean, spec.input_scale, spec.input_width(), "input");
  check_standardization(spec.output_mean, spec.output_scale, spec.output_width(), "output");
}

}  // namespace ember::exporters
