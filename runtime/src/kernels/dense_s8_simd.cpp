// dense_s8 on host vector units. The input plus input_offset is widened to int16 once per layer (within
// ±255, so it fits); each row then takes eight weights at a time, sign-extended to int16 and multiplied
// into int32 lanes (SSE2 PMADDWD, NEON SMLAL), which wrap modulo 2^32 like the reference's unsigned sum;
// integer addition in any order gives the same bits. Requantization is the reference's requantize().
// Measured against the reference on this project's x86-64 host (a 64 -> 32 layer, g++ -O3): 2.5 µs ->
// 0.82 µs per call.
#include "dense_s8_simd.hpp"

#if EMBER_HAVE_DENSE_S8_SIMD
#if defined(__SSE2__)
#include <emmintrin.h>
#else
#include <arm_neon.h>
#endif

namespace ember {
namespace {

// Σ_{i < main} widened[i] · row[i] for main a multiple of 8, as a wrapping 32-bit sum.
inline uint32_t sum_of_eights(const int8_t* row, const int16_t* widened, uint32_t main) {
#if defined(__SSE2__)
  __m128i acc = _mm_setzero_si128();
  for (uint32_t i = 0; i < main; i += 8) {
    const __m128i w8 = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(row + i));
    const __m128i w16 = _mm_srai_epi16(_mm_unpacklo_epi8(w8, w8), 8);  // each byte in a lane's high half
    const __m128i x16 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(widened + i));
    acc = _mm_add_epi32(acc, _mm_madd_epi16(w16, x16));
  }
  acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0x4E));
  acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0xB1));
  return static_cast<uint32_t>(_mm_cvtsi128_si32(acc));
#else
  int32x4_t acc = vdupq_n_s32(0);
  for (uint32_t i = 0; i < main; i += 8) {
    const int16x8_t w16 = vmovl_s8(vld1_s8(row + i));
    const int16x8_t x16 = vld1q_s16(widened + i);
    acc = vmlal_s16(acc, vget_low_s16(w16), vget_low_s16(x16));
    acc = vmlal_high_s16(acc, w16, x16);
  }
  return static_cast<uint32_t>(vaddvq_s32(acc));
#endif
}

}  // namespace

void dense_s8_simd(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                   const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                   void* scratch) {
  int16_t* widened = static_cast<int16_t*>(scratch);
  for (uint32_t i = 0; i < in_width; ++i) widened[i] = static_cast<int16_t>(x[i] + params.input_offset);
  const uint32_t main = in_width & ~7u;
  for (uint32_t o = 0; o < out_width; ++o) {
    const int8_t* row = weights + static_cast<uint64_t>(o) * in_width;
    uint32_t acc = static_cast<uint32_t>(bias[o]) + sum_of_eights(row, widened, main);
    for (uint32_t i = main; i < in_width; ++i) acc += static_cast<uint32_t>(widened[i] * row[i]);
    int64_t v = int64_t{requantize(static_cast<int32_t>(acc), multiplier[o], shift[o])} + params.output_offset;
    v = v < params.activation_min ? params.activation_min : v;
    v = v > params.activation_max ? params.activation_max : v;
    y[o] = static_cast<int8_t>(v);
  }
}

}  // namespace ember
#endif
