// Growth under the L-BFGS recipe (the trainer's default up to 20,000 training rows): the network is trained
// in stages of full-batch L-BFGS on the regularized training objective (mean loss + weight decay), and an
// architecture change is made when a stage has converged, i.e. when that objective has stopped falling.
// Growing against the recipe that trains the fixed networks keeps the comparison fair and avoids the noisy
// validation plateaus of small-batch Adam on small data sets (docs/morphogenesis.md). Private to trainer/src.
#ifndef EMBER_TRAINER_MORPH_LBFGS_GROWTH_HPP
#define EMBER_TRAINER_MORPH_LBFGS_GROWTH_HPP

#include "ember/trainer/growth.hpp"
#include "network.hpp"
#include "training_loops.hpp"

namespace ember::trainer {

// Leaves the best weights of the final architecture in `net`, fills run.result.history (one record per
// validation check, numbered by L-BFGS iteration), run.result.growth and epochs_run. `lbfgs` is the
// recipe for the data size (weight decay, history, validation interval).
void grow_with_lbfgs(Network& net, TrainingRun& run, const GrowthConfig& growth, const Recipe& lbfgs);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_MORPH_LBFGS_GROWTH_HPP
