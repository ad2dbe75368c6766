// Accuracy figures of the profile tables, computed in double precision.
#ifndef EMBER_TRAINER_METRICS_HPP
#define EMBER_TRAINER_METRICS_HPP

#include <cstddef>
#include <vector>

namespace ember::trainer {

struct RegressionMetrics {
  double r2 = 0;    // 1 - SS_res / SS_tot, over all outputs pooled per output then averaged
  double mse = 0;
  double rmse = 0;
  double mae = 0;
};

// `truth` and `predicted` are samples x outputs, row-major, of equal size.
RegressionMetrics regression_metrics(const std::vector<double>& truth, const std::vector<double>& predicted,
                                     std::size_t outputs);

// Fraction of equal labels.
double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_METRICS_HPP
