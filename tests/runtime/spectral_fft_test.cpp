// The runtime's real FFT against a naive O(n^2) DFT in double, on every power-of-two size it supports.
// Runs on the host and on every target (the host GoogleTest in tests/analysis also checks it against KissFFT).
#include <math.h>
#include <stdint.h>

#include "ember/spectral/real_fft.hpp"
#include "unit_test.hpp"

namespace {

using ember::spectral::kMaxFftSize;

uint32_t lcg_state = 12345u;
float next_uniform() {  // in [-1, 1)
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return static_cast<float>(lcg_state >> 8) / 8388608.0f - 1.0f;
}

float twiddles[kMaxFftSize];
float samples[kMaxFftSize];
float bins[kMaxFftSize + 2];

// Largest |X_fft - X_dft| over all bins, divided by sqrt(n) (the size of a bin of unit-variance noise), so
// that one tolerance fits every size.
double roots_cos[kMaxFftSize], roots_sin[kMaxFftSize];

double worst_error(uint32_t n) {
  // Double-precision roots of unity, once per size, so the O(n^2) reference stays quick on soft-float cores.
  for (uint32_t j = 0; j < n; ++j) ember::spectral::unit_root(j, n, &roots_cos[j], &roots_sin[j]);
  double worst = 0.0;
  for (uint32_t k = 0; k <= n / 2; ++k) {
    double re = 0.0, im = 0.0;
    for (uint32_t t = 0; t < n; ++t) {
      const uint32_t j = (k * t) % n;
      re += samples[t] * roots_cos[j];
      im -= samples[t] * roots_sin[j];
    }
    const double err = fabs(re - bins[2 * k]) + fabs(im - bins[2 * k + 1]);
    if (err > worst) worst = err;
  }
  return worst / sqrt(static_cast<double>(n));
}

}  // namespace

TEST_CASE(unit_roots_are_exact_at_the_octants_and_on_the_unit_circle) {
  double c, s;
  ember::spectral::unit_root(32, 256, &c, &s);
  CHECK(fabs(c - 0.70710678118654752) < 1e-15 && fabs(s - 0.70710678118654752) < 1e-15);
  ember::spectral::unit_root(64, 256, &c, &s);
  CHECK(fabs(c) < 1e-15 && fabs(s - 1.0) < 1e-15);
  for (uint32_t k = 0; k < 256; ++k) {
    ember::spectral::unit_root(k, 256, &c, &s);
    CHECK(fabs(c * c + s * s - 1.0) < 1e-14);
  }
}

TEST_CASE(real_fft_matches_a_double_dft_within_1e_5_on_random_inputs_for_every_size) {
  for (uint32_t n = ember::spectral::kMinFftSize; n <= kMaxFftSize; n *= 2) {
    REQUIRE(ember::spectral::make_real_fft_twiddles(n, twiddles));
    for (int trial = 0; trial < 3; ++trial) {
      for (uint32_t t = 0; t < n; ++t) samples[t] = next_uniform();
      REQUIRE(ember::spectral::real_fft(n, twiddles, samples, bins));
      const double err = worst_error(n);
      if (!(err < 1e-5)) printf("  n=%u error %.3g\n", static_cast<unsigned>(n), err);
      CHECK(err < 1e-5);
    }
  }
}

TEST_CASE(real_fft_puts_a_bin_centred_cosine_in_its_bin_only) {
  const uint32_t n = 64;
  REQUIRE(ember::spectral::make_real_fft_twiddles(n, twiddles));
  for (uint32_t t = 0; t < n; ++t) {
    double c, s;
    ember::spectral::unit_root(5 * t, n, &c, &s);
    samples[t] = static_cast<float>(c);
  }
  REQUIRE(ember::spectral::real_fft(n, twiddles, samples, bins));
  for (uint32_t k = 0; k <= n / 2; ++k) {
    const double expected = k == 5 ? n / 2.0 : 0.0;
    CHECK(fabs(bins[2 * k] - expected) < 1e-4 && fabs(bins[2 * k + 1]) < 1e-4);
  }
}

TEST_CASE(real_fft_rejects_sizes_that_are_not_supported_powers_of_two) {
  CHECK(!ember::spectral::make_real_fft_twiddles(100, twiddles));
  CHECK(!ember::spectral::make_real_fft_twiddles(512, twiddles));
  CHECK(!ember::spectral::make_real_fft_twiddles(2, twiddles));
  CHECK(!ember::spectral::real_fft(48, twiddles, samples, bins));
  CHECK(!ember::spectral::real_fft(64, twiddles, samples, nullptr));
}
