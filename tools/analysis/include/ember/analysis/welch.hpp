// Welch's power spectral density on the host, with KissFFT's real FFT: Hann window (periodic), 50 %
// overlap, mean removed per segment, one-sided density in units^2 / Hz. Segments start at 0, window/2,
// window, ... and only whole segments count, exactly as the device probe (ember/spectral/band_power_probe.hpp)
// segments its stream, so both give the same figures.
#ifndef EMBER_ANALYSIS_WELCH_HPP
#define EMBER_ANALYSIS_WELCH_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "ember/spectral/band_power.hpp"

namespace ember::analysis {

class WelchEstimator {
 public:
  // `window`: a power of two from 4 to 256 (the device FFT's sizes); throws std::invalid_argument otherwise.
  // The PSD is summarized over `bands` (default: the EEG bands cut at rate_hz / 2, spectral::default_bands).
  WelchEstimator(std::uint32_t window, float rate_hz);
  WelchEstimator(std::uint32_t window, float rate_hz, const spectral::BandSet& bands);
  ~WelchEstimator();
  WelchEstimator(const WelchEstimator&) = delete;
  WelchEstimator& operator=(const WelchEstimator&) = delete;

  std::uint32_t window() const { return window_; }
  float rate_hz() const { return rate_hz_; }
  const spectral::BandSet& bands() const { return bands_; }
  std::size_t segments(std::size_t samples) const;

  // PSD (window/2 + 1 bins) of the series series[0], series[stride], ... of `samples` points, averaged over
  // all whole segments (needs samples >= window). The result is written to `psd`.
  void psd(const float* series, std::size_t samples, std::size_t stride, std::vector<float>& psd) const;

  // The raw real FFT (window/2 + 1 complex bins, interleaved) of `window` samples, for tests.
  void transform(const float* samples, std::vector<float>& bins) const;

 private:
  struct Plan;
  std::uint32_t window_;
  float rate_hz_;
  spectral::BandSet bands_;
  std::vector<float> hann_;
  double density_scale_;
  std::unique_ptr<Plan> plan_;
};

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_WELCH_HPP
