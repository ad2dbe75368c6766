#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/anomaly.hpp"
#include "test_models.hpp"

namespace {

// Rows of two inputs: a 10 Hz and a 25 Hz tone with noise; anomalous rows swap in a 70 Hz tone.
std::vector<float> tones(std::size_t rows, const std::vector<int>& labels, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.2f);
  std::vector<float> x;
  for (std::size_t t = 0; t < rows; ++t) {
    const bool odd = !labels.empty() && labels[t] != 0;
    const float f = odd ? 70.0f : 10.0f;
    x.push_back(std::sin(6.2831853f * f * t / 200.0f) + noise(rng));
    x.push_back(std::sin(6.2831853f * 25.0f * t / 200.0f) + noise(rng));
  }
  return x;
}

TEST(Anomaly, SeparatesWindowsWhoseSpectrumChangedAndReportsAurocAndAccuracy) {
  auto m = analysis_test::load(analysis_test::linear_model());
  ASSERT_NE(m, nullptr);
  const std::size_t window = 32;
  const auto reference = ember::analysis::record_activations(m->model, tones(640, {}, 1));
  std::vector<int> labels;
  for (std::size_t w = 0; w < 12; ++w) labels.insert(labels.end(), window, w % 3 == 1 ? 1 : 0);
  const auto test = ember::analysis::record_activations(m->model, tones(labels.size(), labels, 2));
  const ember::analysis::WelchEstimator welch(window, 200.0f);
  const auto result = ember::analysis::detect_anomalies(reference, test, labels, welch, 8, false);
  EXPECT_EQ(result.reference_windows, (640u - 32u) / 16u + 1u);
  ASSERT_EQ(result.windows.size(), 12u);
  ASSERT_EQ(result.methods.size(), 3u);  // no softmax: no baseline row
  EXPECT_EQ(result.windows[1].label, 1);
  EXPECT_EQ(result.windows[0].label, 0);
  EXPECT_DOUBLE_EQ(result.methods[0].auroc, 1.0);  // NN-EEG sees the new tone
  EXPECT_GE(result.methods[0].accuracy, 0.9);
}

TEST(Anomaly, NeedsThreeReferenceWindows) {
  auto m = analysis_test::load(analysis_test::linear_model());
  ASSERT_NE(m, nullptr);
  const auto reference = ember::analysis::record_activations(m->model, tones(40, {}, 1));
  const auto test = ember::analysis::record_activations(m->model, tones(64, {}, 2));
  const ember::analysis::WelchEstimator welch(32, 200.0f);
  EXPECT_THROW(ember::analysis::detect_anomalies(reference, test, {}, welch, 8, false), std::invalid_argument);
}

}  // namespace
