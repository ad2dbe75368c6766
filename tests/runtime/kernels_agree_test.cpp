// The optimized kernels must give dense_f32's results bit for bit (same summation order, no fused
// multiply-add): the 4-lane single-sample kernel, the 16-sample tile kernel and, on Cortex-M cores with an
// FPU, the VFP kernel (VMLA), on odd and even widths.
#include <string.h>

#include "ember/activation.hpp"
#include "ember/dense_f32.hpp"
#include "ember/dense_f32_tile.hpp"
#include "ember/dense_f32_vector.hpp"
#include "ember/dense_f32_vfp.hpp"
#include "unit_test.hpp"

// The tile kernel runs where run_batch uses it, on hosts with a vector unit (the condition of
// dense_f32_tile.hpp); on microcontrollers it is dead code, and its 5.5 KB of test buffers would not fit the
// Cortex-M0's 16 KB of RAM.
#if defined(__x86_64__) || defined(__aarch64__)
#define EMBER_TEST_TILE_KERNEL 1
#else
#define EMBER_TEST_TILE_KERNEL 0
#endif

namespace {
constexpr uint32_t kMaxIn = 67, kMaxOut = 8;
float weights[kMaxIn * kMaxOut], bias[kMaxOut], x[kMaxIn], want[kMaxOut], got[kMaxOut];
#if EMBER_TEST_TILE_KERNEL
float tile_x[kMaxIn * ember::kDenseTile], tile_y[kMaxOut * ember::kDenseTile];
#endif

// Deterministic values in [-1, 1) from a linear congruential generator: no libm, same on every target.
uint32_t state = 12345u;
float next_value() {
  state = state * 1664525u + 1013904223u;
  return (float)(state >> 8) / 8388608.0f - 1.0f;
}

void fill(uint32_t in, uint32_t out) {
  for (uint32_t i = 0; i < in * out; ++i) weights[i] = next_value();
  for (uint32_t o = 0; o < out; ++o) bias[o] = next_value();
  for (uint32_t i = 0; i < in; ++i) x[i] = 3.0f * next_value();
}

// Every width up to the narrow/wide boundary (12 inputs) and across it, then wide ones with each remainder.
const uint32_t kIns[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 33, 64, 67};
const uint32_t kOuts[] = {1, 2, 3, 4, 5, 6, 7, 8};
}  // namespace

TEST_CASE(vector_kernel_equals_the_reference_kernel_bit_for_bit) {
  for (uint32_t in : kIns)
    for (uint32_t out : kOuts) {
      fill(in, out);
      ember::dense_f32(weights, bias, x, want, in, out);
      ember::dense_f32_vector(weights, bias, x, got, in, out);
      CHECK(memcmp(want, got, out * sizeof(float)) == 0);
    }
}

// Zero weights against negative inputs give -0 products. Where a partial sum starts (from the first product,
// or from 0 + product) decides whether their sum is -0 or +0, and a -0 bias keeps that sign in an identity
// output: memcmp sees the difference, so every kernel must start its sums where dense_f32 does.
TEST_CASE(kernels_agree_on_the_sign_of_zero_sums) {
  for (uint32_t in : kIns) {
    const uint32_t out = 5;
    for (uint32_t i = 0; i < in * out; ++i) weights[i] = 0.0f;
    for (uint32_t o = 0; o < out; ++o) bias[o] = -0.0f;
    for (uint32_t i = 0; i < in; ++i) x[i] = (i % 2 == 0) ? -1.0f : -2.0f;
    ember::dense_f32(weights, bias, x, want, in, out);
    ember::dense_f32_vector(weights, bias, x, got, in, out);
    CHECK(memcmp(want, got, out * sizeof(float)) == 0);
#if EMBER_HAVE_DENSE_F32_VFP
    ember::dense_f32_vfp(weights, bias, x, got, in, out);
    CHECK(memcmp(want, got, out * sizeof(float)) == 0);
#endif
#if EMBER_TEST_TILE_KERNEL
    for (uint32_t i = 0; i < in; ++i)
      for (uint32_t t = 0; t < ember::kDenseTile; ++t) tile_x[i * ember::kDenseTile + t] = x[i];
    ember::dense_f32_tile(weights, bias, tile_x, tile_y, in, out, ember::Activation::identity);
    for (uint32_t o = 0; o < out; ++o)
      for (uint32_t t = 0; t < ember::kDenseTile; ++t)
        CHECK(memcmp(&want[o], &tile_y[o * ember::kDenseTile + t], sizeof(float)) == 0);
#endif
  }
}

// The same bits, or both NaN: C leaves a NaN's payload open (a compiler may swap the operands of an
// add, and soft-float, SSE and VFP keep different operands' payloads when both are NaN).
namespace {
bool same_bits_or_both_nan(const float* a, const float* b, uint32_t count) {
  for (uint32_t j = 0; j < count; ++j)
    if (memcmp(&a[j], &b[j], sizeof(float)) != 0 && !(a[j] != a[j] && b[j] != b[j])) return false;
  return true;
}
}  // namespace

// The VFP kernel starts its partial sums at -0.0f and adds the first product to it (VMLA), where dense_f32
// starts from the product itself: the same value only because -0.0f + p == p for every p. Infinite and NaN
// inputs give products of every kind (±inf, the NaN of inf · 0, a NaN input's own), and sums of infinities
// of both signs.
TEST_CASE(kernels_agree_on_infinite_and_nan_inputs) {
  const uint32_t specials[] = {0x7F800000u, 0xFF800000u, 0x7FC00001u, 0xFFC12345u};
  for (uint32_t in : kIns)
    for (uint32_t special : specials) {
      const uint32_t out = 5;
      fill(in, out);
      for (uint32_t i = 0; i < in; i += 3) memcpy(&x[i], &special, sizeof(float));
      for (uint32_t o = 0; o < out; ++o) weights[o * in] = 0.0f;  // inf · 0 in every row's first product
      ember::dense_f32(weights, bias, x, want, in, out);
      ember::dense_f32_vector(weights, bias, x, got, in, out);
      CHECK(same_bits_or_both_nan(want, got, out));
#if EMBER_HAVE_DENSE_F32_VFP
      ember::dense_f32_vfp(weights, bias, x, got, in, out);
      CHECK(same_bits_or_both_nan(want, got, out));
#endif
    }
}

#if EMBER_HAVE_DENSE_F32_VFP
// Every row-block remainder (out_width % 4) and input remainder (in_width % 4), x not 8-byte aligned, and
// outputs written exactly where they belong: the guard words around y stay untouched.
TEST_CASE(vfp_kernel_equals_the_reference_kernel_bit_for_bit) {
  for (uint32_t in : kIns)
    for (uint32_t out : kOuts) {
      fill(in, out);
      float shifted_x[kMaxIn + 1], guarded_y[kMaxOut + 2];
      for (uint32_t i = 0; i < in; ++i) shifted_x[i + 1] = x[i];
      for (float& v : guarded_y) v = 42.0f;
      ember::dense_f32(weights, bias, x, want, in, out);
      ember::dense_f32_vfp(weights, bias, shifted_x + 1, guarded_y + 1, in, out);
      CHECK(memcmp(want, guarded_y + 1, out * sizeof(float)) == 0);
      CHECK(guarded_y[0] == 42.0f && guarded_y[out + 1] == 42.0f);
    }
}
#endif

#if EMBER_TEST_TILE_KERNEL
TEST_CASE(tile_kernel_equals_the_reference_kernel_bit_for_bit_in_every_lane) {
  const ember::Activation activations[] = {ember::Activation::identity, ember::Activation::relu,
                                           ember::Activation::tanh, ember::Activation::sigmoid};
  for (uint32_t in : kIns)
    for (uint32_t out : kOuts)
      for (ember::Activation act : activations) {
        fill(in, out);
        // Lane t holds x scaled by (t + 1) / 8, so every lane differs.
        for (uint32_t i = 0; i < in; ++i)
          for (uint32_t t = 0; t < ember::kDenseTile; ++t)
            tile_x[i * ember::kDenseTile + t] = x[i] * (float)(t + 1) / 8.0f;
        ember::dense_f32_tile(weights, bias, tile_x, tile_y, in, out, act);
        for (uint32_t t = 0; t < ember::kDenseTile; ++t) {
          float lane_x[kMaxIn];
          for (uint32_t i = 0; i < in; ++i) lane_x[i] = tile_x[i * ember::kDenseTile + t];
          ember::dense_f32(weights, bias, lane_x, want, in, out);
          ember::apply_activation(act, want, out);
          for (uint32_t o = 0; o < out; ++o)
            CHECK(memcmp(&want[o], &tile_y[o * ember::kDenseTile + t], sizeof(float)) == 0);
        }
      }
}
#endif
