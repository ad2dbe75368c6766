// The architecture changes of morphogenesis, on a network's layer parameters. Each one is applied the same
// way to every array shaped like the parameters (the weights, their moving average, Adam's moments), with
// `fill` saying what the new entries hold: the values that keep the function (`copy`) or zero (`zero`,
// fresh optimizer state). Private to trainer/src.
#ifndef EMBER_TRAINER_MORPH_OPS_HPP
#define EMBER_TRAINER_MORPH_OPS_HPP

#include <cstddef>
#include <vector>

#include "network.hpp"

namespace ember::trainer {

using Layers = std::vector<LayerParameters>;

enum class NewEntries { copy, zero };

// Neuron division (Net2WiderNet, Chen, Goodfellow and Shlens, 2016): hidden neuron `neuron` of layer
// `layer` gets a twin, appended as the layer's last neuron, with the same incoming weights and bias; the
// outgoing weights are shared, `share` to the original and 1 - share to the twin. The two neurons compute
// the same value, so any share keeps the function. With `zero`, the twin's entries are 0 and the
// original's are kept.
void divide_neuron(Layers& layers, std::size_t layer, std::size_t neuron, NewEntries fill, float share = 0.5f);

// A new hidden layer at index `position` (1 <= position < layers.size()), as wide as its input, with
// weights I and bias 0 (`copy`) or 0 (`zero`). ReLU(I h) = h for the h >= 0 a ReLU layer puts out, so with a
// ReLU hidden activation the function is unchanged.
void insert_identity_layer(Layers& layers, std::size_t position, NewEntries fill);

// Removes hidden neuron `neuron` of layer `layer`: its incoming row and bias, its outgoing column. Its
// average contribution is folded into the next layer's bias (b += w x `mean_output`), so a pruned neuron
// that was nearly constant costs nearly nothing; a dead neuron (mean 0) changes nothing.
void remove_neuron(Layers& layers, std::size_t layer, std::size_t neuron, float mean_output = 0.0f);

// Saliency of each neuron of hidden layer `layer`: the standard deviation of its output over the data
// (`deviation`, one per neuron) times the L2 norm of its outgoing weights. Once remove_neuron has folded
// the neuron's mean into the next bias, this is exactly the RMS error its removal adds to the next layer's
// pre-activations. A dead or constant neuron has saliency 0.
std::vector<double> neuron_saliency(const Layers& layers, std::size_t layer, const std::vector<double>& deviation);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_MORPH_OPS_HPP
