#include "ember/spectral/real_fft.hpp"

namespace ember {
namespace spectral {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Taylor series for |x| <= pi/4: the 17th-order remainder is below (pi/4)^17 / 17! ~ 1e-16.
void sin_cos_small(double x, double* c, double* s) {
  const double x2 = x * x;
  double term_s = x, term_c = 1.0, sum_s = x, sum_c = 1.0;
  for (int i = 1; i <= 8; ++i) {
    term_s *= -x2 / static_cast<double>((2 * i) * (2 * i + 1));
    term_c *= -x2 / static_cast<double>((2 * i - 1) * (2 * i));
    sum_s += term_s;
    sum_c += term_c;
  }
  *c = sum_c;
  *s = sum_s;
}

uint32_t reverse_bits(uint32_t value, uint32_t bits) {
  uint32_t r = 0;
  for (uint32_t b = 0; b < bits; ++b) {
    r = (r << 1) | (value & 1u);
    value >>= 1;
  }
  return r;
}

// In-place radix-2 decimation-in-time FFT of m complex values; twiddle for size m at step j is the
// size-n table entry j * (n / m).
void complex_fft(float* z, uint32_t m, const float* twiddles, uint32_t table_stride) {
  uint32_t bits = 0;
  while ((1u << bits) < m) ++bits;
  for (uint32_t i = 0; i < m; ++i) {
    const uint32_t j = reverse_bits(i, bits);
    if (j > i) {
      const float re = z[2 * i], im = z[2 * i + 1];
      z[2 * i] = z[2 * j];
      z[2 * i + 1] = z[2 * j + 1];
      z[2 * j] = re;
      z[2 * j + 1] = im;
    }
  }
  for (uint32_t half = 1; half < m; half *= 2) {
    const uint32_t step = (m / (2 * half)) * table_stride;
    for (uint32_t start = 0; start < m; start += 2 * half) {
      for (uint32_t j = 0; j < half; ++j) {
        const float wr = twiddles[2 * j * step], wi = twiddles[2 * j * step + 1];
        float* a = z + 2 * (start + j);
        float* b = z + 2 * (start + j + half);
        const float tr = b[0] * wr - b[1] * wi;
        const float ti = b[0] * wi + b[1] * wr;
        b[0] = a[0] - tr;
        b[1] = a[1] - ti;
        a[0] += tr;
        a[1] += ti;
      }
    }
  }
}

}  // namespace

void unit_root(uint32_t k, uint32_t n, double* cosine, double* sine) {
  k %= n;
  // Reduce the angle 2 pi k / n by quarter turns, then by the reflection about pi/4, all on integers so
  // that the reduction itself adds no rounding error.
  const uint32_t quarter = n / 4;
  const uint32_t quadrant = k / quarter;
  const uint32_t r = k % quarter;  // angle within the quadrant: 2 pi r / n in [0, pi/2)
  double c, s;
  if (2 * r <= quarter) {
    sin_cos_small(2.0 * kPi * static_cast<double>(r) / static_cast<double>(n), &c, &s);
  } else {
    double c2, s2;
    sin_cos_small(2.0 * kPi * static_cast<double>(quarter - r) / static_cast<double>(n), &c2, &s2);
    c = s2;
    s = c2;
  }
  switch (quadrant) {
    case 0: *cosine = c; *sine = s; break;
    case 1: *cosine = -s; *sine = c; break;
    case 2: *cosine = -c; *sine = -s; break;
    default: *cosine = s; *sine = -c; break;
  }
}

bool make_real_fft_twiddles(uint32_t n, float* twiddles) {
  if (!is_supported_fft_size(n) || twiddles == nullptr) return false;
  for (uint32_t k = 0; k < n / 2; ++k) {
    double c, s;
    unit_root(k, n, &c, &s);
    twiddles[2 * k] = static_cast<float>(c);
    twiddles[2 * k + 1] = static_cast<float>(-s);
  }
  return true;
}

bool real_fft(uint32_t n, const float* twiddles, const float* in, float* out) {
  if (!is_supported_fft_size(n) || twiddles == nullptr || in == nullptr || out == nullptr) return false;
  // Pack the n reals as m = n/2 complex values z[t] = x[2t] + i x[2t+1], transform, then split the
  // spectrum of z into the spectra of the even and odd samples and combine them.
  const uint32_t m = n / 2;
  for (uint32_t i = 0; i < n; ++i) out[i] = in[i];
  complex_fft(out, m, twiddles, 2);

  const float z0r = out[0], z0i = out[1];
  out[0] = z0r + z0i;
  out[1] = 0.0f;
  out[2 * m] = z0r - z0i;
  out[2 * m + 1] = 0.0f;
  // X[k] = E[k] + W^k O[k] with E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i,
  // computed for k and m - k together so that the split works in place.
  for (uint32_t k = 1; k <= m / 2; ++k) {
    const uint32_t j = m - k;
    const float ar = out[2 * k], ai = out[2 * k + 1];
    const float br = out[2 * j], bi = out[2 * j + 1];
    const float er = 0.5f * (ar + br), ei = 0.5f * (ai - bi);
    const float orr = 0.5f * (ai + bi), oi = -0.5f * (ar - br);
    const float wr = twiddles[2 * k], wi = twiddles[2 * k + 1];
    const float tr = orr * wr - oi * wi, ti = orr * wi + oi * wr;
    out[2 * k] = er + tr;
    out[2 * k + 1] = ei + ti;
    // For index j: E[j] = conj E[k], O[j] = conj O[k], W^j = -conj W^k.
    out[2 * j] = er - tr;
    out[2 * j + 1] = -ei + ti;
  }
  return true;
}

}  // namespace spectral
}  // namespace ember
