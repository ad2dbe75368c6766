#include "ember/dense_f32_vfp.hpp"

#if EMBER_HAVE_DENSE_F32_VFP
namespace ember {
namespace {

// Rows computed together. Their 16 partial sums, the input slice and one row's weights take 24 of the
// FPU's 32 single-precision registers. Measured on the trained 5D model (M4F, QEMU instruction counts):
// one row at a time (dense_f32) 17,250 instructions per inference, four rows 9,490 (docs/targets.md).
constexpr uint32_t kRows = 4;

// The input slice lives in s0-s3 and a row's weights in s4-s7, each filled by one VLDM with writeback.
// GCC does not merge separate float loads into VLDM; QEMU counts one VLDM as one instruction whatever the
// register count (an M4 takes 1 + N cycles for it, against 2 per single VLDR). The fixed registers keep
// the partial sums out of the way, so no moves are needed. volatile + "memory": the loads stay in program order with
// the reads of the same pointers below.
#define EMBER_LOAD_INPUT_SLICE(p) \
  __asm__ volatile("vldmia %[ptr]!, {s0-s3}" : [ptr] "+r"(p), "=t"(x0), "=t"(x1), "=t"(x2), "=t"(x3) : : "memory")
#define EMBER_LOAD_WEIGHT_SLICE(p) \
  __asm__ volatile("vldmia %[ptr]!, {s4-s7}" : [ptr] "+r"(p), "=t"(w0), "=t"(w1), "=t"(w2), "=t"(w3) : : "memory")

// Rows output rows starting at weights, each in dense_f32's order: s_k starts from its first product,
// takes every fourth input, the leftover inputs go into s_0, then y = bias + ((s_0 + s_1) + (s_2 + s_3)).
template <uint32_t Rows>
__attribute__((always_inline)) inline void rows(const float* weights, const float* bias, const float* x, float* y,
                                                uint32_t in_width) {
  const float* w[Rows];
  for (uint32_t r = 0; r < Rows; ++r) w[r] = weights + r * in_width;
  register float x0 __asm__("s0"), x1 __asm__("s1"), x2 __asm__("s2"), x3 __asm__("s3");
  register float w0 __asm__("s4"), w1 __asm__("s5"), w2 __asm__("s6"), w3 __asm__("s7");
  float s[Rows][4];
  uint32_t slices = in_width / 4;
  if (slices != 0) {
    EMBER_LOAD_INPUT_SLICE(x);
    for (uint32_t r = 0; r < Rows; ++r) {
      EMBER_LOAD_WEIGHT_SLICE(w[r]);
      s[r][0] = w0 * x0;
      s[r][1] = w1 * x1;
      s[r][2] = w2 * x2;
      s[r][3] = w3 * x3;
    }
    while (--slices != 0) {
      EMBER_LOAD_INPUT_SLICE(x);
      for (uint32_t r = 0; r < Rows; ++r) {
        EMBER_LOAD_WEIGHT_SLICE(w[r]);
        s[r][0] += w0 * x0;
        s[r][1] += w1 * x1;
        s[r][2] += w2 * x2;
        s[r][3] += w3 * x3;
      }
    }
  } else {
    for (uint32_t r = 0; r < Rows; ++r) s[r][0] = s[r][1] = s[r][2] = s[r][3] = 0.0f;
  }
  // One iteration per leftover input, not unrolled: at most three per row; 112 bytes less flash on the
  // M4F for about 40 more instructions per 5D inference (docs/targets.md).
#pragma GCC unroll 1
  for (uint32_t j = in_width % 4; j != 0; --j) {
    const float xj = *x++;
    for (uint32_t r = 0; r < Rows; ++r) s[r][0] += *w[r]++ * xj;
  }
  for (uint32_t r = 0; r < Rows; ++r) y[r] = bias[r] + ((s[r][0] + s[r][1]) + (s[r][2] + s[r][3]));
}

#undef EMBER_LOAD_INPUT_SLICE
#undef EMBER_LOAD_WEIGHT_SLICE

}  // namespace

void dense_f32_vfp(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                   uint32_t out_width) {
  uint32_t o = 0;
  for (; o + kRows <= out_width; o += kRows, weights += kRows * in_width)
    rows<kRows>(weights, bias + o, x, y + o, in_width);
  for (; o < out_width; ++o, weights += in_width) rows<1>(weights, bias + o, x, y + o, in_width);
}

}  // namespace ember
#endif
