// Full-batch L-BFGS on the training objective (mean loss + weight decay), validation every
// `validation_interval` iterations, early stopping on the validation loss with the best weights restored.
// With a warm start, the first iterations minimize the objective on half the training rows (half the cost
// per iteration), then L-BFGS starts over from that point, with an empty history, on all of them.
#include <algorithm>

#include "full_batch_objective.hpp"
#include "lbfgs.hpp"
#include "training_loops.hpp"

namespace ember::trainer {
namespace {

// Runs L-BFGS from the network's parameters on the first `rows` training rows until iteration `last`
// (counting on from `iteration`), checking validation on the way. Leaves the last point in the network and
// returns true when training should stop: early stopping, or no progress on all the rows.
bool run_phase(Network& net, TrainingRun& run, EarlyStopping& stopping, std::size_t rows, std::size_t last,
               std::size_t& iteration) {
  const Recipe& recipe = run.recipe;
  FullBatchObjective objective(net, run.split.train, rows, run.task, recipe.weight_decay);
  LbfgsSettings settings;
  settings.history = recipe.history;
  Lbfgs lbfgs([&objective](const std::vector<double>& x, std::vector<double>& g) { return objective(x, g); },
              objective.parameters(), settings);
  const std::size_t interval = std::max<std::size_t>(recipe.validation_interval, 1);
  const bool all_rows = rows >= run.split.train.rows;
  while (iteration < last) {
    ++iteration;
    const bool progressed = lbfgs.iterate();
    if (!progressed || iteration % interval == 0 || iteration == recipe.max_epochs) {
      objective.load(lbfgs.x());
      // The recorded training loss is the mean loss alone (on this phase's rows), comparable with the
      // validation loss.
      const double train_loss = lbfgs.value() - objective.penalty(lbfgs.x());
      if (stopping.check(iteration, train_loss, net)) return true;
    }
    if (!progressed) break;
  }
  objective.load(lbfgs.x());
  return all_rows;
}

}  // namespace

void train_with_lbfgs(Network& net, TrainingRun& run) {
  const Recipe& recipe = run.recipe;
  EarlyStopping stopping(run, net);
  std::size_t iteration = 0;
  const std::size_t rows = run.split.train.rows;
  const std::size_t warm = std::min(recipe.warm_start_iterations, recipe.max_epochs);
  const bool stopped = warm > 0 && rows > 1 && run_phase(net, run, stopping, rows / 2, warm, iteration);
  if (!stopped) run_phase(net, run, stopping, rows, recipe.max_epochs, iteration);
  net.parameters() = stopping.best();
}

}  // namespace ember::trainer
