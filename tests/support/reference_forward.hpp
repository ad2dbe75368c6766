// A double-precision forward pass written straight from docs/blob-format.md, independent of the runtime's
// kernels: the yardstick for runtime numerics.
#ifndef EMBER_TESTS_REFERENCE_FORWARD_HPP
#define EMBER_TESTS_REFERENCE_FORWARD_HPP

#include <algorithm>
#include <cmath>
#include <vector>

#include "ember/export/model_spec.hpp"

namespace reference {

inline std::vector<double> forward(const ember::exporters::ModelSpec& spec, const std::vector<double>& input) {
  std::vector<double> x(input.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double mean = spec.input_mean.empty() ? 0.0 : spec.input_mean[i];
    const double scale = spec.input_scale.empty() ? 1.0 : spec.input_scale[i];
    x[i] = (input[i] - mean) / scale;
  }
  for (const auto& l : spec.layers) {
    std::vector<double> y(l.out_width);
    for (std::size_t o = 0; o < l.out_width; ++o) {
      double acc = l.bias[o];
      for (std::size_t i = 0; i < l.in_width; ++i) acc += double(l.weights[o * l.in_width + i]) * x[i];
      y[o] = acc;
    }
    switch (l.activation) {
      case ember::Activation::identity: break;
      case ember::Activation::relu: for (auto& v : y) v = std::max(v, 0.0); break;
      case ember::Activation::tanh: for (auto& v : y) v = std::tanh(v); break;
      case ember::Activation::sigmoid: for (auto& v : y) v = 1.0 / (1.0 + std::exp(-v)); break;
      case ember::Activation::softmax: {
        const double m = *std::max_element(y.begin(), y.end());
        double sum = 0;
        for (auto& v : y) sum += (v = std::exp(v - m));
        for (auto& v : y) v /= sum;
        break;
      }
    }
    if (l.residual)  // y = x + act(W x + b) (docs/blob-format.md, Residual layers)
      for (std::size_t o = 0; o < l.out_width; ++o) y[o] += x[o];
    x = std::move(y);
  }
  for (std::size_t j = 0; j < x.size(); ++j) {
    const double mean = spec.output_mean.empty() ? 0.0 : spec.output_mean[j];
    const double scale = spec.output_scale.empty() ? 1.0 : spec.output_scale[j];
    x[j] = x[j] * scale + mean;
  }
  return x;
}

}  // namespace reference

#endif  // EMBER_TESTS_REFERENCE_FORWARD_HPP
