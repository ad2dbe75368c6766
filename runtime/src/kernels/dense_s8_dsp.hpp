// The int8 dense layer for Cortex-M cores with the DSP extension (M4, M7, M33): dense_s8's bits, by
// dual 16-bit multiply-accumulates. Internal to the kernels: dense_s8.cpp calls it on those cores.
#ifndef EMBER_KERNELS_DENSE_S8_DSP_HPP
#define EMBER_KERNELS_DENSE_S8_DSP_HPP

#include "ember/dense_s8.hpp"

#if defined(__ARM_FEATURE_DSP) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
#define EMBER_HAVE_DENSE_S8_DSP 1

namespace ember {

// scratch: dense_s8_scratch_bytes(in_width) bytes, 4-byte aligned (the input widened to int16).
void dense_s8_dsp(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                  const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                  void* scratch);

// Steps 2 and 3 of dense_s8_dsp on an input already widened to int16 in the layout's chunk order and zero
// padded (`widened`, 4-byte aligned, dense_s8_padded(in_width) values whose sum modulo 2^32 is `sum`):
// shared with the int16-input layer (dense_s16x8.cpp), whose input needs no offset. params.input_offset is
// not read.
void dense_s8_dsp_groups(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                         const int16_t* widened, uint32_t sum, int8_t* y, uint32_t in_width, uint32_t out_width,
                         const DenseS8Params& params);

}  // namespace ember
#else
#define EMBER_HAVE_DENSE_S8_DSP 0
#endif

#endif  // EMBER_KERNELS_DENSE_S8_DSP_HPP
