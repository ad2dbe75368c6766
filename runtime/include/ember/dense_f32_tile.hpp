// The batched float32 dense kernel: one layer for a tile of kDenseTile samples at once.
//
// Samples are stored feature-major inside a tile: x[i * kDenseTile + t] is feature i of sample t. Each weight
// is then multiplied into kDenseTile independent sums, so the inner loop runs across samples and vectorizes
// without reassociating any sum (no -ffast-math). Every sample's sum is formed in exactly dense_f32's order
// (four interleaved partial sums, separate multiply and add; docs/runtime.md#numerics), so each output
// equals dense_f32's bit for bit. On x86-64 hosts with AVX2 an intrinsics build is chosen at run time.
//
// Scratch: a layer needs (in_width + out_width) * kDenseTile floats. Model::run_batch keeps them on the stack
// (kDenseTileScratchFloats) on hosts with a vector unit and runs sample by sample elsewhere, so
// microcontroller stacks do not grow.
#ifndef EMBER_DENSE_F32_TILE_HPP
#define EMBER_DENSE_F32_TILE_HPP

#include <stdint.h>

#include "ember/activation.hpp"

namespace ember {

// Samples per tile: two 256-bit vectors of float32.
constexpr uint32_t kDenseTile = 16;

#if defined(__x86_64__) || defined(__aarch64__)
// 16 KB of stack: enough for any layer pair up to 256 neurons wide in total.
constexpr uint32_t kDenseTileScratchFloats = 4096;
#else
constexpr uint32_t kDenseTileScratchFloats = 0;
#endif

// y[o * kDenseTile + t] = act(bias[o] + sum_i weights[o][i] * x[i * kDenseTile + t]) for all kDenseTile
// samples t. Softmax is not supported here (it spans a sample's outputs, which lie kDenseTile apart); the
// caller handles such layers sample by sample.
void dense_f32_tile(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                    uint32_t out_width, Activation activation);

// Which build dense_f32_tile uses on this processor: "avx2" or "portable".
const char* dense_f32_tile_variant();

}  // namespace ember

#endif  // EMBER_DENSE_F32_TILE_HPP
