#include "training_loops.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "loss.hpp"

namespace ember::trainer {

std::vector<float> network_outputs(Network& net, const SplitRows& split) {
  const std::size_t in = net.input_width(), out = net.output_width();
  std::vector<float> result(split.rows * out);
  for (std::size_t first = 0; first < split.rows; first += net.max_rows()) {
    const std::size_t rows = std::min(net.max_rows(), split.rows - first);
    std::memcpy(net.input(), split.x.data() + first * in, rows * in * sizeof(float));
    const float* z = net.forward(rows);
    std::copy(z, z + rows * out, result.begin() + static_cast<std::ptrdiff_t>(first * out));
  }
  return result;
}

double split_loss(Network& net, const SplitRows& split, Task task) {
  const std::size_t in = net.input_width(), out = net.output_width();
  double weighted = 0;
  for (std::size_t first = 0; first < split.rows; first += net.max_rows()) {
    const std::size_t rows = std::min(net.max_rows(), split.rows - first);
    std::memcpy(net.input(), split.x.data() + first * in, rows * in * sizeof(float));
    const float* z = net.forward(rows);
    const double loss = task == Task::classify
                            ? cross_entropy(z, split.labels.data() + first, rows, out, nullptr)
                            : mean_squared_error(z, split.y.data() + first * out, rows, out, nullptr);
    weighted += loss * static_cast<double>(rows);
  }
  return weighted / static_cast<double>(split.rows);
}

double split_accuracy(Network& net, const SplitRows& split, Task task) {
  if (task != Task::classify || split.rows == 0) return -1;
  const std::vector<float> p = network_outputs(net, split);
  const std::size_t out = net.output_width();
  std::size_t right = 0;
  for (std::size_t r = 0; r < split.rows; ++r) {
    const float* row = p.data() + r * out;
    right += static_cast<int>(std::max_element(row, row + out) - row) == split.labels[r];
  }
  return static_cast<double>(right) / static_cast<double>(split.rows);
}

bool EarlyStopping::check(std::size_t epoch, double train_loss, Network& net) {
  EpochRecord record;
  record.epoch = epoch;
  record.train_loss = train_loss;
  record.validation_loss = split_loss(net, run_.split.validation, run_.task);
  record.validation_accuracy = split_accuracy(net, run_.split.validation, run_.task);
  record.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - run_.start).count();
  if (!std::isfinite(record.train_loss))
    throw std::runtime_error("training diverged at epoch " + std::to_string(epoch) +
                             " (loss is not finite); try a smaller --lr");
  run_.result.history.push_back(record);
  run_.result.epochs_run = epoch;
  if (record.validation_loss < best_loss_) {
    best_loss_ = record.validation_loss;
    run_.result.best_epoch = epoch;
    best_ = net.parameters();
  }
  if (run_.config.on_epoch) run_.config.on_epoch(record, run_.recipe.max_epochs);
  return since_best(epoch) >= run_.recipe.patience;
}

}  // namespace ember::trainer
