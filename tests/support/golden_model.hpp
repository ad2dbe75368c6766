// The model behind tests/data/golden_v1.ember: fixed, formula-made weights so the file can be rebuilt and
// reviewed. [5 -> 8 relu -> 6 tanh -> 4 sigmoid -> 3 identity], with non-trivial standardization on both ends.
#ifndef EMBER_TESTS_GOLDEN_MODEL_HPP
#define EMBER_TESTS_GOLDEN_MODEL_HPP

#include "ember/export/model_spec.hpp"

namespace golden {

// A value in [-1, 1] from integers alone, so the golden bytes do not depend on any libm.
inline double pseudo(long a, long b) { return double((a * 7919 + b * 104729 + 13) % 2001 - 1000) / 1000.0; }

inline ember::exporters::ModelSpec model() {
  using ember::Activation;
  ember::exporters::ModelSpec spec;
  spec.name = "golden-v1";
  const std::uint16_t widths[] = {5, 8, 6, 4, 3};
  const Activation activations[] = {Activation::relu, Activation::tanh, Activation::sigmoid, Activation::identity};
  for (int k = 0; k < 4; ++k) {
    ember::exporters::DenseLayerSpec l;
    l.in_width = widths[k];
    l.out_width = widths[k + 1];
    l.activation = activations[k];
    for (int i = 0; i < l.in_width * l.out_width; ++i) l.weights.push_back(float(0.6 * pseudo(i, k)));
    for (int o = 0; o < l.out_width; ++o) l.bias.push_back(float(0.1 * pseudo(o + 50, k + 7)));
    spec.layers.push_back(l);
  }
  spec.input_mean = {0.5f, -1.0f, 2.0f, 0.0f, 0.25f};
  spec.input_scale = {2.0f, 0.5f, 1.5f, 1.0f, 4.0f};
  spec.output_mean = {10.0f, -3.0f, 0.5f};
  spec.output_scale = {3.0f, 0.25f, 1.0f};
  return spec;
}

// Input row r, feature i: deterministic values that exercise both sides of every relu.
inline double input(int r, int i) { return 2.0 * pseudo(r + 100, i + 3) + 0.3 * i; }
constexpr int kRows = 8;

}  // namespace golden

#endif  // EMBER_TESTS_GOLDEN_MODEL_HPP
