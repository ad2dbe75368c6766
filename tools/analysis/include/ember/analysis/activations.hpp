// Per-layer activations of a model over a stream of input rows, recorded through Model::set_observer.
#ifndef EMBER_ANALYSIS_ACTIVATIONS_HPP
#define EMBER_ANALYSIS_ACTIVATIONS_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/model.hpp"

namespace ember::analysis {

struct LayerActivations {
  std::uint16_t layer = 0;     // index in the model
  std::uint16_t width = 0;     // neurons
  std::vector<float> values;   // samples x width, row-major: sample t is the t-th point of every time series

  float at(std::size_t sample, std::size_t neuron) const { return values[sample * width + neuron]; }
};

struct Activations {
  std::size_t samples = 0;
  std::vector<LayerActivations> hidden;  // every layer but the last
  std::uint16_t output_width = 0;
  std::vector<float> outputs;  // samples x output_width, as Model::run returns them

  std::size_t hidden_neurons() const;
};

// Runs every row of `inputs` (rows x model.input_width(), original units) through `model` and keeps the
// output of each hidden layer. Throws std::runtime_error for a model without a hidden layer.
Activations record_activations(Model& model, const std::vector<float>& inputs);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_ACTIVATIONS_HPP
