#include "ember/dense_f32_vector.hpp"

namespace ember {
namespace {

// Four floats as one value: one SSE or NEON register (scalars on cores without a vector unit).
typedef float f32x4 __attribute__((vector_size(16)));

// Rows computed together: each loaded slice of x feeds four multiply-adds.
constexpr uint32_t kRows = 4;

inline f32x4 load4(const float* p) {
  f32x4 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

// Lane k of acc is dense_f32's s_k; the leftover inputs go into s0 and the lanes are combined in
// dense_f32's order: bias + ((s0 + s1) + (s2 + s3)).
template <uint32_t Rows>
inline void rows(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width) {
  f32x4 acc[Rows];
  for (uint32_t r = 0; r < Rows; ++r) acc[r] = f32x4{};
  uint32_t i = 0;
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

}  // namespace

void dense_f32_vector(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                      uint32_t out_width) {
  uint32_t o = 0;
  for (; o + kRows <= out_width; o += kRows) rows<kRows>(weights + o * in_width, bias + o, x, y + o, in_width);
  for (; o < out_width; ++o) rows<1>(weights + o * in_width, bias + o, x, y + o, in_width);
}

}  // namespace ember
