#include "dense_f32_tile_avx2.hpp"

#ifdef EMBER_X86_AVX2_KERNELS

#include <immintrin.h>

namespace ember {
namespace {

// Everything below is compiled for AVX2 through the target attribute, so the rest of the runtime keeps
// the build's baseline instruction set and this file is only entered after the processor check in
// dense_f32_tile.cpp. FMA is deliberately not enabled: a fused multiply-add rounds once where dense_f32
// rounds twice, and every kernel must give dense_f32's bits.
#define EMBER_AVX2 __attribute__((target("avx2"), always_inline)) inline

// A tile is two 8-lane vectors: samples 0..7 and 8..15 of one feature.
static_assert(kDenseTile == 16, "the AVX2 kernel holds a tile in two 256-bit vectors");

EMBER_AVX2 __m256 splat(const float* p) { return _mm256_broadcast_ss(p); }
EMBER_AVX2 __m256 load(const float* p) { return _mm256_loadu_ps(p); }
EMBER_AVX2 __m256 mul(__m256 a, __m256 b) { return _mm256_mul_ps(a, b); }
EMBER_AVX2 __m256 add(__m256 a, __m256 b) { return _mm256_add_ps(a, b); }

// bias + ((s0 + s1) + (s2 + s3)), then ReLU when asked: dense_f32's last step, for 8 samples.
EMBER_AVX2 __m256 finish(__m256 bias, __m256 s0, __m256 s1, __m256 s2, __m256 s3, bool relu) {
  const __m256 sum = add(bias, add(add(s0, s1), add(s2, s3)));
  return relu ? _mm256_max_ps(sum, _mm256_setzero_ps()) : sum;
}

// ---- Wide layers (12 inputs or more) ------------------------------------------------------------------
// Rows outputs at once, one partial sum s_k (inputs k, k + 4, k + 8, ...) at a time: the two input vectors
// of a step stay in registers and feed 2 x Rows multiply-adds, 2 x Rows accumulators hide the add latency,
// and loads (two input vectors, Rows broadcast weights per step) stay well under the core's load ports.
// Measured on Zen 3 (docs/performance.md): 4 rows run the 64 -> 32 layer at about 70 % of the best-round
// mul+add peak; 5 and 6 rows were no faster, and reloading the inputs for every row (what GCC generated
// from the portable source) reached about 62 %.
constexpr uint32_t kWideRows = 4;

template <uint32_t Rows>
using Sums = __m256[Rows][2];

// acc = s_k for every row: starts from the product of input k, then adds inputs k + 4, k + 8, ... < whole.
template <uint32_t Rows>
EMBER_AVX2 void partial_sum(const float* weights, uint32_t in_width, const float* x, uint32_t k, uint32_t whole,
                            Sums<Rows>& acc) {
  {
    const __m256 x0 = load(x + k * kDenseTile), x1 = load(x + k * kDenseTile + 8);
    for (uint32_t r = 0; r < Rows; ++r) {
      const __m256 w = splat(weights + r * in_width + k);
      acc[r][0] = mul(w, x0);
      acc[r][1] = mul(w, x1);
    }
  }
  for (uint32_t i = k + 4; i < whole; i += 4) {
    const __m256 x0 = load(x + i * kDenseTile), x1 = load(x + i * kDenseTile + 8);
    for (uint32_t r = 0; r < Rows; ++r) {
      const __m256 w = splat(weights + r * in_width + i);
      acc[r][0] = add(acc[r][0], mul(w, x0));
      acc[r][1] = add(acc[r][1], mul(w, x1));
    }
  }
}

// Rows outputs of a layer with whole = in_width & ~3 >= 4. s0 (with the leftover inputs) and then s0 + s1
// are parked in the output tile, s2 in a stack stash, so only one set of accumulators is live.
template <uint32_t Rows>
EMBER_AVX2 void wide_rows(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                          bool relu) {
  const uint32_t whole = in_width & ~3u;
  Sums<Rows> acc, s2;
  partial_sum<Rows>(weights, in_width, x, 0, whole, acc);
  for (uint32_t i = whole; i < in_width; ++i) {
    const __m256 x0 = load(x + i * kDenseTile), x1 = load(x + i * kDenseTile + 8);
    for (uint32_t r = 0; r < Rows; ++r) {
      const __m256 w = splat(weights + r * in_width + i);
      acc[r][0] = add(acc[r][0], mul(w, x0));
      acc[r][1] = add(acc[r][1], mul(w, x1));
    }
  }
  for (uint32_t r = 0; r < Rows; ++r)
    for (uint32_t v = 0; v < 2; ++v) _mm256_storeu_ps(y + r * kDenseTile + 8 * v, acc[r][v]);
  partial_sum<Rows>(weights, in_width, x, 1, whole, acc);
  for (uint32_t r = 0; r < Rows; ++r)
    for (uint32_t v = 0; v < 2; ++v) {
      float* out = y + r * kDenseTile + 8 * v;
      _mm256_storeu_ps(out, add(load(out), acc[r][v]));
    }
  partial_sum<Rows>(weights, in_width, x, 2, whole, s2);
  partial_sum<Rows>(weights, in_width, x, 3, whole, acc);
  for (uint32_t r = 0; r < Rows; ++r) {
    const __m256 b = splat(bias + r);
    for (uint32_t v = 0; v < 2; ++v) {
      float* out = y + r * kDenseTile + 8 * v;
      // `out` already holds s0 + s1: the rest of finish(), spelled out.
      const __m256 sum = add(b, add(load(out), add(s2[r][v], acc[r][v])));
      _mm256_storeu_ps(out, relu ? _mm256_max_ps(sum, _mm256_setzero_ps()) : sum);
    }
  }
}

__attribute__((target("avx2"))) void wide_layer(const float* weights, const float* bias, const float* x, float* y,
                                                uint32_t in_width, uint32_t out_width, bool relu) {
  uint32_t o = 0;
  for (; o + kWideRows <= out_width; o += kWideRows)
    wide_rows<kWideRows>(weights + o * in_width, bias + o, x, y + o * kDenseTile, in_width, relu);
  for (; o + 2 <= out_width; o += 2)
    wide_rows<2>(weights + o * in_width, bias + o, x, y + o * kDenseTile, in_width, relu);
  for (; o < out_width; ++o) wide_rows<1>(weights + o * in_width, bias + o, x, y + o * kDenseTile, in_width, relu);
}

// ---- Narrow layers (fewer than 12 inputs) -------------------------------------------------------------
// A partial sum has at most three terms here, so parking it costs more than computing it: all four stay in
// registers, and the whole input tile (InWidth x 2 vectors) is loaded once for every output of the layer.
// For the 5-input first layer of the 5D model this halves the layer's time against reloading the inputs.
template <uint32_t InWidth>
__attribute__((target("avx2"))) void narrow_layer(const float* weights, const float* bias, const float* x, float* y,
                                                  uint32_t out_width, bool relu) {
  constexpr uint32_t kWhole = InWidth & ~3u;
  __m256 xs[InWidth][2];
  for (uint32_t i = 0; i < InWidth; ++i)
    for (uint32_t v = 0; v < 2; ++v) xs[i][v] = load(x + i * kDenseTile + 8 * v);
  for (uint32_t o = 0; o < out_width; ++o) {
    const float* row = weights + o * InWidth;
    __m256 s[4][2];
    uint32_t i = 0;
    if (kWhole >= 4) {
      for (uint32_t k = 0; k < 4; ++k) {
        const __m256 w = splat(row + k);
        for (uint32_t v = 0; v < 2; ++v) s[k][v] = mul(w, xs[k][v]);
      }
      i = 4;
    } else {
      for (uint32_t k = 0; k < 4; ++k)
        for (uint32_t v = 0; v < 2; ++v) s[k][v] = _mm256_setzero_ps();
    }
    for (; i < kWhole; ++i) {
      const __m256 w = splat(row + i);
      for (uint32_t v = 0; v < 2; ++v) s[i % 4][v] = add(s[i % 4][v], mul(w, xs[i][v]));
    }
    for (i = kWhole; i < InWidth; ++i) {
      const __m256 w = splat(row + i);
      for (uint32_t v = 0; v < 2; ++v) s[0][v] = add(s[0][v], mul(w, xs[i][v]));
    }
    const __m256 b = splat(bias + o);
    for (uint32_t v = 0; v < 2; ++v)
      _mm256_storeu_ps(y + o * kDenseTile + 8 * v, finish(b, s[0][v], s[1][v], s[2][v], s[3][v], relu));
  }
}

}  // namespace

bool dense_f32_tile_avx2(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                         uint32_t out_width, bool relu) {
  switch (in_width) {
    case 0: return false;
    case 1: narrow_layer<1>(weights, bias, x, y, out_width, relu); return true;
    case 2: narrow_layer<2>(weights, bias, x, y, out_width, relu); return true;
    case 3: narrow_layer<3>(weights, bias, x, y, out_width, relu); return true;
    case 4: narrow_layer<4>(weights, bias, x, y, out_width, relu); return true;
    case 5: narrow_layer<5>(weights, bias, x, y, out_width, relu); return true;
    case 6: narrow_layer<6>(weights, bias, x, y, out_width, relu); return true;
    case 7: narrow_layer<7>(weights, bias, x, y, out_width, relu); return true;
    case 8: narrow_layer<8>(weights, bias, x, y, out_width, relu); return true;
    case 9: narrow_layer<9>(weights, bias, x, y, out_width, relu); return true;
    case 10: narrow_layer<10>(weights, bias, x, y, out_width, relu); return true;
    case 11: narrow_layer<11>(weights, bias, x, y, out_width, relu); return true;
    default: wide_layer(weights, bias, x, y, in_width, out_width, relu); return true;
  }
}

}  // namespace ember

#endif  // EMBER_X86_AVX2_KERNELS
