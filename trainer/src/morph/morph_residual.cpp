#include "morph/morph_residual.hpp"

#include <cmath>
#include <stdexcept>

namespace ember::trainer {

void insert_residual_layer(Layers& layers, std::size_t position, NewEntries) {
  if (position == 0 || position >= layers.size())
    throw std::invalid_argument("morph: a residual layer can only be inserted between two layers");
  const std::size_t width = layers[position - 1].bias.size();
  LayerParameters block{xt::xtensor<float, 2>::from_shape({width, width}), xt::xtensor<float, 1>::from_shape({width})};
  block.weights.fill(0.0f);
  block.bias.fill(0.0f);
  block.residual = true;
  layers.insert(layers.begin() + static_cast<std::ptrdiff_t>(position), std::move(block));
}

bool width_change_breaks_residual(const Layers& layers, std::size_t layer) {
  return (layer < layers.size() && layers[layer].residual) ||
         (layer + 1 < layers.size() && layers[layer + 1].residual);
}

std::size_t residual_stream_end(const Layers& layers, std::size_t layer) {
  std::size_t last = layer;
  while (last + 2 < layers.size() && layers[last + 1].residual) ++last;
  return last;
}

void divide_neuron_through_residuals(Layers& layers, std::size_t layer, std::size_t neuron, NewEntries fill,
                                     float share) {
  const std::size_t last = residual_stream_end(layers, layer);
  for (std::size_t k = layer; k <= last; ++k) divide_neuron(layers, k, neuron, fill, share);
}

bool residual_block_is_identity(Activation hidden) {
  return hidden == Activation::relu || hidden == Activation::tanh || hidden == Activation::identity;
}

void add_residual_block(GrowthState& state, std::size_t layer, double perturbation, Random& rng) {
  const std::size_t position = layer + 1;
  state.morph([&](Layers& layers, NewEntries fill) { insert_residual_layer(layers, position, fill); });
  if (perturbation <= 0) return;
  auto& w = state.net.parameters()[position].weights;
  const double sd = perturbation * std::sqrt(2.0 / static_cast<double>(w.shape()[1]));
  for (std::size_t i = 0; i < w.size(); ++i) w.data()[i] = static_cast<float>(sd * rng.normal());
}

}  // namespace ember::trainer
