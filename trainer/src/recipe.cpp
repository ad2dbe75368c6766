// The default recipe by training-set size. Small sets: full-batch L-BFGS with an L2 penalty that shrinks as
// the data grows (the penalty is a prior; more data needs less of it). Larger sets: small-batch Adam with
// a learning-rate schedule on plateaus and weight averaging, whose cost per epoch grows with the rows
// but needs fewer epochs. docs/trainer.md has the measurements behind each number.
#include <cmath>
#include <cstdio>
#include <string>

#include "ember/trainer/trainer.hpp"

namespace ember::trainer {
namespace {

// Up to this many training rows, L-BFGS.
constexpr std::size_t lbfgs_max_rows = 20000;
// The L-BFGS penalty is lbfgs_decay / sqrt(training rows): 1e-4 at 600 rows, 3.2e-5 at 6,000 (measured best
// near 1e-4 at 600 rows and 3e-5 at 6,000; docs/trainer.md).
constexpr double lbfgs_decay = 2.45e-3;
// Up to this many training rows an L-BFGS iteration is cheap: three attempts, each waiting 500 iterations
// for a better validation loss. Above, one attempt on a fixed budget of iterations (below).
constexpr std::size_t lbfgs_long_patience_rows = 4000;
// The budget above lbfgs_long_patience_rows: 650 iterations, the first 300 of them a warm start on half the
// training rows, with 100 curvature pairs. At 10K samples (6,000 training rows) that is about 0.9 s of CPU
// on this project's loaded machine; docs/trainer.md has the measurements (a warm start of 200 scored the
// same within the seeds' spread for 9 % more CPU, which left no margin under the 1 s goal).
constexpr std::size_t lbfgs_budget_iterations = 650;
constexpr std::size_t lbfgs_warm_start_iterations = 300;
constexpr std::size_t lbfgs_long_history = 100;

template <typename T>
void take(const std::optional<T>& given, T& field, const char* flag, std::string& overridden) {
  if (!given) return;
  field = *given;
  overridden += std::string(overridden.empty() ? "" : ", ") + flag;
}

}  // namespace

Recipe choose_recipe(const TrainConfig& config, std::size_t training_rows) {
  Recipe r;
  const bool small = training_rows <= lbfgs_max_rows;
  // Growth changes the architecture between Adam epochs (docs/morphogenesis.md).
  const Optimizer optimizer =
      config.optimizer.value_or(config.growth ? Optimizer::adam : small ? Optimizer::lbfgs : Optimizer::adam);
  char reason[200];
  if (config.optimizer) {
    std::snprintf(reason, sizeof reason, "--optimizer given");
  } else if (config.growth) {
    std::snprintf(reason, sizeof reason, "--grow: Adam epochs between architecture changes");
  } else {
    std::snprintf(reason, sizeof reason, "%zu training rows %s %zu", training_rows, small ? "<=" : ">",
                  lbfgs_max_rows);
  }
  r.reason = reason;
  r.optimizer = optimizer;
  if (optimizer == Optimizer::lbfgs) {
    r.name = "L-BFGS + weight decay";
    r.weight_decay = lbfgs_decay / std::sqrt(static_cast<double>(training_rows == 0 ? 1 : training_rows));
    r.validation_interval = 10;
    // Validation keeps improving slowly for hundreds of iterations; the long wait pays where an iteration
    // is cheap. Above lbfgs_long_patience_rows an iteration costs about 0.2 us per row (1.3 ms at 6,000
    // rows), and the run is a fixed budget instead: it stops at lbfgs_budget_iterations (patience never
    // ends it first), with the best checked weights restored.
    const bool cheap = training_rows <= lbfgs_long_patience_rows;
    r.patience = cheap ? 500 : lbfgs_budget_iterations;
    r.max_epochs = cheap ? 20000 : lbfgs_budget_iterations;
    // Where an attempt is cheap, three attempts from different initial weights, the best by validation.
    r.restarts = cheap ? 3 : 1;
    // With a budget, the curvature pairs decide how far it gets: 100 pairs against 20 gave a mean test R2
    // of 0.99765 against 0.99750 at 10K samples (seeds 11..30), for 1.9 MB more memory (stored in float32).
    // Small sets fit best with 20. The warm start does the first iterations at half the cost.
    r.history = cheap ? 20 : lbfgs_long_history;
    r.warm_start_iterations = cheap ? 0 : lbfgs_warm_start_iterations;
    // He initialization for the ReLU layers where the budget binds (0.99773 against 0.99767 over seeds
    // 1..10, equal over 11..30); Glorot everywhere for small sets, where it was measured best.
    r.init = cheap ? Init::xavier : Init::automatic;
  } else {
    r.name = "Adam, plateau schedule, weight averaging";
    r.weight_decay = 0;
    r.batch = 64;
    r.learning_rate = 1e-3;
    // Plateau schedule: x0.3 after 10 epochs without a better validation loss, stop after 30. On 100K
    // samples (seed 1) it gave test R2 0.99851 against 0.99849 without it, for 40 % more epochs.
    r.lr_patience = 10;
    r.lr_decay = 0.3;
    r.weight_average = 0.998;
    r.patience = 30;
    r.max_epochs = 1000;
  }
  std::string overridden;
  take(config.weight_decay, r.weight_decay, "--weight-decay", overridden);
  take(config.max_epochs, r.max_epochs, "--max-epochs", overridden);
  take(config.patience, r.patience, "--patience", overridden);
  take(config.learning_rate, r.learning_rate, "--lr", overridden);
  take(config.batch, r.batch, "--batch", overridden);
  take(config.lr_patience, r.lr_patience, "--lr-patience", overridden);
  take(config.lr_decay, r.lr_decay, "--lr-decay", overridden);
  take(config.weight_average, r.weight_average, "--average", overridden);
  take(config.history, r.history, "--lbfgs-history", overridden);
  take(config.validation_interval, r.validation_interval, "--validate-every", overridden);
  take(config.restarts, r.restarts, "--restarts", overridden);
  take(config.warm_start_iterations, r.warm_start_iterations, "--lbfgs-warm-start", overridden);
  take(config.init, r.init, "--init", overridden);
  if (!overridden.empty()) r.reason += "; set by flags: " + overridden;
  return r;
}

}  // namespace ember::trainer
