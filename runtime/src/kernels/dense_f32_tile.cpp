#include "ember/dense_f32_tile.hpp"

#include "dense_f32_tile_avx2.hpp"
#include "ember/scalar_math.hpp"

// The portable build: GCC/Clang vector extensions, which become SSE on x86-64 without AVX2, NEON on
// aarch64 and scalars on microcontrollers. x86-64 hosts with AVX2 take dense_f32_tile_avx2.cpp instead.
// The 32-byte vectors below only pass between helpers of this file, never across a call another translation
// unit could see, so the psABI note about AVX-sized returns does not apply.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace ember {
namespace {

// Eight floats as one value: two SSE or NEON registers, or scalars.
typedef float f32x8 __attribute__((vector_size(32)));
constexpr uint32_t kVectorsPerTile = kDenseTile / 8;
static_assert(kDenseTile % 8 == 0, "a tile is a whole number of 8-float vectors");

inline f32x8 load8(const float* p) {
  f32x8 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
inline void store8(float* p, const f32x8& v) { __builtin_memcpy(p, &v, sizeof v); }
inline f32x8 relu8(const f32x8& v) { return v > f32x8{} ? v : f32x8{}; }

// ---- Wide layers (12 inputs or more): kRows outputs at once, one partial sum at a time -------------------
// Each loaded input vector feeds kRows multiply-adds; s0 (then s0 + s1) is parked in the output tile and s2
// in a stack stash, so only one set of kRows x kVectorsPerTile accumulators is live (12 of NEON's 32
// registers, as pairs). Same sums, same order as row() below.
constexpr uint32_t kRows = 6;
constexpr uint32_t kNarrowInputs = 12;

template <uint32_t Rows>
using Sums = f32x8[Rows][kVectorsPerTile];

// acc = s_k for every row: the product of input k, plus inputs k + 4, k + 8, ... below whole (whole >= 4).
// A scalar times a vector is the vector extension's broadcast.
template <uint32_t Rows>
inline void partial_sum(const float* weights, uint32_t in_width, const float* x, uint32_t k, uint32_t whole,
                        Sums<Rows>& acc) {
  for (uint32_t r = 0; r < Rows; ++r)
    for (uint32_t v = 0; v < kVectorsPerTile; ++v)
      acc[r][v] = weights[r * in_width + k] * load8(x + k * kDenseTile + 8 * v);
  for (uint32_t i = k + 4; i < whole; i += 4) {
    f32x8 xi[kVectorsPerTile];
    for (uint32_t v = 0; v < kVectorsPerTile; ++v) xi[v] = load8(x + i * kDenseTile + 8 * v);
    for (uint32_t r = 0; r < Rows; ++r)
      for (uint32_t v = 0; v < kVectorsPerTile; ++v) acc[r][v] = acc[r][v] + weights[r * in_width + i] * xi[v];
  }
}

template <uint32_t Rows>
void wide_rows(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width, bool relu) {
  const uint32_t whole = in_width & ~3u;
  Sums<Rows> acc, s2;
  partial_sum<Rows>(weights, in_width, x, 0, whole, acc);
  for (uint32_t i = whole; i < in_width; ++i)
    for (uint32_t r = 0; r < Rows; ++r)
      for (uint32_t v = 0; v < kVectorsPerTile; ++v)
        acc[r][v] = acc[r][v] + weights[r * in_width + i] * load8(x + i * kDenseTile + 8 * v);
  for (uint32_t r = 0; r < Rows; ++r)
    for (uint32_t v = 0; v < kVectorsPerTile; ++v) store8(y + r * kDenseTile + 8 * v, acc[r][v]);
  partial_sum<Rows>(weights, in_width, x, 1, whole, acc);
  for (uint32_t r = 0; r < Rows; ++r)
    for (uint32_t v = 0; v < kVectorsPerTile; ++v) {
      float* out = y + r * kDenseTile + 8 * v;
      store8(out, load8(out) + acc[r][v]);
    }
  partial_sum<Rows>(weights, in_width, x, 2, whole, s2);
  partial_sum<Rows>(weights, in_width, x, 3, whole, acc);
  for (uint32_t r = 0; r < Rows; ++r)
    for (uint32_t v = 0; v < kVectorsPerTile; ++v) {
      float* out = y + r * kDenseTile + 8 * v;
      const f32x8 sum = bias[r] + (load8(out) + (s2[r][v] + acc[r][v]));
      store8(out, relu ? relu8(sum) : sum);
    }
}

// ---- Narrow layers and leftover rows: one output at a time ---------------------------------------------
// One output with dense_f32's four partial sums s0..s3 live together, in dense_f32's order:
// s_k starts from the product of input k (when there are four inputs or more) and adds inputs k + 4,
// k + 8, ...; the leftover inputs go into s0; the result is bias + ((s0 + s1) + (s2 + s3)).
void row(const float* weights, float bias, const float* x, float* y, uint32_t in_width, bool relu) {
  const uint32_t whole = in_width & ~3u;
  f32x8 s[4][kVectorsPerTile];
  uint32_t i = 0;
  if (whole >= 4) {
    for (uint32_t k = 0; k < 4; ++k)
      for (uint32_t v = 0; v < kVectorsPerTile; ++v) s[k][v] = weights[k] * load8(x + k * kDenseTile + 8 * v);
    i = 4;
  } else {
    for (uint32_t k = 0; k < 4; ++k)
      for (uint32_t v = 0; v < kVectorsPerTile; ++v) s[k][v] = f32x8{};
  }
  for (; i < whole; i += 4)
    for (uint32_t k = 0; k < 4; ++k)
      for (uint32_t v = 0; v < kVectorsPerTile; ++v)
        s[k][v] = s[k][v] + weights[i + k] * load8(x + (i + k) * kDenseTile + 8 * v);
  for (i = whole; i < in_width; ++i)
    for (uint32_t v = 0; v < kVectorsPerTile; ++v) s[0][v] = s[0][v] + weights[i] * load8(x + i * kDenseTile + 8 * v);
  for (uint32_t v = 0; v < kVectorsPerTile; ++v) {
    const f32x8 sum = bias + ((s[0][v] + s[1][v]) + (s[2][v] + s[3][v]));
    store8(y + 8 * v, relu ? relu8(sum) : sum);
  }
}

// Softmax over one sample's outputs, which lie `stride` floats apart in a tile.
void softmax_strided(float* values, uint32_t count, uint32_t stride) {
  if (count == 0) return;
  float max_value = values[0];
  for (uint32_t i = 1; i < count; ++i) max_value = values[i * stride] > max_value ? values[i * stride] : max_value;
  float sum = 0.0f;
  for (uint32_t i = 0; i < count; ++i) {
    values[i * stride] = math::exp(values[i * stride] - max_value);
    sum += values[i * stride];
  }
  const float inv = 1.0f / sum;
  for (uint32_t i = 0; i < count; ++i) values[i * stride] *= inv;
}

}  // namespace

void dense_f32_tile(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                    uint32_t out_width, Activation activation) {
  const bool relu = activation == Activation::relu;
  bool done = false;
#ifdef EMBER_X86_AVX2_KERNELS
  if (cpu_has_avx2()) done = dense_f32_tile_avx2(weights, bias, x, y, in_width, out_width, relu);
#endif
  if (!done) {
    uint32_t o = 0;
    if (in_width >= kNarrowInputs)
      for (; o + kRows <= out_width; o += kRows)
        wide_rows<kRows>(weights + o * in_width, bias + o, x, y + o * kDenseTile, in_width, relu);
    for (; o < out_width; ++o) row(weights + o * in_width, bias[o], x, y + o * kDenseTile, in_width, relu);
  }
  if (activation == Activation::tanh || activation == Activation::sigmoid) {
    apply_activation(activation, y, out_width * kDenseTile);
  } else if (activation == Activation::softmax) {
    for (uint32_t t = 0; t < kDenseTile; ++t) softmax_strided(y + t, out_width, kDenseTile);
  }
}

const char* dense_f32_tile_variant() {
#ifdef EMBER_X86_AVX2_KERNELS
  if (cpu_has_avx2()) return "avx2";
#endif
  return "portable";
}

}  // namespace ember
