// A host-side forward pass from any layer on, reading the weights where the blob keeps them (LayerView),
// for occlusion: zero some neurons of a hidden layer's output and re-run the layers after it.
#ifndef EMBER_ANALYSIS_FORWARD_HPP
#define EMBER_ANALYSIS_FORWARD_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/model.hpp"

namespace ember::analysis {

// `inputs`: samples x model.layer(first_layer).in_width. Returns samples x output_width: the last layer's
// activations before the output de-standardization (probabilities for a softmax classifier).
std::vector<float> forward_from(const Model& model, std::uint16_t first_layer, const std::vector<float>& inputs,
                                std::size_t samples);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_FORWARD_HPP
