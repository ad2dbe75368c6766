#include "full_batch_objective.hpp"

#include <algorithm>
#include <cstring>

#include "loss.hpp"
#include "network.hpp"

namespace ember::trainer {

FullBatchObjective::FullBatchObjective(Network& network, const SplitRows& rows, std::size_t row_count, Task task,
                                       double weight_decay)
    : network_(network), rows_(rows), row_count_(std::min(row_count, rows.rows)), task_(task),
      weight_decay_(weight_decay) {}

std::vector<double> FullBatchObjective::parameters() const {
  std::vector<double> x;
  for (const LayerParameters& p : network_.parameters()) {
    x.insert(x.end(), p.weights.begin(), p.weights.end());
    x.insert(x.end(), p.bias.begin(), p.bias.end());
  }
  return x;
}

void FullBatchObjective::load(const std::vector<double>& x) {
  std::size_t i = 0;
  for (LayerParameters& p : network_.parameters()) {
    for (float& w : p.weights) w = static_cast<float>(x[i++]);
    for (float& b : p.bias) b = static_cast<float>(x[i++]);
  }
}

double FullBatchObjective::operator()(const std::vector<double>& x, std::vector<double>& gradient) {
  load(x);
  std::fill(gradient.begin(), gradient.end(), 0.0);
  const std::size_t in = network_.input_width(), out = network_.output_width(), total = row_count_;
  double loss = 0;
  for (std::size_t first = 0; first < total; first += network_.max_rows()) {
    const std::size_t rows = std::min(network_.max_rows(), total - first);
    std::memcpy(network_.input(), rows_.x.data() + first * in, rows * in * sizeof(float));
    const float* z = network_.forward(rows);
    // The loss functions return the chunk's mean and its gradient; the chunk weighs rows / total.
    const double chunk = task_ == Task::classify
                             ? cross_entropy(z, rows_.labels.data() + first, rows, out, network_.output_delta())
                             : mean_squared_error(z, rows_.y.data() + first * out, rows, out, network_.output_delta());
    network_.backward(rows);
    const double weight = static_cast<double>(rows) / static_cast<double>(total);
    loss += chunk * weight;
    std::size_t i = 0;
    for (const LayerParameters& g : network_.gradients()) {
      for (float v : g.weights) gradient[i++] += weight * v;
      for (float v : g.bias) gradient[i++] += weight * v;
    }
  }
  // The penalty on the weights, in float64 straight from x: d/dw (decay w²) = 2 decay w.
  if (weight_decay_ > 0) {
    std::size_t i = 0;
    for (const LayerParameters& p : network_.parameters()) {
      for (std::size_t k = 0; k < p.weights.size(); ++k, ++i) gradient[i] += 2 * weight_decay_ * x[i];
      i += p.bias.size();
    }
  }
  return loss + penalty(x);
}

double FullBatchObjective::penalty(const std::vector<double>& x) const {
  if (!(weight_decay_ > 0)) return 0;
  double squares = 0;
  std::size_t i = 0;
  for (const LayerParameters& p : network_.parameters()) {
    for (std::size_t k = 0; k < p.weights.size(); ++k, ++i) squares += x[i] * x[i];
    i += p.bias.size();
  }
  return weight_decay_ * squares;
}

}  // namespace ember::trainer
