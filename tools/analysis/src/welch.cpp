#include "ember/analysis/welch.hpp"

#include <kissfft/kiss_fftr.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "ember/spectral/real_fft.hpp"

namespace ember::analysis {

struct WelchEstimator::Plan {
  kiss_fftr_cfg cfg = nullptr;
  mutable std::vector<float> segment;
  mutable std::vector<kiss_fft_cpx> bins;
  ~Plan() { kiss_fftr_free(cfg); }
};

WelchEstimator::WelchEstimator(std::uint32_t window, float rate_hz)
    : WelchEstimator(window, rate_hz, spectral::default_bands(rate_hz)) {}

WelchEstimator::WelchEstimator(std::uint32_t window, float rate_hz, const spectral::BandSet& bands)
    : window_(window), rate_hz_(rate_hz), bands_(bands), plan_(std::make_unique<Plan>()) {
  if (!spectral::is_supported_fft_size(window))
    throw std::invalid_argument("--window " + std::to_string(window) + " is not a power of two from 4 to 256");
  plan_->cfg = kiss_fftr_alloc(static_cast<int>(window), 0, nullptr, nullptr);
  if (plan_->cfg == nullptr) throw std::runtime_error("KissFFT could not allocate a plan");
  plan_->segment.resize(window);
  plan_->bins.resize(window / 2 + 1);
  double sum_squares = 0;
  hann_.resize(window);
  for (std::uint32_t t = 0; t < window; ++t) {
    // The device computes the same periodic Hann window with its own cosine; both round to the same floats.
    double c, s;
    spectral::unit_root(t, window, &c, &s);
    hann_[t] = static_cast<float>(0.5 - 0.5 * c);
    sum_squares += static_cast<double>(hann_[t]) * hann_[t];
  }
  density_scale_ = 1.0 / (static_cast<double>(rate_hz) * sum_squares);
}

WelchEstimator::~WelchEstimator() = default;

std::size_t WelchEstimator::segments(std::size_t samples) const {
  return samples < window_ ? 0 : (samples - window_) / (window_ / 2) + 1;
}

void WelchEstimator::transform(const float* samples, std::vector<float>& bins) const {
  kiss_fftr(plan_->cfg, samples, plan_->bins.data());
  bins.resize(window_ + 2);
  for (std::uint32_t k = 0; k <= window_ / 2; ++k) {
    bins[2 * k] = plan_->bins[k].r;
    bins[2 * k + 1] = plan_->bins[k].i;
  }
}

void WelchEstimator::psd(const float* series, std::size_t samples, std::size_t stride, std::vector<float>& psd) const {
  const std::size_t count = segments(samples);
  if (count == 0)
    throw std::invalid_argument("--window " + std::to_string(window_) + " is larger than the data (" +
                                std::to_string(samples) + " rows)");
  const std::uint32_t bins = window_ / 2 + 1;
  std::vector<double> sum(bins, 0.0);
  for (std::size_t s = 0; s < count; ++s) {
    const float* first = series + s * (window_ / 2) * stride;
    double mean = 0;
    for (std::uint32_t t = 0; t < window_; ++t) mean += first[t * stride];
    mean /= window_;
    for (std::uint32_t t = 0; t < window_; ++t)
      plan_->segment[t] = static_cast<float>((first[t * stride] - mean) * hann_[t]);
    kiss_fftr(plan_->cfg, plan_->segment.data(), plan_->bins.data());
    for (std::uint32_t k = 0; k < bins; ++k) {
      const double re = plan_->bins[k].r, im = plan_->bins[k].i;
      const double one_sided = (k == 0 || k == bins - 1) ? 1.0 : 2.0;
      sum[k] += (re * re + im * im) * one_sided * density_scale_;
    }
  }
  psd.resize(bins);
  for (std::uint32_t k = 0; k < bins; ++k) psd[k] = static_cast<float>(sum[k] / static_cast<double>(count));
}

}  // namespace ember::analysis
