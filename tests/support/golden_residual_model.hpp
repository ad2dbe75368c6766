// The model behind tests/data/golden_v2_residual.ember: blob format v2 with residual layers (the layer flag
// of docs/blob-format.md, "Residual layers"), [5 -> 8 relu -> 8 relu residual -> 8 tanh residual -> 3 identity],
// with the standardization of golden_v1. Integer formulas only (golden::pseudo), so the bytes can be rebuilt
// and reviewed.
#ifndef EMBER_TESTS_GOLDEN_RESIDUAL_MODEL_HPP
#define EMBER_TESTS_GOLDEN_RESIDUAL_MODEL_HPP

#include "golden_model.hpp"

namespace golden {

inline ember::exporters::ModelSpec residual_model() {
  using ember::Activation;
  ember::exporters::ModelSpec spec = model();
  spec.name = "golden-v2-residual";
  spec.layers.clear();
  const std::uint16_t widths[] = {5, 8, 8, 8, 3};
  const Activation activations[] = {Activation::relu, Activation::relu, Activation::tanh, Activation::identity};
  for (int k = 0; k < 4; ++k) {
    ember::exporters::DenseLayerSpec l;
    l.in_width = widths[k];
    l.out_width = widths[k + 1];
    l.activation = activations[k];
    l.residual = k == 1 || k == 2;
    for (int i = 0; i < l.in_width * l.out_width; ++i) l.weights.push_back(float(0.5 * pseudo(i, k + 30)));
    for (int o = 0; o < l.out_width; ++o) l.bias.push_back(float(0.1 * pseudo(o + 50, k + 37)));
    spec.layers.push_back(l);
  }
  return spec;
}

}  // namespace golden

#endif  // EMBER_TESTS_GOLDEN_RESIDUAL_MODEL_HPP
