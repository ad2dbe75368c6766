// `ember train --grow`: Adam epochs on a network whose architecture changes at validation plateaus (neuron
// division, identity-layer insertion, then optional pruning), within the device budgets; then, when the
// recipe for the data size is L-BFGS, an L-BFGS finish on the final architecture. Private to trainer/src.
#ifndef EMBER_TRAINER_MORPH_GROWTH_TRAINING_HPP
#define EMBER_TRAINER_MORPH_GROWTH_TRAINING_HPP

#include "ember/trainer/growth.hpp"
#include "network.hpp"
#include "training_loops.hpp"

namespace ember::trainer {

// Throws std::invalid_argument for an unusable growth configuration or a seed that exceeds a budget.
void check_growth_config(const GrowthConfig& growth, const std::vector<std::size_t>& seed_widths,
                         Activation hidden, Activation output);

// Leaves the best weights of the final architecture in `net` and fills run.result.growth. With `finish`
// (an L-BFGS recipe), L-BFGS then continues from the grown weights; its iterations follow the growth
// epochs in the history, and its result is kept only if its validation loss is lower.
void train_with_growth(Network& net, TrainingRun& run, const GrowthConfig& growth, const Recipe* finish);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_MORPH_GROWTH_TRAINING_HPP
