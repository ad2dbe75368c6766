// Full-batch L-BFGS on the training objective (mean loss + weight decay), validation every
// `validation_interval` iterations, early stopping on the validation loss with the best weights restored.
#include <algorithm>

#include "full_batch_objective.hpp"
#include "lbfgs.hpp"
#include "training_loops.hpp"

namespace ember::trainer {

void train_with_lbfgs(Network& net, TrainingRun& run) {
  const Recipe& recipe = run.recipe;
  FullBatchObjective objective(net, run.split.train, run.task, recipe.weight_decay);
  LbfgsSettings settings;
  settings.history = recipe.history;
  Lbfgs lbfgs([&objective](const std::vector<double>& x, std::vector<double>& g) { return objective(x, g); },
              objective.parameters(), settings);
  EarlyStopping stopping(run, net);
  const std::size_t interval = std::max<std::size_t>(recipe.validation_interval, 1);
  for (std::size_t iteration = 1; iteration <= recipe.max_epochs; ++iteration) {
    const bool progressed = lbfgs.iterate();
    if (!progressed || iteration % interval == 0 || iteration == recipe.max_epochs) {
      objective.load(lbfgs.x());
      // The recorded training loss is the mean loss alone, comparable with the validation loss.
      const double train_loss = lbfgs.value() - objective.penalty(lbfgs.x());
      if (stopping.check(iteration, train_loss, net)) break;
    }
    if (!progressed) break;
  }
  net.parameters() = stopping.best();
}

}  // namespace ember::trainer
