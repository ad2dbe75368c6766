#include "morph/morph_ops.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ember::trainer {
namespace {

void check_hidden(const Layers& layers, std::size_t layer, std::size_t neuron) {
  if (layer + 1 >= layers.size()) throw std::invalid_argument("morph: layer " + std::to_string(layer) + " is not hidden");
  if (neuron >= layers[layer].bias.size())
    throw std::invalid_argument("morph: layer " + std::to_string(layer) + " has no neuron " + std::to_string(neuron));
}

}  // namespace

void divide_neuron(Layers& layers, std::size_t layer, std::size_t neuron, NewEntries fill, float share) {
  check_hidden(layers, layer, neuron);
  LayerParameters& in = layers[layer];
  LayerParameters& out = layers[layer + 1];
  const std::size_t width = in.bias.size(), fan_in = in.weights.shape()[1], next = out.weights.shape()[0];
  const bool copy = fill == NewEntries::copy;

  auto weights = xt::xtensor<float, 2>::from_shape({width + 1, fan_in});
  auto bias = xt::xtensor<float, 1>::from_shape({width + 1});
  for (std::size_t j = 0; j < width; ++j) {
    for (std::size_t i = 0; i < fan_in; ++i) weights(j, i) = in.weights(j, i);
    bias(j) = in.bias(j);
  }
  for (std::size_t i = 0; i < fan_in; ++i) weights(width, i) = copy ? in.weights(neuron, i) : 0.0f;
  bias(width) = copy ? in.bias(neuron) : 0.0f;

  auto outgoing = xt::xtensor<float, 2>::from_shape({next, width + 1});
  for (std::size_t o = 0; o < next; ++o) {
    for (std::size_t j = 0; j < width; ++j) outgoing(o, j) = out.weights(o, j);
    const float w = out.weights(o, neuron);
    if (copy) {
      outgoing(o, neuron) = share * w;
      outgoing(o, width) = (1.0f - share) * w;
    } else {
      outgoing(o, width) = 0.0f;
    }
  }
  in.weights = std::move(weights);
  in.bias = std::move(bias);
  out.weights = std::move(outgoing);
}

void insert_identity_layer(Layers& layers, std::size_t position, NewEntries fill) {
  if (position == 0 || position >= layers.size())
    throw std::invalid_argument("morph: a layer can only be inserted between two layers");
  const std::size_t width = layers[position - 1].bias.size();
  LayerParameters identity{xt::xtensor<float, 2>::from_shape({width, width}), xt::xtensor<float, 1>::from_shape({width})};
  identity.weights.fill(0.0f);
  identity.bias.fill(0.0f);
  if (fill == NewEntries::copy)
    for (std::size_t j = 0; j < width; ++j) identity.weights(j, j) = 1.0f;
  layers.insert(layers.begin() + static_cast<std::ptrdiff_t>(position), std::move(identity));
}

void remove_neuron(Layers& layers, std::size_t layer, std::size_t neuron, float mean_output) {
  check_hidden(layers, layer, neuron);
  LayerParameters& in = layers[layer];
  LayerParameters& out = layers[layer + 1];
  const std::size_t width = in.bias.size(), fan_in = in.weights.shape()[1], next = out.weights.shape()[0];
  if (width == 1) throw std::invalid_argument("morph: a hidden layer keeps at least one neuron");
  auto weights = xt::xtensor<float, 2>::from_shape({width - 1, fan_in});
  auto bias = xt::xtensor<float, 1>::from_shape({width - 1});
  auto outgoing = xt::xtensor<float, 2>::from_shape({next, width - 1});
  for (std::size_t j = 0, kept = 0; j < width; ++j) {
    if (j == neuron) continue;
    for (std::size_t i = 0; i < fan_in; ++i) weights(kept, i) = in.weights(j, i);
    bias(kept) = in.bias(j);
    for (std::size_t o = 0; o < next; ++o) outgoing(o, kept) = out.weights(o, j);
    ++kept;
  }
  if (mean_output != 0.0f)
    for (std::size_t o = 0; o < next; ++o) out.bias(o) += out.weights(o, neuron) * mean_output;
  in.weights = std::move(weights);
  in.bias = std::move(bias);
  out.weights = std::move(outgoing);
}

std::vector<double> neuron_saliency(const Layers& layers, std::size_t layer, const std::vector<double>& deviation) {
  check_hidden(layers, layer, 0);
  const std::size_t width = layers[layer].bias.size(), next = layers[layer + 1].weights.shape()[0];
  if (deviation.size() != width) throw std::invalid_argument("morph: one deviation per neuron");
  std::vector<double> saliency(width, 0.0);
  for (std::size_t j = 0; j < width; ++j) {
    double outgoing = 0;
    for (std::size_t o = 0; o < next; ++o) {
      const double w = layers[layer + 1].weights(o, j);
      outgoing += w * w;
    }
    saliency[j] = deviation[j] * std::sqrt(outgoing);
  }
  return saliency;
}

}  // namespace ember::trainer
