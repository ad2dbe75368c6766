// Training an MLP on the host: data sets, configuration, and the result the exporters and reports use.
// This header stays free of xtensor so that the CLI, benchmarks and tests can include it cheaply; the
// xtensor + xtensor-blas code lives in trainer/src.
#ifndef EMBER_TRAINER_TRAINER_HPP
#define EMBER_TRAINER_TRAINER_HPP

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ember/activation.hpp"
#include "ember/export/model_spec.hpp"
#include "ember/trainer/growth.hpp"
#include "ember/trainer/metrics.hpp"

namespace ember::trainer {

enum class Task { regress, classify };

// Rows of features with their targets. Regression: y holds `outputs` values per row. Classification:
// y holds one class index (0..classes-1) per row, as a float.
struct Dataset {
  std::size_t rows = 0;
  std::size_t features = 0;
  std::size_t outputs = 1;
  std::size_t classes = 0;  // classification only
  Task task = Task::regress;
  std::vector<float> x;  // rows x features, row-major
  std::vector<float> y;  // rows x outputs (regression) or rows (classification)
  std::vector<std::string> feature_names;
  std::string target_name;
};

// The "5D interpolator" task: x ~ N(0,1)^features, y = sum of x_i^2 + N(0, noise^2). Deterministic in `seed`.
Dataset make_sum_squares(std::size_t samples, std::size_t features, double noise, std::uint64_t seed);

// Takes every column but `target` as a feature. For classification the target must hold whole numbers >= 0.
// Throws std::runtime_error naming the file and what is wrong.
Dataset dataset_from_csv(const std::string& path, const std::string& target, Task task);

struct EpochRecord {
  std::size_t epoch = 0;
  double train_loss = 0;
  double validation_loss = 0;
  double validation_accuracy = -1;  // classification: of the checked weights (-1 for regression)
  double elapsed_seconds = 0;
  std::string architecture;  // with growth: the hidden widths and the last event, e.g. "16,8, last divide L0 @12"
};

// Initial weights: `automatic` is He (normal, variance 2 / fan_in) for ReLU layers and Xavier (Glorot
// uniform) for tanh, sigmoid and the output layer. `xavier` uses Glorot uniform everywhere (as scikit-learn
// does). The recipe picks one (docs/trainer.md). Biases start at 0.
enum class Init { automatic, he, xavier };

enum class Optimizer { adam, lbfgs };

// What the trainer does. The fields left unset (std::nullopt) are chosen by the recipe for the data size
// (choose_recipe below); a field that is set is used as given, whatever the recipe.
struct TrainConfig {
  Task task = Task::regress;
  std::vector<std::uint16_t> hidden = {64, 32, 16};
  Activation hidden_activation = Activation::relu;
  std::optional<Init> init;
  // adam: mini-batch Adam. lbfgs: full-batch L-BFGS with a strong-Wolfe line search.
  std::optional<Optimizer> optimizer;
  // L2 penalty on the weights (not the biases). lbfgs: weight_decay x sum of w² is added to the mean loss.
  // adam: decoupled (Loshchilov and Hutter, AdamW): every step multiplies each weight by 1 - lr x weight_decay.
  std::optional<double> weight_decay;
  // Upper bound on epochs (adam) or iterations (lbfgs; one iteration is a pass over the training rows plus
  // its line search, usually one more pass).
  std::optional<std::size_t> max_epochs;
  // Epochs (adam) or iterations (lbfgs) without a better validation loss before stopping.
  std::optional<std::size_t> patience;
  // Adam.
  std::optional<double> learning_rate;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  std::optional<std::size_t> batch;
  // Learning rate on a plateau: after every `lr_patience` epochs without a better validation loss, the
  // learning rate is multiplied by `lr_decay` (0 < lr_decay <= 1; lr_patience 0 turns this off).
  std::optional<std::size_t> lr_patience;
  std::optional<double> lr_decay;
  // Polyak averaging: validation, early stopping and the exported model use an exponential moving average
  // of the weights, updated after every step with this decay (0 turns it off). Until 1 / (1 - decay) steps
  // have been taken, the average is the plain mean of the steps so far.
  std::optional<double> weight_average;
  // L-BFGS: curvature pairs kept, and iterations between two validation checks.
  std::optional<std::size_t> history;
  std::optional<std::size_t> validation_interval;
  // L-BFGS warm start: the first this many iterations run on half the training rows (0: none).
  std::optional<std::size_t> warm_start_iterations;
  // Independent attempts from different initial weights; the one with the lowest validation loss is kept.
  std::optional<std::size_t> restarts;
  double split_train = 0.6, split_validation = 0.2, split_test = 0.2;
  std::uint64_t seed = 42;
  std::string model_name = "model";
  // Morphogenesis (`ember train --grow`, docs/morphogenesis.md): `hidden` is the seed, Adam epochs grow
  // it; without an --optimizer, the data size's recipe then finishes the final architecture (L-BFGS up to
  // 20,000 training rows).
  std::optional<GrowthConfig> growth;
  // Called after every epoch or validation check (progress bars, history files); may be empty.
  std::function<void(const EpochRecord&, std::size_t max_epochs)> on_epoch;
};

// Every choice of a training run, resolved: what choose_recipe returns and what the trainer runs.
struct Recipe {
  std::string name;    // e.g. "L-BFGS + weight decay"
  std::string reason;  // why this recipe (the data size and the threshold), and which flags overrode it
  Optimizer optimizer = Optimizer::adam;
  double weight_decay = 0;
  std::size_t max_epochs = 1000;
  std::size_t patience = 20;
  double learning_rate = 1e-3;
  std::size_t batch = 64;
  std::size_t lr_patience = 0;
  double lr_decay = 0.5;
  double weight_average = 0;
  std::size_t history = 10;
  std::size_t validation_interval = 1;
  std::size_t warm_start_iterations = 0;
  std::size_t restarts = 1;
  Init init = Init::xavier;
};

// The recipe for `training_rows` rows of training data, with every field the config sets taken from it.
Recipe choose_recipe(const TrainConfig& config, std::size_t training_rows);

struct SplitScores {
  std::size_t rows = 0;
  RegressionMetrics regression;  // regression tasks
  double accuracy = 0;           // classification tasks
};

struct TrainResult {
  Recipe recipe;               // what ran, and why
  exporters::ModelSpec model;  // best weights (early stopping), with standardization baked in
  SplitScores train, validation, test;
  std::size_t epochs_run = 0;
  std::size_t best_epoch = 0;
  double wall_seconds = 0;
  std::size_t peak_rss_bytes = 0;  // of the process (VmHWM, else getrusage), at the end of training
  std::vector<EpochRecord> history;
  std::vector<std::vector<std::size_t>> confusion;  // classification: [true][predicted] on the test split
  // The test split as the trainer saw it (original units) and the trainer's own predictions on it, so that
  // callers can check the exported blob against the trainer (rows x features, rows x outputs).
  std::vector<float> test_x;
  std::vector<float> test_y;
  std::vector<float> test_predictions;
  GrowthReport growth;  // with TrainConfig::growth
};

// Throws std::invalid_argument for an unusable configuration (empty data, bad split, zero batch, ...).
TrainResult train(const Dataset& data, const TrainConfig& config);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_TRAINER_HPP
