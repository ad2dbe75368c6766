// Anomaly detection from NN-EEG and NN-fMRI profiles. The stream is cut into windows of `window` rows
// (reference: hop window/2; test: consecutive, non-overlapping). Each window gets two profiles:
// - spectral: log band power (5 bands, one Hann periodogram of the window) of every hidden neuron;
// - spatial: the mean absolute activation of every non-empty voxel of every layer's grid.
// A profile's distance from the reference is the mean squared z-score of its features against the
// reference windows (sigma regularized as sqrt(sigma^2 + (0.1 x mean sigma of the profile)^2), so that
// features that never move in the reference do not dominate). Combined = the mean of the two distances.
// Thresholds are the 95th percentile of the reference windows' leave-one-out scores.
// Baseline, for softmax classifiers: 1 - mean over the window's rows of the maximum class probability.
#ifndef EMBER_ANALYSIS_ANOMALY_HPP
#define EMBER_ANALYSIS_ANOMALY_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/welch.hpp"

namespace ember::analysis {

struct WindowScore {
  std::size_t first_row = 0;
  int label = -1;  // majority label of its rows (0 normal, 1 anomalous), -1 without labels
  double spectral = 0, spatial = 0, combined = 0;
  double baseline = 0;  // NaN without a softmax output
};

struct MethodSummary {
  std::string name;
  double threshold = 0;
  double auroc = 0;     // NaN without labels of both kinds
  double accuracy = 0;  // NaN without labels
};

struct AnomalyResult {
  std::size_t reference_windows = 0;
  std::vector<WindowScore> windows;
  std::vector<MethodSummary> methods;  // spectral, spatial, combined, and the baseline when available
};

// `test_labels`: one per test row (0 = normal), or empty. `softmax_output`: the model ends in softmax.
// Throws std::invalid_argument when the reference gives fewer than 3 windows or the test fewer than 1.
AnomalyResult detect_anomalies(const Activations& reference, const Activations& test,
                               const std::vector<int>& test_labels, const WelchEstimator& welch, std::uint32_t grid,
                               bool softmax_output);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_ANOMALY_HPP
