#include "ember/dense_f32_vector.hpp"

#include "cpu_features.hpp"

namespace ember {
namespace {

// Four floats as one value: one SSE or NEON register (scalars on cores without a vector unit).
typedef float f32x4 __attribute__((vector_size(16)));

// Rows computed together: each loaded slice of x feeds four multiply-adds.
constexpr uint32_t kRows = 4;

__attribute__((always_inline)) inline f32x4 load4(const float* p) {
  f32x4 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

// Lane k of acc is dense_f32's s_k; the leftover inputs go into s0 and the lanes are combined in
// dense_f32's order: bias + ((s0 + s1) + (s2 + s3)).
template <uint32_t Rows>
__attribute__((always_inline)) inline void rows(const float* weights, const float* bias, const float* x, float* y,
                                                uint32_t in_width) {
  f32x4 acc[Rows] = {};
  uint32_t i = 0;
  if (in_width >= 4) {  // each partial sum starts from its first product, as in dense_f32
    const f32x4 xv = load4(x);
    for (uint32_t r = 0; r < Rows; ++r) acc[r] = load4(weights + r * in_width) * xv;
    i = 4;
  }
  for (; i + 4 <= in_width; i += 4) {
    const f32x4 xv = load4(x + i);
    for (uint32_t r = 0; r < Rows; ++r) acc[r] = acc[r] + load4(weights + r * in_width + i) * xv;
  }
  for (uint32_t r = 0; r < Rows; ++r) {
    float s0 = acc[r][0];
    for (uint32_t j = i; j < in_width; ++j) s0 += weights[r * in_width + j] * x[j];
    y[r] = bias[r] + ((s0 + acc[r][1]) + (acc[r][2] + acc[r][3]));
  }
}

// Four rows at once, ending without per-row horizontal sums: the four accumulators are transposed so that
// vector k holds lane k (dense_f32's s_k) of every row, and the same additions run across the rows.
__attribute__((always_inline)) inline void four_rows(const float* weights, const float* bias, const float* x, float* y,
                                                     uint32_t in_width) {
  const float* w0 = weights;
  const float* w1 = weights + in_width;
  const float* w2 = weights + 2 * in_width;
  const float* w3 = weights + 3 * in_width;
  f32x4 a0{}, a1{}, a2{}, a3{};
  uint32_t i = 0;
  if (in_width >= 4) {  // each partial sum starts from its first product, as in dense_f32
    const f32x4 xv = load4(x);
    a0 = load4(w0) * xv;
    a1 = load4(w1) * xv;
    a2 = load4(w2) * xv;
    a3 = load4(w3) * xv;
    i = 4;
  }
  for (; i + 4 <= in_width; i += 4) {
    const f32x4 xv = load4(x + i);
    a0 = a0 + load4(w0 + i) * xv;
    a1 = a1 + load4(w1 + i) * xv;
    a2 = a2 + load4(w2 + i) * xv;
    a3 = a3 + load4(w3 + i) * xv;
  }
  const f32x4 t0 = __builtin_shufflevector(a0, a1, 0, 4, 1, 5);
  const f32x4 t1 = __builtin_shufflevector(a2, a3, 0, 4, 1, 5);
  const f32x4 t2 = __builtin_shufflevector(a0, a1, 2, 6, 3, 7);
  const f32x4 t3 = __builtin_shufflevector(a2, a3, 2, 6, 3, 7);
  f32x4 s0 = __builtin_shufflevector(t0, t1, 0, 1, 4, 5);
  const f32x4 s1 = __builtin_shufflevector(t0, t1, 2, 3, 6, 7);
  const f32x4 s2 = __builtin_shufflevector(t2, t3, 0, 1, 4, 5);
  const f32x4 s3 = __builtin_shufflevector(t2, t3, 2, 3, 6, 7);
  for (uint32_t j = i; j < in_width; ++j) s0 = s0 + f32x4{w0[j], w1[j], w2[j], w3[j]} * x[j];
  const f32x4 out = load4(bias) + ((s0 + s1) + (s2 + s3));
  __builtin_memcpy(y, &out, sizeof out);
}

__attribute__((always_inline)) inline void all_rows(const float* weights, const float* bias, const float* x, float* y,
                                                    uint32_t in_width, uint32_t out_width) {
  uint32_t o = 0;
  for (; o + kRows <= out_width; o += kRows) four_rows(weights + o * in_width, bias + o, x, y + o, in_width);
  for (; o < out_width; ++o) rows<1>(weights + o * in_width, bias + o, x, y + o, in_width);
}

// On x86-64 both builds start on a 64-byte boundary, so that their speed does not depend on where the
// linker happens to put this file. Unaligned, the same bytes ran Model::run on the 5D model about 10 ns (5 %)
// slower with all_rows_avx2 16 bytes past a boundary than at the other three 16-byte offsets, and the SSE
// build's speed moved with its own offset too (Zen 5; docs/performance.md, "Host float figures"): `ember`
// changed speed whenever code elsewhere in the binary grew or shrank.
#if defined(__x86_64__)
#define EMBER_LINK_INDEPENDENT_PLACEMENT __attribute__((aligned(64)))
#else
#define EMBER_LINK_INDEPENDENT_PLACEMENT
#endif

#ifdef EMBER_X86_AVX2_KERNELS
// The same 4-lane code inlined into an AVX2 function: the compiler emits VEX encodings (three operands, no
// register copies before each multiply), about 14 % faster on the 5D model's layers on Zen 3. No FMA: the
// target is "avx2" alone, so every multiply and add still rounds on its own.
__attribute__((target("avx2"))) EMBER_LINK_INDEPENDENT_PLACEMENT void all_rows_avx2(const float* weights,
                                                                                    const float* bias, const float* x,
                                                                                    float* y, uint32_t in_width,
                                                                                    uint32_t out_width) {
  all_rows(weights, bias, x, y, in_width, out_width);
}
#endif

}  // namespace

EMBER_LINK_INDEPENDENT_PLACEMENT void dense_f32_vector(const float* weights, const float* bias, const float* x,
                                                       float* y, uint32_t in_width, uint32_t out_width) {
#ifdef EMBER_X86_AVX2_KERNELS
  if (cpu_has_avx2()) {
    all_rows_avx2(weights, bias, x, y, in_width, out_width);
    return;
  }
#endif
  all_rows(weights, bias, x, y, in_width, out_width);
}

}  // namespace ember
