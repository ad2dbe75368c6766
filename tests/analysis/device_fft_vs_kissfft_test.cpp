// The device FFT (runtime/src/spectral) against KissFFT on the host, and the device probe's NN-EEG figures
// against the host's Welch estimate on the same stream.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/nn_eeg.hpp"
#include "ember/analysis/welch.hpp"
#include "ember/spectral/band_power_probe.hpp"
#include "ember/spectral/real_fft.hpp"
#include "test_models.hpp"

namespace {

TEST(DeviceFft, MatchesKissFftWithin1e5OnRandomInputsForEverySize) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (std::uint32_t n = 4; n <= 256; n *= 2) {
    std::vector<float> twiddles(n), device(n + 2), reference, x(n);
    ASSERT_TRUE(ember::spectral::make_real_fft_twiddles(n, twiddles.data()));
    const ember::analysis::WelchEstimator kiss(n, 200.0f);
    for (int trial = 0; trial < 5; ++trial) {
      for (float& v : x) v = uniform(rng);
      ASSERT_TRUE(ember::spectral::real_fft(n, twiddles.data(), x.data(), device.data()));
      kiss.transform(x.data(), reference);
      for (std::uint32_t i = 0; i < n + 2; ++i)
        EXPECT_NEAR(device[i] / std::sqrt(float(n)), reference[i] / std::sqrt(float(n)), 1e-5) << "n=" << n << " i=" << i;
    }
  }
}

TEST(DeviceProbe, PrintsTheSameFiguresAsTheHostAnalysisOnTheSameStream) {
  auto m = analysis_test::load(analysis_test::linear_model());
  ASSERT_NE(m, nullptr);
  const std::size_t rows = 1000;
  std::vector<float> inputs;
  std::mt19937 rng(3);
  std::normal_distribution<float> noise(0.0f, 0.3f);
  for (std::size_t t = 0; t < rows; ++t) {
    inputs.push_back(std::sin(2.0f * 3.14159265f * 11.0f * t / 250.0f) + noise(rng));
    inputs.push_back(std::cos(2.0f * 3.14159265f * 47.0f * t / 250.0f) + noise(rng));
  }
  const auto activations = ember::analysis::record_activations(m->model, inputs);
  const ember::analysis::WelchEstimator welch(64, 250.0f);
  const auto host = ember::analysis::analyze_eeg(activations, welch);

  std::vector<float> memory(ember::spectral_probe_bytes(3, 64) / sizeof(float));
  ember::spectral::BandPowerProbe probe;
  ASSERT_EQ(probe.init(m->model, 64, 250.0f, memory.data(), memory.size() * sizeof(float)), ember::Status::ok);
  m->model.set_observer(&ember::spectral::BandPowerProbe::observe, &probe);
  std::vector<float> y(1);
  for (std::size_t t = 0; t < rows; ++t) ASSERT_EQ(m->model.run(&inputs[2 * t], y.data()), ember::Status::ok);
  m->model.set_observer(nullptr, nullptr);

  ASSERT_EQ(probe.segments(), host.segments);
  for (std::uint32_t n = 0; n < 3; ++n) {
    const auto device = probe.neuron(n);
    const auto& reference = host.layers[0].neurons[n];
    for (std::uint32_t b = 0; b < ember::spectral::kBandCount; ++b)
      EXPECT_NEAR(device.relative[b], reference.relative[b], 1e-4) << "neuron " << n << " band " << b;
    EXPECT_NEAR(device.total_power, reference.total_power, 1e-4 * reference.total_power);
    EXPECT_NEAR(device.centroid_hz, reference.centroid_hz, 1e-3);
    EXPECT_NEAR(device.entropy, reference.entropy, 1e-4);
  }
}

}  // namespace
