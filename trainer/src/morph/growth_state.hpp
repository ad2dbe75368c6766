// Everything an architecture change must reshape together: the network, the weight average that
// validation and export use, and Adam's moments. Old weights keep their optimizer state, new ones start
// from zero moments. Private to trainer/src.
#ifndef EMBER_TRAINER_MORPH_GROWTH_STATE_HPP
#define EMBER_TRAINER_MORPH_GROWTH_STATE_HPP

#include <cstddef>
#include <functional>
#include <vector>

#include "ember/trainer/data_split.hpp"
#include "morph/morph_ops.hpp"
#include "network.hpp"
#include "random.hpp"

namespace ember::trainer {

// The hidden widths of `net` (without its input and output), and its weights and biases counted.
std::vector<std::size_t> hidden_widths(const Network& net);
std::size_t parameter_count(const Network& net);

struct GrowthState {
  Network& net;
  Adam adam;
  Layers average;  // equals net.parameters() when averaging is off

  std::vector<std::size_t> hidden() const;
  std::size_t parameters() const;
  // Applies `op` to the weights and the average (NewEntries::copy) and to the moments (NewEntries::zero),
  // then rebuilds the network around the new weights.
  void morph(const std::function<void(Layers&, NewEntries)>& op);
};

// Divides `neurons` of hidden layer `layer` (each once, and through the residual blocks after it), sharing
// each outgoing weight 1/2 ± jitter and adding N(0, perturbation x RMS of the row) to each twin's incoming
// weights (the live weights only: the average stays exactly function-preserving). jitter = perturbation = 0 keeps the function.
void divide_neurons(GrowthState& state, std::size_t layer, const std::vector<std::size_t>& neurons, double jitter,
                    double perturbation, Random& rng);

// Per hidden layer and neuron, over the first `max_rows` rows of a split, with `weights` loaded (the
// network's own are put back afterwards): the mean output, the mean magnitude of the output and its standard deviation. A neuron
// whose mean magnitude is 0 is dead on those rows.
struct NeuronStatistics {
  std::vector<std::vector<double>> mean, magnitude, deviation;  // deviation: standard deviation over the rows
};
NeuronStatistics neuron_statistics(Network& net, const Layers& weights, const SplitRows& rows, std::size_t max_rows);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_MORPH_GROWTH_STATE_HPP
