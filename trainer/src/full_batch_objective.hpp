// The training objective over the first `row_count` training rows at once (all of them, or the random half
// of L-BFGS's warm start: the split is shuffled), as L-BFGS needs it: the mean loss plus
// weight_decay x (sum of the squared weights; biases are not penalized), and its gradient, both in float64.
// The forward and backward passes are the network's own batched float32 passes, in chunks of at most
// Network::max_rows() rows; what is summed across rows and chunks is summed in float64.
#ifndef EMBER_TRAINER_FULL_BATCH_OBJECTIVE_HPP
#define EMBER_TRAINER_FULL_BATCH_OBJECTIVE_HPP

#include <cstddef>
#include <vector>

#include "ember/trainer/data_split.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::trainer {

class Network;

class FullBatchObjective {
 public:
  FullBatchObjective(Network& network, const SplitRows& rows, std::size_t row_count, Task task, double weight_decay);

  // Loads x into the network (rounded to float32), runs every row forward and backward, writes the
  // gradient and returns the objective.
  double operator()(const std::vector<double>& x, std::vector<double>& gradient);
  // weight_decay x the sum of the squared weights in x: the objective minus the mean loss.
  double penalty(const std::vector<double>& x) const;

  // The network's parameters as one vector (per layer: weights row-major, then bias), and back.
  std::vector<double> parameters() const;
  void load(const std::vector<double>& x);

 private:
  Network& network_;
  const SplitRows& rows_;
  std::size_t row_count_;
  Task task_;
  double weight_decay_;
};

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_FULL_BATCH_OBJECTIVE_HPP
