// dense_s8 on host vector units, on the blob's weight layout (ember/dense_s8_layout.hpp), by the DSP
// kernel's arithmetic (dense_s8_dsp.cpp): the input plus input_offset is widened to int16 once per layer in
// the layout's order (within ±255, so it fits, zero past in_width); each 16-byte block of four rows and four
// inputs is read as eight int16 lanes, (w_even + 128) + 256 · w_odd, and multiplied by the block's inputs
// into int32 lanes (SSE2 PMADDWD, NEON SMLAL) for the pairs' sums A, and shifted right by 8 (w_odd) for the
// odd rows' sums B; the even row is A − 256·B − 128·Σ x. The lanes wrap modulo 2^32 like the reference's
// unsigned sum, and integer addition in any order gives the same bits. Requantization is the reference's
// requantize(). Kind 3's int16 input comes through the same entry (kInt16Input), put in the same order.
#include "dense_s8_simd.hpp"

#if EMBER_HAVE_DENSE_S8_SIMD
#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"
#if defined(__SSE2__)
#include <emmintrin.h>
#else
#include <arm_neon.h>
#endif

namespace ember {
namespace {

// The sums A and B of a group's two pairs of rows over `chunks` blocks: {A0, B0, A1, B1}.
inline void group_sums(const uint8_t* blocks, const int16_t* xs, uint32_t chunks, uint32_t* sums) {
#if defined(__SSE2__)
  __m128i a = _mm_setzero_si128(), b = _mm_setzero_si128();
  for (uint32_t c = 0; c < chunks; ++c) {
    const __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * c));
    const __m128i x4 = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(xs + 4 * c));
    const __m128i x8 = _mm_unpacklo_epi64(x4, x4);
    a = _mm_add_epi32(a, _mm_madd_epi16(raw, x8));
    b = _mm_add_epi32(b, _mm_madd_epi16(_mm_srai_epi16(raw, 8), x8));
  }
  // Lanes 0, 1 belong to the first pair, 2, 3 to the second.
  alignas(16) uint32_t la[4], lb[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(la), a);
  _mm_store_si128(reinterpret_cast<__m128i*>(lb), b);
  sums[0] = la[0] + la[1];
  sums[1] = lb[0] + lb[1];
  sums[2] = la[2] + la[3];
  sums[3] = lb[2] + lb[3];
#else
  int32x4_t a0 = vdupq_n_s32(0), b0 = a0, a1 = a0, b1 = a0;
  for (uint32_t c = 0; c < chunks; ++c) {
    const int16x8_t raw = vreinterpretq_s16_u8(vld1q_u8(blocks + 16 * c)), odd = vshrq_n_s16(raw, 8);
    const int16x4_t x4 = vld1_s16(xs + 4 * c);
    a0 = vmlal_s16(a0, vget_low_s16(raw), x4);
    a1 = vmlal_s16(a1, vget_high_s16(raw), x4);
    b0 = vmlal_s16(b0, vget_low_s16(odd), x4);
    b1 = vmlal_s16(b1, vget_high_s16(odd), x4);
  }
  sums[0] = static_cast<uint32_t>(vaddvq_s32(a0));
  sums[1] = static_cast<uint32_t>(vaddvq_s32(b0));
  sums[2] = static_cast<uint32_t>(vaddvq_s32(a1));
  sums[3] = static_cast<uint32_t>(vaddvq_s32(b1));
#endif
}

int8_t output(uint32_t acc, int32_t multiplier, int32_t shift, const DenseS8Params& params) {
  int64_t v = int64_t{requantize(static_cast<int32_t>(acc), multiplier, shift)} + params.output_offset;
  v = v < params.activation_min ? params.activation_min : v;
  v = v > params.activation_max ? params.activation_max : v;
  return static_cast<int8_t>(v);
}

}  // namespace

// The target's dense_s8 (dense_s8_simd.hpp).
void dense_s8(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
              const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
              void* scratch) {
  // The input in the layout's chunk order, zero past in_width: int8 codes plus input_offset, or kind 3's
  // int16 codes as they are (kInt16Input).
  int16_t* xs = static_cast<int16_t*>(scratch);
  const bool wide = params.input_offset == kInt16Input;
  const int16_t* x16 = reinterpret_cast<const int16_t*>(x);
  const uint32_t cols = dense_s8_padded(in_width);
  uint32_t sum = 0;
  for (uint32_t i = 0; i < cols; ++i) {
    const int32_t v = i >= in_width ? 0 : wide ? x16[i] : x[i] + params.input_offset;
    xs[(i & ~3u) + 2 * (i % 2) + (i % 4) / 2] = static_cast<int16_t>(v);
    sum += static_cast<uint32_t>(v);
  }

  const uint32_t chunks = cols / 4;
  const uint32_t correction = 128u * sum;
  for (uint32_t o = 0; o < out_width; o += 4, weights += 16 * chunks) {
    uint32_t s[4];
    group_sums(weights, xs, chunks, s);
    // Rows 4g, 4g + 2 (even): A − 256·B − 128·Σ x; rows 4g + 1, 4g + 3 (odd): B.
    const uint32_t sums[4] = {s[0] - (s[1] << 8) - correction, s[1], s[2] - (s[3] << 8) - correction, s[3]};
    const uint32_t rows = out_width - o < 4 ? out_width - o : 4;
    for (uint32_t k = 0; k < rows; ++k)
      y[o + k] = output(static_cast<uint32_t>(bias[o + k]) + sums[k], multiplier[o + k], shift[o + k], params);
  }
}

}  // namespace ember
#endif
