#include "loss.hpp"

#include <algorithm>
#include <cmath>

namespace ember::trainer {

double mean_squared_error(const float* predicted, const float* truth, std::size_t rows, std::size_t outputs,
                          float* delta) {
  const std::size_t count = rows * outputs;
  const float gradient_scale = 2.0f / static_cast<float>(count);
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const float e = predicted[i] - truth[i];
    sum += static_cast<double>(e) * e;
    if (delta != nullptr) delta[i] = gradient_scale * e;
  }
  return sum / static_cast<double>(count);
}

double cross_entropy(const float* probabilities, const int* labels, std::size_t rows, std::size_t classes,
                     float* delta) {
  // log(0) is -inf; 1e-30 caps one sample's loss at about 69 nats.
  constexpr double smallest = 1e-30;
  const float inverse_rows = 1.0f / static_cast<float>(rows);
  double sum = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const float* p = probabilities + r * classes;
    const std::size_t label = static_cast<std::size_t>(labels[r]);
    sum -= std::log(std::max(static_cast<double>(p[label]), smallest));
    if (delta != nullptr) {
      float* d = delta + r * classes;
      for (std::size_t c = 0; c < classes; ++c) d[c] = (p[c] - (c == label ? 1.0f : 0.0f)) * inverse_rows;
    }
  }
  return sum / static_cast<double>(rows);
}

}  // namespace ember::trainer
