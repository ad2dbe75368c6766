// The random networks of the quantization tests: dense layers of the given widths, ReLU except the last
// (identity), He-scaled weights N(0, 2 / in_width) and biases 0.1 times such a draw, drawn layer by layer
// (weights row by row, then biases) from the caller's generator, which the caller may keep drawing from.
#ifndef EMBER_TESTS_RANDOM_RELU_LAYERS_HPP
#define EMBER_TESTS_RANDOM_RELU_LAYERS_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "ember/export/model_spec.hpp"

namespace testing_support {

inline void add_random_relu_layers(ember::exporters::ModelSpec& model, const std::vector<std::uint16_t>& widths,
                                   std::mt19937_64& rng) {
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
    ember::exporters::DenseLayerSpec l;
    l.in_width = widths[k];
    l.out_width = widths[k + 1];
    l.activation = k + 2 == widths.size() ? ember::Activation::identity : ember::Activation::relu;
    std::normal_distribution<float> w(0.0f, std::sqrt(2.0f / static_cast<float>(l.in_width)));
    for (std::size_t i = 0; i < std::size_t{l.in_width} * l.out_width; ++i) l.weights.push_back(w(rng));
    for (std::size_t o = 0; o < l.out_width; ++o) l.bias.push_back(0.1f * w(rng));
    model.layers.push_back(l);
  }
}

}  // namespace testing_support

#endif  // EMBER_TESTS_RANDOM_RELU_LAYERS_HPP
