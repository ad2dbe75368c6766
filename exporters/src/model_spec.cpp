#include "ember/export/model_spec.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ember::exporters {
namespace {
void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

void check_finite(const std::vector<float>& values, const std::string& what) {
  for (float v : values) require(std::isfinite(v), what + " holds a non-finite value");
}

void check_standardization(const std::vector<float>& mean, const std::vector<float>& scale, std::size_t width,
                           const std::string& side) {
  require(mean.empty() || mean.size() == width, side + "_mean has " + std::to_string(mean.size()) +
                                                    " values, expected " + std::to_string(width));
  require(scale.empty() || scale.size() == width, side + "_scale has " + std::to_string(scale.size()) +
                                                      " values, expected " + std::to_string(width));
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
  require(spec.name.find('\0') == std::string::npos, "model name holds a NUL byte");
  for (std::size_t k = 0; k < spec.layers.size(); ++k) {
    const auto& l = spec.layers[k];
    const std::string where = "layer " + std::to_string(k);
    require(l.in_width > 0 && l.out_width > 0, where + " has a zero width");
    if (k > 0 && l.in_width != spec.layers[k - 1].out_width)
      throw std::invalid_argument(where + " takes " + std::to_string(l.in_width) + " inputs but layer " +
                                  std::to_string(k - 1) + " gives " + std::to_string(spec.layers[k - 1].out_width));
    require(l.weights.size() == static_cast<std::size_t>(l.in_width) * l.out_width,
            where + " weights have " + std::to_string(l.weights.size()) + " values, expected " +
                std::to_string(static_cast<std::size_t>(l.in_width) * l.out_width));
    require(l.bias.size() == l.out_width, where + " bias has " + std::to_string(l.bias.size()) +
                                              " values, expected " + std::to_string(l.out_width));
    require(is_known_activation(static_cast<std::uint8_t>(l.activation)), where + " has an unknown activation");
    check_finite(l.weights, where + " weights");
    check_finite(l.bias, where + " bias");
  }
  check_standardization(spec.input_mean, spec.input_scale, spec.input_width(), "input");
  check_standardization(spec.output_mean, spec.output_scale, spec.output_width(), "output");
}

}  // namespace ember::exporters
