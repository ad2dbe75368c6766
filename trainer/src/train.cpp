// trainer::train: check the configuration, resolve the recipe, split and standardize, build the network,
// run the recipe's optimizer loop (adam_training.cpp, lbfgs_training.cpp), then score every split.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "ember/trainer/data_split.hpp"
#include "ember/trainer/trainer.hpp"
#include "gemm.hpp"
#include "morph/growth_training.hpp"
#include "random.hpp"
#include "training_loops.hpp"

#include "ember/export/input_caps.hpp"

namespace ember::trainer {
namespace {

// L-BFGS's chunk of rows per forward and backward pass: large enough that each gemm runs near full
// speed (per row, 2048-row passes cost what 4096-row ones do), small enough to bound the buffers (2048 x
// 231 floats for the 5D network, 1.9 MB).
constexpr std::size_t full_batch_rows = 2048;

// The network's size in 64 bits against the caps, before any of it is allocated: `--hidden 65535,65535`
// would otherwise end in std::bad_alloc or the OOM killer.
void check_network_size(const Dataset& data, const TrainConfig& c) {
  namespace caps = exporters::caps;
  std::uint64_t in = data.features, parameters = 0, neurons = data.features;
  const std::uint64_t outputs = data.task == Task::classify ? data.classes : data.outputs;
  std::vector<std::uint64_t> outs(c.hidden.begin(), c.hidden.end());
  outs.push_back(outputs);
  for (std::uint64_t out : outs) {
    parameters += (in + 1) * out;  // each term < 2^33: no wrap
    neurons += out;
    in = out;
  }
  caps::check_cap(parameters, caps::kMaxParameters, "the network's parameter count (--hidden)", "parameters",
                  "caps::kMaxParameters");
  // The rows of one pass: Adam's batch or L-BFGS's full-batch chunk, whichever the recipe picks (the larger
  // bounds both), and at least a scoring pass.
  const std::uint64_t pass = std::max<std::uint64_t>(c.batch.value_or(0), full_batch_rows);
  const std::uint64_t rows = std::max<std::uint64_t>(std::min<std::uint64_t>(pass, data.rows), evaluation_rows);
  caps::checked_product(rows, neurons, caps::kMaxTrainingActivations,
                        "the activations of one pass (rows x neurons, --batch and --hidden)", "floats",
                        "caps::kMaxTrainingActivations");
}

void check_config(const Dataset& data, const TrainConfig& c) {
  const auto positive = [](const std::optional<double>& v) { return !v || (*v > 0 && std::isfinite(*v)); };
  auto fail = [](const std::string& what) { throw std::invalid_argument(what); };
  if (data.rows == 0 || data.features == 0) fail("the data set is empty");
  if (data.features > 65535) fail("more than 65535 features");
  if (data.task != c.task) fail("the data set was loaded for another task than the one configured");
  const std::size_t targets = data.task == Task::classify ? 1 : data.outputs;
  if (data.x.size() != data.rows * data.features || data.y.size() != data.rows * targets)
    fail("the data set's x and y sizes do not match its rows, features and outputs");
  if (data.task == Task::classify) {
    if (data.classes < 2) fail("classification needs at least 2 classes");
    exporters::caps::check_cap(data.classes, exporters::caps::kMaxClasses, "the number of classes", "classes",
                               "caps::kMaxClasses");
    for (float label : data.y)
      if (!(label >= 0) || label >= static_cast<float>(data.classes) || label != std::floor(label))
        fail("a class label is not an integer in [0, classes)");
  } else if (data.outputs == 0 || data.outputs > 65535) {
    fail("regression needs 1 to 65535 outputs");
  }
  if (c.hidden.size() > 31) fail("at most 31 hidden layers (a blob holds 32 layers)");
  for (auto w : c.hidden)
    if (w == 0) fail("hidden layer widths must be at least 1");
  check_network_size(data, c);
  if (c.hidden_activation != Activation::relu && c.hidden_activation != Activation::tanh &&
      c.hidden_activation != Activation::sigmoid)
    fail("the hidden activation must be relu, tanh or sigmoid");
  if (!positive(c.learning_rate)) fail("the learning rate must be positive");
  if (!(c.beta1 >= 0 && c.beta1 < 1) || !(c.beta2 >= 0 && c.beta2 < 1)) fail("beta1 and beta2 must be in [0, 1)");
  if (!(c.epsilon > 0) || !std::isfinite(c.epsilon)) fail("epsilon must be positive");
  if (c.batch == 0u) fail("the batch size must be at least 1");
  if (c.max_epochs == 0u) fail("max epochs must be at least 1");
  if (c.patience == 0u) fail("patience must be at least 1");
  if (c.lr_decay && !(*c.lr_decay > 0 && *c.lr_decay <= 1)) fail("the learning-rate decay must be in (0, 1]");
  if (c.weight_average && !(*c.weight_average >= 0 && *c.weight_average < 1))
    fail("the weight-average decay must be in [0, 1)");
  if (c.weight_decay && !(*c.weight_decay >= 0 && *c.weight_decay < 1e6))
    fail("the weight decay must be in [0, 1e6)");
  if (c.history == 0u) fail("the L-BFGS history must be at least 1");
  if (c.validation_interval == 0u) fail("the validation interval must be at least 1");
  if (c.growth && c.optimizer == Optimizer::lbfgs)
    fail("--grow trains with Adam (and finishes with the data size's recipe); drop --optimizer lbfgs");
  if (c.restarts == 0u) fail("restarts must be at least 1");
}

// The high-water mark of this process's resident memory: VmHWM from /proc/self/status where Linux provides
// it, since getrusage's ru_maxrss also counts the pages of whatever process exec'ed us (a Python driver's
// 15 MB, say); ru_maxrss elsewhere.
std::size_t peak_rss_bytes() {
  if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    unsigned long kilobytes = 0;
    bool found = false;
    while (!found && std::fgets(line, sizeof line, status) != nullptr)
      found = std::sscanf(line, "VmHWM: %lu kB", &kilobytes) == 1;
    std::fclose(status);
    if (found) return static_cast<std::size_t>(kilobytes) * 1024;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

std::size_t argmax(const float* values, std::size_t count) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < count; ++i)
    if (values[i] > values[best]) best = i;
  return best;
}

// Scores in the data's own units. `predictions` receives what the blob would return for these rows:
// de-standardized values (regression) or class probabilities (classification).
SplitScores score(Network& net, const SplitRows& split, const SplitData& data, Task task,
                  std::vector<float>& predictions, std::vector<std::vector<std::size_t>>* confusion) {
  SplitScores s;
  s.rows = split.rows;
  if (split.rows == 0) return s;
  predictions = network_outputs(net, split);
  const std::size_t out = net.output_width();
  if (task == Task::classify) {
    std::vector<int> predicted(split.rows);
    for (std::size_t r = 0; r < split.rows; ++r)
      predicted[r] = static_cast<int>(argmax(predictions.data() + r * out, out));
    s.accuracy = accuracy(split.labels, predicted);
    if (confusion != nullptr) {
      confusion->assign(out, std::vector<std::size_t>(out, 0));
      for (std::size_t r = 0; r < split.rows; ++r)
        ++(*confusion)[static_cast<std::size_t>(split.labels[r])][static_cast<std::size_t>(predicted[r])];
    }
    return s;
  }
  for (std::size_t r = 0; r < split.rows; ++r)
    for (std::size_t j = 0; j < out; ++j) {
      float& v = predictions[r * out + j];
      v = v * data.output.scale[j] + data.output.mean[j];  // as ember::Model::run de-standardizes
    }
  s.regression = regression_metrics(std::vector<double>(split.y_original.begin(), split.y_original.end()),
                                    std::vector<double>(predictions.begin(), predictions.end()), out);
  return s;
}

}  // namespace

TrainResult train(const Dataset& data, const TrainConfig& config) {
  check_config(data, config);
  const auto start = std::chrono::steady_clock::now();
  use_single_threaded_blas();

  const Task task = data.task;
  const SplitData split =
      split_and_standardize(data, config.split_train, config.split_validation, config.split_test, config.seed);
  TrainResult result;
  result.recipe = choose_recipe(config, split.train.rows);
  const Recipe& recipe = result.recipe;
  const std::size_t outputs = task == Task::classify ? data.classes : data.outputs;
  std::vector<std::size_t> widths{data.features};
  widths.insert(widths.end(), config.hidden.begin(), config.hidden.end());
  widths.push_back(outputs);

  // Rows per pass: Adam's batch; L-BFGS runs the whole training split through in chunks of this many.
  const std::size_t pass_rows = recipe.optimizer == Optimizer::adam ? std::min(recipe.batch, split.train.rows)
                                                                    : std::min(full_batch_rows, split.train.rows);
  const Activation output_activation = task == Task::classify ? Activation::softmax : Activation::identity;
  std::unique_ptr<Network> kept;
  if (config.growth) {
    Random init_rng(derive_seed(config.seed, 2));
    kept = std::make_unique<Network>(widths, config.hidden_activation, output_activation, recipe.init,
                                     std::max(pass_rows, evaluation_rows), init_rng);
    Network& net = *kept;
    TrainingRun run{split, task, recipe, config, result, start};
    check_growth_config(*config.growth, widths, config.hidden_activation, net.activation(net.layer_count() - 1));
    TrainConfig finishing = config;
    finishing.growth.reset();
    Recipe finish = choose_recipe(finishing, split.train.rows);
    // Growth's L-BFGS starts from trained weights; the warm start is for random ones (half the rows at half
    // the cost while the weights are far from any minimum), so growth runs without it unless it is asked for.
    if (!config.warm_start_iterations) finish.warm_start_iterations = 0;
    const bool finishes = !config.optimizer && finish.optimizer == Optimizer::lbfgs;
    train_with_growth(net, run, *config.growth, finishes ? &finish : nullptr);
    if (finishes) result.recipe.name += ", then an L-BFGS finish (" + finish.reason + ")";
  } else {
    // Restarts: each attempt from its own initial weights (the first from stream 2, so that one attempt is
    // the plain run), and the attempt whose best check has the lowest validation loss is kept, with its
    // history. A bad local minimum costs one attempt instead of the model.
    double kept_loss = INFINITY;
    for (std::size_t attempt = 0; attempt < recipe.restarts; ++attempt) {
      Random init_rng(derive_seed(config.seed, attempt == 0 ? 2 : 100 + attempt));
      auto net = std::make_unique<Network>(widths, config.hidden_activation, output_activation, recipe.init,
                                           std::max(pass_rows, evaluation_rows), init_rng);
      TrainResult attempt_result;
      TrainingRun run{split, task, recipe, config, attempt_result, start};
      if (recipe.optimizer == Optimizer::lbfgs)
        train_with_lbfgs(*net, run);
      else
        train_with_adam(*net, run);
      double loss = INFINITY;
      for (const EpochRecord& e : attempt_result.history) loss = std::min(loss, e.validation_loss);
      if (kept == nullptr || loss < kept_loss) {
        kept = std::move(net);
        kept_loss = loss;
        result.history = std::move(attempt_result.history);
        result.epochs_run = attempt_result.epochs_run;
        result.best_epoch = attempt_result.best_epoch;
      }
    }
  }
  Network& net = *kept;

  std::vector<float> unused;
  result.train = score(net, split.train, split, task, unused, nullptr);
  result.validation = score(net, split.validation, split, task, unused, nullptr);
  result.test = score(net, split.test, split, task, result.test_predictions, &result.confusion);
  result.test_x = split.test.x_original;
  result.test_y = split.test.y_original;

  result.model.name = config.model_name;
  result.model.input_mean = split.input.mean;
  result.model.input_scale = split.input.scale;
  result.model.output_mean = split.output.mean;
  result.model.output_scale = split.output.scale;
  result.model.layers = net.to_spec();
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.peak_rss_bytes = peak_rss_bytes();
  return result;
}

}  // namespace ember::trainer
