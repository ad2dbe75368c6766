#include <gtest/gtest.h>

#include <cmath>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/consistency.hpp"
#include "ember/analysis/forward.hpp"
#include "ember/analysis/nn_eeg.hpp"
#include "ember/analysis/nn_fmri.hpp"
#include "test_models.hpp"

namespace {

std::vector<float> ramp_inputs(std::size_t rows) {
  std::vector<float> x;
  for (std::size_t t = 0; t < rows; ++t) {
    x.push_back(std::sin(0.3f * t));
    x.push_back(2.0f * std::cos(0.11f * t));
  }
  return x;
}

TEST(NnFmri, HostForwardFromTheFirstLayerMatchesTheRuntime) {
  auto m = analysis_test::load(analysis_test::linear_model());
  ASSERT_NE(m, nullptr);
  const std::vector<float> x = ramp_inputs(20);
  const auto recorded = ember::analysis::record_activations(m->model, x);
  const auto host = ember::analysis::forward_from(m->model, 0, x, 20);
  ASSERT_EQ(host.size(), recorded.outputs.size());
  for (std::size_t i = 0; i < host.size(); ++i) EXPECT_NEAR(host[i], recorded.outputs[i], 1e-5);
}

TEST(NnFmri, OcclusionImportanceIsTheMeanOutputChangeOfSilencingANeuron) {
  // Output = 1 * h0 + 0 * h1 + 0.25 * h2: silencing h1 changes nothing, h0 changes it by |h0|.
  auto m = analysis_test::load(analysis_test::linear_model({1.0f, 0.0f, 0.25f}));
  ASSERT_NE(m, nullptr);
  const std::vector<float> x = ramp_inputs(100);
  const auto a = ember::analysis::record_activations(m->model, x);
  const auto fmri = ember::analysis::analyze_fmri(m->model, a, 8);
  ASSERT_EQ(fmri.layers.size(), 1u);
  const auto& layer = fmri.layers[0];
  double mean_abs_h0 = 0, mean_abs_h2 = 0;
  for (std::size_t t = 0; t < 100; ++t) {
    mean_abs_h0 += std::fabs(a.hidden[0].at(t, 0)) / 100;
    mean_abs_h2 += 0.25 * std::fabs(a.hidden[0].at(t, 2)) / 100;
  }
  EXPECT_NEAR(layer.neuron_importance[0], mean_abs_h0, 1e-5);
  EXPECT_NEAR(layer.neuron_importance[1], 0.0, 1e-7);
  EXPECT_NEAR(layer.neuron_importance[2], mean_abs_h2, 1e-5);
  EXPECT_NEAR(layer.neuron_mean_abs[0], mean_abs_h0, 1e-5);
  // 3 neurons on a 1 x 3 sheet and an 8x8 grid: neuron 0 fills voxel columns 0-2 of every row, neuron 2
  // columns 6-7, so region 0 (top left) holds neuron 0 alone and region 15 (bottom right) neuron 2 alone.
  EXPECT_EQ(layer.regions[0].neurons, 1u);
  EXPECT_NEAR(layer.regions[0].output_change, mean_abs_h0, 1e-5);
  EXPECT_NEAR(layer.voxel_mean_abs[0], mean_abs_h0, 1e-5);
  EXPECT_EQ(layer.regions[15].neurons, 1u);
}

TEST(NnFmri, ConsistencyIsPerfectWhenTheLoudestNeuronsMatterMost) {
  auto m = analysis_test::load(analysis_test::linear_model({1.0f, 1.0f, 1.0f}));
  ASSERT_NE(m, nullptr);
  // Input 0 small, input 1 large: h1 and h2 fluctuate more and matter more than h0.
  std::vector<float> x;
  for (std::size_t t = 0; t < 512; ++t) {
    x.push_back(0.1f * std::sin(0.5f * t));
    x.push_back(3.0f * std::sin(0.9f * t + 0.3f));
  }
  const auto a = ember::analysis::record_activations(m->model, x);
  const auto eeg = ember::analysis::analyze_eeg(a, ember::analysis::WelchEstimator(64, 200.0f));
  const auto fmri = ember::analysis::analyze_fmri(m->model, a, 8);
  const auto c = ember::analysis::analyze_consistency(eeg, nullptr, fmri);
  ASSERT_EQ(c.layers.size(), 1u);
  EXPECT_NEAR(c.layers[0].spearman, 1.0, 1e-9);
  EXPECT_NEAR(c.overall.spearman, 1.0, 1e-9);
}

TEST(NnFmri, RecordingRefusesAModelWithoutAHiddenLayer) {
  ember::exporters::ModelSpec spec;
  spec.name = "flat";
  spec.layers.push_back(analysis_test::dense(2, 1, ember::Activation::identity, {1, 1}, {0}));
  auto m = analysis_test::load(spec);
  ASSERT_NE(m, nullptr);
  EXPECT_THROW(ember::analysis::record_activations(m->model, {1, 2}), std::runtime_error);
}

}  // namespace
