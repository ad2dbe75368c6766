// The choices both growth loops (L-BFGS stages in lbfgs_growth.cpp, Adam epochs in growth_training.cpp)
// make the same way: whether an architecture fits the budgets, the gradient load of each neuron, the
// bottleneck order of the layers, which neurons a division takes, the layer and neurons a pruning trial
// removes, and the removal of dead neurons. The loops differ only in when they ask (after a stage, at a
// plateau) and in what they validate. docs/morphogenesis.md states the rules. Private to trainer/src.
#ifndef EMBER_TRAINER_MORPH_GROWTH_CHOICES_HPP
#define EMBER_TRAINER_MORPH_GROWTH_CHOICES_HPP

#include <cstddef>
#include <string>
#include <vector>

#include "ember/trainer/growth.hpp"
#include "morph/growth_state.hpp"
#include "network.hpp"

namespace ember::trainer {

// Per hidden layer and neuron.
using NeuronValues = std::vector<std::vector<double>>;

// "16,8" ("none" without hidden layers).
std::string widths_text(const std::vector<std::size_t>& hidden);

// Whether `net` with these hidden widths (same input, output and activations) is a blob the runtime takes
// and fits every budget.
bool fits_budget(const Network& net, const std::vector<std::size_t>& hidden, const GrowthBudget& budget);

// Zeroed loads, one per hidden neuron of `net`.
NeuronValues zero_load(const Network& net);
// Adds the squared gradient of each hidden neuron's incoming weights and bias (after net.backward) to its
// load.
void add_neuron_load(const Network& net, NeuronValues& load);
// The hidden layers, largest load per neuron first: the bottleneck order.
std::vector<std::size_t> bottleneck_order(const NeuronValues& load);

// The neurons a division of hidden layer `layer` takes: its live ones (magnitude > 0), most loaded first,
// as many as fit the budgets (the layer and the residual blocks after it widen together). Empty when the
// layer is a residual block (its stream grows from the layer that starts it) or no twin fits.
std::vector<std::size_t> division_neurons(const Network& net, std::size_t layer, const NeuronValues& load,
                                          const NeuronValues& magnitude, const GrowthBudget& budget);
// The `why` of a division: "gradient share per neuron 0.081 (65 % of the gradient, 8 neurons)".
std::string division_reason(const NeuronValues& load, std::size_t layer);

// An event about to change `net`: its hidden widths and parameters before, and `before`, the best
// validation loss so far.
MorphEvent begin_event(const Network& net, std::size_t epoch, MorphKind kind, std::size_t layer, double before);

// The hidden layer where removing `fraction` of the neurons saves most parameters (ties: the last), or
// hidden-layer count when none can lose a neuron.
std::size_t prune_layer(const Network& net, double fraction);
// The `fraction` least salient neurons of `layer` (saliency by `weights` and the output deviations), at
// least one neuron left, highest index first so that removing them in order keeps the others' indices.
std::vector<std::size_t> least_salient(const Layers& weights, std::size_t layer, const std::vector<double>& deviation,
                                       double fraction);
// Removes `neurons` (highest index first) of `layer`, each one's mean output folded into the next bias.
void remove_neurons(GrowthState& state, std::size_t layer, const std::vector<std::size_t>& neurons,
                    const std::vector<double>& mean);
// Removes every neuron whose magnitude is 0 (dead on the rows measured), one neuron left per layer, none
// where a residual block needs the width. Returns how many; `last_layer` gets the last layer touched.
std::size_t remove_dead_neurons(GrowthState& state, const NeuronValues& magnitude, std::size_t& last_layer);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_MORPH_GROWTH_CHOICES_HPP
