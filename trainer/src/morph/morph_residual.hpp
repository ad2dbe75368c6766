// Connection growth by a residual block: a new hidden layer y = x + act(W x + b), as wide as the layer
// before it, with W = 0 and b = 0 so that it is exactly the identity (act(0) = 0 for ReLU, tanh and
// identity), whatever the hidden activation; then a small perturbation of W in the live weights so that the
// block can learn (with ReLU and W = 0 no gradient reaches W). The blob carries it as a residual layer
// (docs/blob-format.md, "Residual layers"); docs/morphogenesis.md, "Residual addition". Private to
// trainer/src.
#ifndef EMBER_TRAINER_MORPH_RESIDUAL_HPP
#define EMBER_TRAINER_MORPH_RESIDUAL_HPP

#include <cstddef>

#include "morph/growth_state.hpp"
#include "morph/morph_ops.hpp"
#include "random.hpp"

namespace ember::trainer {

// A residual layer at index `position` (1 <= position < layers.size()), as wide as its input, W = 0 and
// b = 0 (with `copy` as with `zero`: the block that keeps the function is all zeros).
void insert_residual_layer(Layers& layers, std::size_t position, NewEntries fill);

// Whether changing the width of hidden layer `layer` alone (removing its neurons) would break a residual
// layer's in == out: the layer itself or the one after it is residual.
bool width_change_breaks_residual(const Layers& layers, std::size_t layer);

// The last layer of the residual stream that hidden layer `layer` starts: `layer` itself when no residual
// layer follows it, else the last of the residual layers right after it. They all have its width.
std::size_t residual_stream_end(const Layers& layers, std::size_t layer);

// Neuron division through a residual stream: divide_neuron on `layer` and on each residual layer after it,
// with the same share. The twin of a residual layer's input neuron gets a twin output neuron (its row
// copied after the column split), so each block still maps its stream to itself and every twin equals its
// original: the function is kept, and every block keeps in == out. Without residual layers after `layer`,
// exactly divide_neuron.
void divide_neuron_through_residuals(Layers& layers, std::size_t layer, std::size_t neuron, NewEntries fill,
                                     float share);

// Whether the activation keeps a zero-initialized residual block the identity: act(0) = 0.
bool residual_block_is_identity(Activation hidden);

// The growth event: a residual layer after hidden layer `layer` (at network index layer + 1), then
// N(0, (perturbation x sqrt(2 / width))^2) added to its live weights (not the average, which stays the
// exact identity). perturbation = 0 keeps the function.
void add_residual_block(GrowthState& state, std::size_t layer, double perturbation, Random& rng);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_MORPH_RESIDUAL_HPP
