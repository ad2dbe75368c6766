#include "ember/trainer/metrics.hpp"

#include <cmath>
#include <stdexcept>

namespace ember::trainer {

RegressionMetrics regression_metrics(const std::vector<double>& truth, const std::vector<double>& predicted,
                                     std::size_t outputs) {
  if (truth.size() != predicted.size() || outputs == 0 || truth.empty() || truth.size() % outputs != 0)
    throw std::invalid_argument("regression_metrics: truth and predictions differ in shape");
  const std::size_t n = truth.size() / outputs;
  RegressionMetrics m;
  double r2_sum = 0;
  for (std::size_t j = 0; j < outputs; ++j) {
    double mean = 0;
    for (std::size_t i = 0; i < n; ++i) mean += truth[i * outputs + j];
    mean /= static_cast<double>(n);
    double ss_res = 0, ss_tot = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double t = truth[i * outputs + j], e = t - predicted[i * outputs + j];
      ss_res += e * e;
      ss_tot += (t - mean) * (t - mean);
      m.mae += std::abs(e);
    }
    m.mse += ss_res;
    r2_sum += ss_tot > 0 ? 1.0 - ss_res / ss_tot : (ss_res == 0 ? 1.0 : 0.0);
  }
  const double count = static_cast<double>(truth.size());
  m.mse /= count;
  m.mae /= count;
  m.rmse = std::sqrt(m.mse);
  m.r2 = r2_sum / static_cast<double>(outputs);
  return m;
}

double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted) {
  if (truth.size() != predicted.size() || truth.empty())
    throw std::invalid_argument("accuracy: truth and predictions differ in size");
  std::size_t hits = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) hits += truth[i] == predicted[i];
  return static_cast<double>(hits) / static_cast<double>(truth.size());
}

}  // namespace ember::trainer
