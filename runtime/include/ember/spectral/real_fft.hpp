// Fixed-size real FFT for the device: power-of-two sizes 4 to 256, twiddles in a caller-provided buffer,
// no heap, no libm. The twiddles are computed with our own sine/cosine (double-precision Taylor series on
// an angle reduced to [0, pi/4], error below 1e-15), so every target gets the same table.
//
//   static float twiddles[ember::spectral::real_fft_twiddle_floats(256)];
//   ember::spectral::make_real_fft_twiddles(256, twiddles);
//   float bins[256 + 2];                    // 129 complex bins, interleaved re, im
//   ember::spectral::real_fft(256, twiddles, samples, bins);
//
// Output convention (the same as KissFFT's kiss_fftr): X[k] = sum_t x[t] e^{-2 pi i k t / n}, unscaled,
// for k = 0 .. n/2; X[0] and X[n/2] have zero imaginary parts.
#ifndef EMBER_SPECTRAL_REAL_FFT_HPP
#define EMBER_SPECTRAL_REAL_FFT_HPP

#include <stddef.h>
#include <stdint.h>

namespace ember {
namespace spectral {

constexpr uint32_t kMinFftSize = 4;
constexpr uint32_t kMaxFftSize = 256;

constexpr bool is_supported_fft_size(uint32_t n) {
  return n >= kMinFftSize && n <= kMaxFftSize && (n & (n - 1)) == 0;
}

// Floats of the twiddle table for size n: n/2 complex roots e^{-2 pi i k / n}, interleaved.
constexpr size_t real_fft_twiddle_floats(uint32_t n) { return n; }
// Floats of the output: n/2 + 1 complex bins.
constexpr size_t real_fft_output_floats(uint32_t n) { return n + 2; }

// Fills `twiddles` (real_fft_twiddle_floats(n) floats). Returns false for an unsupported size.
bool make_real_fft_twiddles(uint32_t n, float* twiddles);

// `in`: n samples; `out`: real_fft_output_floats(n) floats, must not overlap `in`. Returns false for an
// unsupported size or null pointers.
bool real_fft(uint32_t n, const float* twiddles, const float* in, float* out);

// cos and sin of 2 pi k / n for a power-of-two n, exact octant reduction plus Taylor series in double.
void unit_root(uint32_t k, uint32_t n, double* cosine, double* sine);

}  // namespace spectral
}  // namespace ember

#endif  // EMBER_SPECTRAL_REAL_FFT_HPP
