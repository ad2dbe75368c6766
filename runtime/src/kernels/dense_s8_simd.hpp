// The int8 dense layer on host vector units (SSE2 on x86-64, NEON on aarch64): dense_s8's bits. Internal to
// the kernels: dense_s8.cpp calls it on those hosts.
#ifndef EMBER_KERNELS_DENSE_S8_SIMD_HPP
#define EMBER_KERNELS_DENSE_S8_SIMD_HPP

#include "ember/dense_s8.hpp"

#if defined(__SSE2__) || (defined(__aarch64__) && defined(__ARM_NEON))
#define EMBER_HAVE_DENSE_S8_SIMD 1

namespace ember {

// scratch: dense_s8_scratch_bytes(in_width) bytes, 4-byte aligned (the input widened to int16). Also kind
// 3's int16 input (kInt16Input, ember/dense_s8.hpp).
void dense_s8_simd(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                   const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                   void* scratch);

}  // namespace ember
#else
#define EMBER_HAVE_DENSE_S8_SIMD 0
#endif

#endif  // EMBER_KERNELS_DENSE_S8_SIMD_HPP
