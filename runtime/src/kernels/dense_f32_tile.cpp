#include "ember/dense_f32_tile.hpp"

#include "ember/scalar_math.hpp"

// The 32-byte vectors below are only passed between always-inline helpers of this file, never across a
// call that another translation unit could see, so the psABI note about AVX returns does not apply.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace ember {
namespace {
namespace portable {
#include "dense_f32_tile_body.inc"
}  // namespace portable

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define EMBER_TILE_AVX2 1
// The same source compiled for 256-bit AVX2 vectors (GCC only: Clang spells the pragma differently); picked
// only when the processor reports AVX2. FMA is deliberately not enabled: fused multiply-adds would round
// differently from run().
#pragma GCC push_options
#pragma GCC target("avx2")
namespace avx2 {
#include "dense_f32_tile_body.inc"
}  // namespace avx2
#pragma GCC pop_options

// Reads flags libgcc filled in at start-up: a load and a test, cheap next to one tile of a layer.
bool has_avx2() { return __builtin_cpu_supports("avx2"); }
#endif

}  // namespace

void dense_f32_tile(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                    uint32_t out_width, Activation activation) {
#ifdef EMBER_TILE_AVX2
  if (has_avx2()) {
    avx2::tile_body(weights, bias, x, y, in_width, out_width, activation);
    return;
  }
#endif
  portable::tile_body(weights, bias, x, y, in_width, out_width, activation);
}

const char* dense_f32_tile_variant() {
#ifdef EMBER_TILE_AVX2
  if (has_avx2()) return "avx2";
#endif
  return "portable";
}

}  // namespace ember
