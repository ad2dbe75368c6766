// The AVX2 build of dense_f32_tile for x86-64 hosts, written with intrinsics so that the register use is
// the one we measured rather than whatever the vectorizer picks. Internal to the runtime: dense_f32_tile
// calls it after checking that the processor has AVX2.
#ifndef EMBER_DENSE_F32_TILE_AVX2_HPP
#define EMBER_DENSE_F32_TILE_AVX2_HPP

#include <stdint.h>

#include "cpu_features.hpp"
#include "ember/dense_f32_tile.hpp"

#ifdef EMBER_X86_AVX2_KERNELS

namespace ember {

// dense_f32_tile for identity (relu = false) or ReLU layers, same bits as dense_f32. Returns false, having
// done nothing, for a layer it does not handle (no inputs).
bool dense_f32_tile_avx2(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                         uint32_t out_width, bool relu);

}  // namespace ember

#endif
#endif  // EMBER_DENSE_F32_TILE_AVX2_HPP
