// The int8 dense layer for Cortex-M cores with the DSP extension (M4, M7, M33): dense_s8's bits, by
// dual 16-bit multiply-accumulates. Internal to the kernels: dense_s8.cpp calls it on those cores.
#ifndef EMBER_KERNELS_DENSE_S8_DSP_HPP
#define EMBER_KERNELS_DENSE_S8_DSP_HPP

#include "ember/dense_s8.hpp"

#if defined(__ARM_FEATURE_DSP) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
#define EMBER_HAVE_DENSE_S8_DSP 1

namespace ember {

// scratch: dense_s8_scratch_bytes(in_width) bytes, 4-byte aligned (the input widened to int16). Also kind
// 3's int16 input (kInt16Input, ember/dense_s8.hpp).
void dense_s8_dsp(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                  const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                  void* scratch);

}  // namespace ember
#else
#define EMBER_HAVE_DENSE_S8_DSP 0
#endif

#endif  // EMBER_KERNELS_DENSE_S8_DSP_HPP
