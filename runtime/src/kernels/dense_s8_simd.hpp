// The int8 dense layer on host vector units (SSE2 on x86-64, NEON on aarch64): dense_s8's bits. Internal to
// the kernels: dense_s8.cpp calls it on those hosts.
#ifndef EMBER_KERNELS_DENSE_S8_SIMD_HPP
#define EMBER_KERNELS_DENSE_S8_SIMD_HPP

#include "ember/dense_s8.hpp"

#if defined(__SSE2__) || (defined(__aarch64__) && defined(__ARM_NEON))
#define EMBER_HAVE_DENSE_S8_SIMD 1

namespace ember {

// scratch: dense_s8_scratch_bytes(in_width) bytes, 4-byte aligned (the input widened to int16).
void dense_s8_simd(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                   const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                   void* scratch);

// The rows of dense_s8_simd on an input already widened to int16 in the layout's chunk order and zero
// padded (`xs`, dense_s8_padded(in_width) values whose sum modulo 2^32 is `sum`): shared with the
// int16-input layer (dense_s16x8.cpp). params.input_offset is not read.
void dense_s8_simd_groups(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                          const int16_t* xs, uint32_t sum, int8_t* y, uint32_t in_width, uint32_t out_width,
                          const DenseS8Params& params);

}  // namespace ember
#else
#define EMBER_HAVE_DENSE_S8_SIMD 0
#endif

#endif  // EMBER_KERNELS_DENSE_S8_SIMD_HPP
