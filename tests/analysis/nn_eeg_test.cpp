#include <gtest/gtest.h>

#include <cmath>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/analysis_data.hpp"
#include "ember/analysis/nn_eeg.hpp"
#include "ember/analysis/welch.hpp"
#include "test_models.hpp"

namespace {

constexpr double kTwoPi = 6.283185307179586;

// Activations built by hand: neuron i = 2 + a_i sin(2 pi 6 t / rate) + b_i sin(2 pi 20 t / rate + 1).
ember::analysis::Activations two_tone_stream(std::size_t samples, float rate, std::uint16_t width) {
  ember::analysis::Activations a;
  a.samples = samples;
  ember::analysis::LayerActivations layer;
  layer.width = width;
  for (std::size_t t = 0; t < samples; ++t)
    for (std::uint16_t i = 0; i < width; ++i) {
      const double amp6 = 1.0 + 0.2 * i, amp20 = 0.3 + 0.15 * i;
      layer.values.push_back(static_cast<float>(2.0 + amp6 * std::sin(kTwoPi * 6.0 * t / rate) +
                                                amp20 * std::sin(kTwoPi * 20.0 * t / rate + 1.0)));
    }
  a.hidden.push_back(layer);
  return a;
}

TEST(NnEeg, Puts6HzAnd20HzPowerInThetaAndBetaWithin1PercentOfTheAnalyticSplit) {
  const float rate = 200.0f;
  const auto stream = two_tone_stream(4096, rate, 6);
  const ember::analysis::WelchEstimator welch(256, rate);
  const auto eeg = ember::analysis::analyze_eeg(stream, welch);
  ASSERT_EQ(eeg.layers.size(), 1u);
  EXPECT_EQ(eeg.segments, (4096u - 256u) / 128u + 1u);
  for (std::uint16_t i = 0; i < 6; ++i) {
    const double a2 = std::pow(1.0 + 0.2 * i, 2), b2 = std::pow(0.3 + 0.15 * i, 2);
    const auto& n = eeg.layers[0].neurons[i];
    EXPECT_NEAR(n.relative[1], a2 / (a2 + b2), 0.01) << "theta, neuron " << i;
    EXPECT_NEAR(n.relative[3], b2 / (a2 + b2), 0.01) << "beta, neuron " << i;
    EXPECT_NEAR(n.relative[0] + n.relative[2] + n.relative[4], 0.0, 0.01);
    // Parseval: a sine of amplitude A carries A^2 / 2 of power.
    EXPECT_NEAR(n.total_power, (a2 + b2) / 2, 0.02 * (a2 + b2) / 2);
    EXPECT_NEAR(n.centroid_hz, (6.0 * a2 + 20.0 * b2) / (a2 + b2), 0.3);
  }
}

TEST(NnEeg, ThroughAModelWithIdentityLayersTheSplitFollowsTheWeights) {
  // Inputs: sines:6,20 gives input i = sin(6 Hz + 0.7 i) + sin(20 Hz + 1.4 i) / 2. The hidden neurons
  // are input 0, input 1 and their sum, so each carries both tones with amplitudes that follow from the
  // phases; here check only that everything lands in theta and beta and nothing elsewhere.
  auto m = analysis_test::load(analysis_test::linear_model());
  ASSERT_NE(m, nullptr);
  const auto data = ember::analysis::load_stream("sines:6,20/2048", 2, {}, 200.0f);
  const auto activations = ember::analysis::record_activations(m->model, data.inputs);
  const auto eeg = ember::analysis::analyze_eeg(activations, ember::analysis::WelchEstimator(128, 200.0f));
  for (const auto& n : eeg.layers[0].neurons) {
    EXPECT_NEAR(n.relative[1] + n.relative[3], 1.0, 0.01);
  }
  // Neuron 0 = input 0: amplitudes 1 and 1/2, so theta 0.8 and beta 0.2.
  EXPECT_NEAR(eeg.layers[0].neurons[0].relative[1], 0.8, 0.01);
  EXPECT_NEAR(eeg.layers[0].neurons[0].relative[3], 0.2, 0.01);
}

TEST(NnEeg, CountsANeuronThatNeverMovesAsSilent) {
  ember::analysis::Activations a;
  a.samples = 256;
  ember::analysis::LayerActivations layer;
  layer.width = 2;
  // 10.9375 Hz is bin 7 of a 128-point window at 200 Hz; the Hann main lobe (bins 6-8) stays in alpha.
  for (std::size_t t = 0; t < 256; ++t) {
    layer.values.push_back(0.0f);
    layer.values.push_back(static_cast<float>(std::sin(kTwoPi * 10.9375 * t / 200.0)));
  }
  a.hidden.push_back(layer);
  const auto eeg = ember::analysis::analyze_eeg(a, ember::analysis::WelchEstimator(128, 200.0f));
  EXPECT_TRUE(eeg.layers[0].neurons[0].silent);
  EXPECT_FALSE(eeg.layers[0].neurons[1].silent);
  EXPECT_EQ(eeg.layers[0].summary.silent, 1u);
  EXPECT_NEAR(eeg.layers[0].summary.relative[2], 1.0, 0.01);  // the alpha neuron alone
}

TEST(NnEeg, RejectsAWindowLongerThanTheStreamAndSizesThatAreNotPowersOfTwo) {
  const auto stream = two_tone_stream(100, 200.0f, 1);
  EXPECT_THROW(ember::analysis::analyze_eeg(stream, ember::analysis::WelchEstimator(128, 200.0f)), std::invalid_argument);
  EXPECT_THROW(ember::analysis::WelchEstimator(100, 200.0f), std::invalid_argument);
  EXPECT_THROW(ember::analysis::WelchEstimator(512, 200.0f), std::invalid_argument);
}

}  // namespace
