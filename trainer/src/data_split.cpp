#include "ember/trainer/data_split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "random.hpp"

namespace ember::trainer {

Standardization fit_standardization(const std::vector<float>& values, std::size_t rows, std::size_t width) {
  Standardization s;
  s.mean.assign(width, 0.0f);
  s.scale.assign(width, 1.0f);
  for (std::size_t c = 0; c < width; ++c) {
    double sum = 0;
    for (std::size_t r = 0; r < rows; ++r) sum += values[r * width + c];
    const double mean = sum / static_cast<double>(rows);
    double squares = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const double d = values[r * width + c] - mean;
      squares += d * d;
    }
    const double sd = std::sqrt(squares / static_cast<double>(rows));
    s.mean[c] = static_cast<float>(mean);
    // A constant column (e.g. a digits pixel that is always blank) carries no information; scale 1 keeps it
    // finite, and the blob rejects a zero scale.
    const float scale = static_cast<float>(sd);
    s.scale[c] = sd > 1e-12 * std::max(1.0, std::abs(mean)) && std::isfinite(scale) && scale > 0 ? scale : 1.0f;
  }
  return s;
}

std::vector<float> standardize(const std::vector<float>& values, std::size_t rows, const Standardization& s) {
  const std::size_t width = s.mean.size();
  std::vector<float> out(rows * width);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < width; ++c) out[r * width + c] = (values[r * width + c] - s.mean[c]) / s.scale[c];
  return out;
}

namespace {
void take_rows(const Dataset& data, const std::size_t* order, std::size_t count, SplitRows& split) {
  const std::size_t f = data.features;
  const std::size_t targets = data.task == Task::classify ? 1 : data.outputs;
  split.rows = count;
  split.x_original.resize(count * f);
  split.y_original.resize(count * targets);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t r = order[i];
    std::copy(data.x.begin() + static_cast<std::ptrdiff_t>(r * f), data.x.begin() + static_cast<std::ptrdiff_t>((r + 1) * f),
              split.x_original.begin() + static_cast<std::ptrdiff_t>(i * f));
    for (std::size_t j = 0; j < targets; ++j) split.y_original[i * targets + j] = data.y[r * targets + j];
  }
  if (data.task == Task::classify) {
    split.labels.resize(count);
    for (std::size_t i = 0; i < count; ++i) split.labels[i] = static_cast<int>(split.y_original[i]);
  }
}

std::size_t rounded_rows(double fraction, std::size_t rows) {
  return static_cast<std::size_t>(std::llround(fraction * static_cast<double>(rows)));
}
}  // namespace

SplitData split_and_standardize(const Dataset& data, double train, double validation, double test,
                                std::uint64_t seed) {
  const double total = train + validation + test;
  if (!(train > 0) || !(validation > 0) || !(test >= 0) || !std::isfinite(total))
    throw std::invalid_argument("--split needs positive train and validation fractions and a test fraction >= 0");
  const std::size_t n_train = rounded_rows(train / total, data.rows);
  const std::size_t n_validation = rounded_rows(validation / total, data.rows);
  if (n_train == 0 || n_validation == 0 || n_train + n_validation > data.rows ||
      (test > 0 && n_train + n_validation == data.rows))
    throw std::invalid_argument("too few rows (" + std::to_string(data.rows) + ") to split " + std::to_string(train) +
                                "/" + std::to_string(validation) + "/" + std::to_string(test) +
                                " with at least one row in each part");
  std::vector<std::size_t> order(data.rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Random rng(derive_seed(seed, 1));
  rng.shuffle(order.data(), order.size());

  SplitData s;
  take_rows(data, order.data(), n_train, s.train);
  take_rows(data, order.data() + n_train, n_validation, s.validation);
  take_rows(data, order.data() + n_train + n_validation, data.rows - n_train - n_validation, s.test);

  s.input = fit_standardization(s.train.x_original, s.train.rows, data.features);
  if (data.task == Task::classify) {
    s.output.mean.assign(data.classes, 0.0f);
    s.output.scale.assign(data.classes, 1.0f);
  } else {
    s.output = fit_standardization(s.train.y_original, s.train.rows, data.outputs);
  }
  for (SplitRows* part : {&s.train, &s.validation, &s.test}) {
    part->x = standardize(part->x_original, part->rows, s.input);
    if (data.task == Task::regress) part->y = standardize(part->y_original, part->rows, s.output);
  }
  return s;
}

}  // namespace ember::trainer
