#include "ember/analysis/forward.hpp"

namespace ember::analysis {

std::vector<float> forward_from(const Model& model, std::uint16_t first_layer, const std::vector<float>& inputs,
                                std::size_t samples) {
  std::vector<float> current = inputs, next;
  for (std::uint16_t l = first_layer; l < model.layer_count(); ++l) {
    const LayerView layer = model.layer(l);
    next.assign(samples * layer.out_width, 0.0f);
    for (std::size_t s = 0; s < samples; ++s) {
      const float* x = current.data() + s * layer.in_width;
      float* y = next.data() + s * layer.out_width;
      for (std::uint16_t o = 0; o < layer.out_width; ++o) {
        const float* w = layer.weights + static_cast<std::size_t>(o) * layer.in_width;
        float sum = layer.bias[o];
        for (std::uint16_t i = 0; i < layer.in_width; ++i) sum += w[i] * x[i];
        y[o] = sum;
      }
      apply_activation(layer.activation, y, layer.out_width);
    }
    current.swap(next);
  }
  return current;
}

}  // namespace ember::analysis
