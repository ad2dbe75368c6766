#include "ember/dense_f32.hpp"

namespace ember {

void dense_f32(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
               uint32_t out_width) {
  for (uint32_t o = 0; o < out_width; ++o) {
    const float* row = weights + static_cast<uint32_t>(o * in_width);
    // Four independent partial sums: they hide FPU latency on Cortex-M4F/M7 and map to vector lanes on
    // hosts, without -ffast-math. This order is the runtime's definition of a dense layer: every other
    // kernel reproduces it bit for bit (docs/runtime.md#numerics). Each partial sum starts from its first
    // product rather than from 0 + product: one add fewer per sum, and the same value except that a sum of
    // negative zeros stays -0.
    float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
    uint32_t i = 0;
    if (in_width >= 4) {
      s0 = row[0] * x[0];
      s1 = row[1] * x[1];
      s2 = row[2] * x[2];
      s3 = row[3] * x[3];
      i = 4;
    }
    for (; i + 4 <= in_width; i += 4) {
      s0 += row[i] * x[i];
      s1 += row[i + 1] * x[i + 1];
      s2 += row[i + 2] * x[i + 2];
      s3 += row[i + 3] * x[i + 3];
    }
    for (; i < in_width; ++i) s0 += row[i] * x[i];
    y[o] = bias[o] + ((s0 + s1) + (s2 + s3));
  }
}

}  // namespace ember
