// The two optimizer loops behind trainer::train, and what they share: the split, the resolved recipe, the
// result they fill (history, epochs, best epoch) and the validation bookkeeping. Private to trainer/src.
#ifndef EMBER_TRAINER_TRAINING_LOOPS_HPP
#define EMBER_TRAINER_TRAINING_LOOPS_HPP

#include <chrono>
#include <cstddef>
#include <vector>

#include "ember/trainer/data_split.hpp"
#include "ember/trainer/trainer.hpp"
#include "network.hpp"

namespace ember::trainer {

// Rows per forward pass when scoring a whole split: bounds the buffers (1024 x widest layer floats) while
// keeping each gemm large enough to run near full speed.
constexpr std::size_t evaluation_rows = 1024;

// The network's raw outputs (standardized values, or probabilities) for every row of a split.
std::vector<float> network_outputs(Network& net, const SplitRows& split);
// Mean loss (MSE in standardized units, or cross-entropy) over a split, summed in float64.
double split_loss(Network& net, const SplitRows& split, Task task);
// Classification: the share of rows whose largest output is the label; -1 for regression.
double split_accuracy(Network& net, const SplitRows& split, Task task);

struct TrainingRun {
  const SplitData& split;
  Task task;
  const Recipe& recipe;
  const TrainConfig& config;
  TrainResult& result;
  std::chrono::steady_clock::time_point start;
};

// Keeps the weights with the lowest validation loss and decides when to stop (`patience` epochs or
// iterations after the best one).
class EarlyStopping {
 public:
  EarlyStopping(TrainingRun& run, const Network& net) : run_(run), best_(net.parameters()) {}
  // Records one validation check at `epoch` of the weights in `net`; returns true when training should stop.
  bool check(std::size_t epoch, double train_loss, Network& net);
  std::size_t since_best(std::size_t epoch) const { return epoch - run_.result.best_epoch; }
  const std::vector<LayerParameters>& best() const { return best_; }

 private:
  TrainingRun& run_;
  std::vector<LayerParameters> best_;
  double best_loss_ = 1.0 / 0.0;
};

// Each leaves the best weights (by validation loss) in `net`.
void train_with_adam(Network& net, TrainingRun& run);
void train_with_lbfgs(Network& net, TrainingRun& run);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_TRAINING_LOOPS_HPP
