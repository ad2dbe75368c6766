// The training loop: split and standardize, mini-batch Adam with a fresh shuffle each epoch, full validation
// pass each epoch, early stopping that restores the best weights, then scores on every split.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include <xtensor/xnoalias.hpp>

#include "ember/trainer/data_split.hpp"
#include "ember/trainer/trainer.hpp"
#include "gemm.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "random.hpp"

namespace ember::trainer {
namespace {

// Rows per forward pass when scoring a whole split: bounds the buffers (1024 x widest layer floats) while
// keeping each gemm large enough to run near full speed.
constexpr std::size_t evaluation_rows = 1024;

void check_config(const Dataset& data, const TrainConfig& c) {
  auto fail = [](const std::string& what) { throw std::invalid_argument(what); };
  if (data.rows == 0 || data.features == 0) fail("the data set is empty");
  if (data.features > 65535) fail("more than 65535 features");
  if (data.task != c.task) fail("the data set was loaded for another task than the one configured");
  const std::size_t targets = data.task == Task::classify ? 1 : data.outputs;
  if (data.x.size() != data.rows * data.features || data.y.size() != data.rows * targets)
    fail("the data set's x and y sizes do not match its rows, features and outputs");
  if (data.task == Task::classify) {
    if (data.classes < 2 || data.classes > 65535) fail("classification needs 2 to 65535 classes");
    for (float label : data.y)
      if (!(label >= 0) || label >= static_cast<float>(data.classes) || label != std::floor(label))
        fail("a class label is not an integer in [0, classes)");
  } else if (data.outputs == 0 || data.outputs > 65535) {
    fail("regression needs 1 to 65535 outputs");
  }
  if (c.hidden.size() > 31) fail("at most 31 hidden layers (a blob holds 32 layers)");
  for (auto w : c.hidden)
    if (w == 0) fail("hidden layer widths must be at least 1");
  if (c.hidden_activation != Activation::relu && c.hidden_activation != Activation::tanh &&
      c.hidden_activation != Activation::sigmoid)
    fail("the hidden activation must be relu, tanh or sigmoid");
  if (!(c.learning_rate > 0) || !std::isfinite(c.learning_rate)) fail("the learning rate must be positive");
  if (!(c.beta1 >= 0 && c.beta1 < 1) || !(c.beta2 >= 0 && c.beta2 < 1)) fail("beta1 and beta2 must be in [0, 1)");
  if (!(c.epsilon > 0) || !std::isfinite(c.epsilon)) fail("epsilon must be positive");
  if (c.batch == 0) fail("the batch size must be at least 1");
  if (c.max_epochs == 0) fail("max epochs must be at least 1");
  if (c.patience == 0) fail("patience must be at least 1");
  if (!(c.lr_decay > 0 && c.lr_decay <= 1)) fail("the learning-rate decay must be in (0, 1]");
  if (!(c.weight_average >= 0 && c.weight_average < 1)) fail("the weight-average decay must be in [0, 1)");
}

std::size_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

// The network's raw outputs (standardized values, or probabilities) for every row of a split.
std::vector<float> network_outputs(Network& net, const SplitRows& split) {
  const std::size_t in = net.input_width(), out = net.output_width();
  std::vector<float> result(split.rows * out);
  for (std::size_t first = 0; first < split.rows; first += evaluation_rows) {
    const std::size_t rows = std::min(evaluation_rows, split.rows - first);
    std::memcpy(net.input(), split.x.data() + first * in, rows * in * sizeof(float));
    const float* z = net.forward(rows);
    std::copy(z, z + rows * out, result.begin() + static_cast<std::ptrdiff_t>(first * out));
  }
  return result;
}

double split_loss(Network& net, const SplitRows& split, Task task) {
  const std::size_t in = net.input_width(), out = net.output_width();
  double weighted = 0;
  for (std::size_t first = 0; first < split.rows; first += evaluation_rows) {
    const std::size_t rows = std::min(evaluation_rows, split.rows - first);
    std::memcpy(net.input(), split.x.data() + first * in, rows * in * sizeof(float));
    const float* z = net.forward(rows);
    const double loss = task == Task::classify
                            ? cross_entropy(z, split.labels.data() + first, rows, out, nullptr)
                            : mean_squared_error(z, split.y.data() + first * out, rows, out, nullptr);
    weighted += loss * static_cast<double>(rows);
  }
  return weighted / static_cast<double>(split.rows);
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
  auto seconds_since_start = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  use_single_threaded_blas();

  const Task task = data.task;
  const SplitData split =
      split_and_standardize(data, config.split_train, config.split_validation, config.split_test, config.seed);
  const std::size_t outputs = task == Task::classify ? data.classes : data.outputs;
  std::vector<std::size_t> widths{data.features};
  widths.insert(widths.end(), config.hidden.begin(), config.hidden.end());
  widths.push_back(outputs);

  const std::size_t batch = std::min(config.batch, split.train.rows);
  Random init_rng(derive_seed(config.seed, 2));
  Network net(widths, config.hidden_activation, task == Task::classify ? Activation::softmax : Activation::identity,
              config.init, std::max(batch, evaluation_rows), init_rng);
  Adam adam(net, config.learning_rate, config.beta1, config.beta2, config.epsilon);

  // Everything a training step touches is allocated here, once.
  std::vector<float> batch_targets(batch * outputs);
  std::vector<int> batch_labels(batch);
  std::vector<std::size_t> order(split.train.rows);
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  Random batch_rng(derive_seed(config.seed, 3));
  std::vector<LayerParameters> best = net.parameters();
  const bool averaging = config.weight_average > 0;
  const float keep = static_cast<float>(config.weight_average);
  std::size_t steps = 0;
  std::vector<LayerParameters> average = net.parameters();
  std::vector<LayerParameters> live;  // the optimizer's weights while the average is being evaluated

  TrainResult result;
  double best_loss = INFINITY;
  const std::size_t features = data.features;
  for (std::size_t epoch = 1; epoch <= config.max_epochs; ++epoch) {
    batch_rng.shuffle(order.data(), order.size());
    double train_loss = 0;
    for (std::size_t first = 0; first < order.size(); first += batch) {
      const std::size_t rows = std::min(batch, order.size() - first);
      float* x = net.input();
      for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t r = order[first + i];
        std::memcpy(x + i * features, split.train.x.data() + r * features, features * sizeof(float));
        if (task == Task::classify)
          batch_labels[i] = split.train.labels[r];
        else
          std::memcpy(batch_targets.data() + i * outputs, split.train.y.data() + r * outputs, outputs * sizeof(float));
      }
      const float* z = net.forward(rows);
      const double loss = task == Task::classify
                              ? cross_entropy(z, batch_labels.data(), rows, outputs, net.output_delta())
                              : mean_squared_error(z, batch_targets.data(), rows, outputs, net.output_delta());
      net.backward(rows);
      adam.step(net);
      if (averaging) {
        // Warm-up: early on the average would still be mostly the initial weights, so its decay starts
        // small and grows to `keep` ((1 + t) / (10 + t) after t steps, as TensorFlow's moving averages do).
        ++steps;
        const float d = std::min(keep, static_cast<float>(1 + steps) / static_cast<float>(10 + steps));
        for (std::size_t k = 0; k < average.size(); ++k) {
          xt::noalias(average[k].weights) = d * average[k].weights + (1.0f - d) * net.parameters()[k].weights;
          xt::noalias(average[k].bias) = d * average[k].bias + (1.0f - d) * net.parameters()[k].bias;
        }
      }
      train_loss += loss * static_cast<double>(rows);
    }
    if (averaging) {
      live = net.parameters();
      net.parameters() = average;
    }
    EpochRecord record;
    record.epoch = epoch;
    record.train_loss = train_loss / static_cast<double>(order.size());
    record.validation_loss = split_loss(net, split.validation, task);
    record.elapsed_seconds = seconds_since_start();
    if (!std::isfinite(record.train_loss))
      throw std::runtime_error("training diverged at epoch " + std::to_string(epoch) +
                               " (loss is not finite); try a smaller --lr");
    result.history.push_back(record);
    result.epochs_run = epoch;
    if (record.validation_loss < best_loss) {
      best_loss = record.validation_loss;
      result.best_epoch = epoch;
      best = net.parameters();
    }
    if (averaging) net.parameters() = live;
    if (config.on_epoch) config.on_epoch(record, config.max_epochs);
    const std::size_t since_best = epoch - result.best_epoch;
    if (since_best >= config.patience) break;
    if (config.lr_patience != 0 && since_best != 0 && since_best % config.lr_patience == 0)
      adam.set_learning_rate(adam.learning_rate() * config.lr_decay);
  }

  net.parameters() = best;
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
  result.wall_seconds = seconds_since_start();
  result.peak_rss_bytes = peak_rss_bytes();
  return result;
}

}  // namespace ember::trainer
