// The int8 dense layer for cores with neither the DSP extension nor a vector unit (Cortex-M0, M3): dense_s8's
// bits in plain C. Internal to the kernels: dense_s8.cpp calls it on those cores.
#ifndef EMBER_KERNELS_DENSE_S8_PORTABLE_HPP
#define EMBER_KERNELS_DENSE_S8_PORTABLE_HPP

#include "ember/dense_s8.hpp"

namespace ember {

// Bytes of scratch: the input plus input_offset as int16, in_width * 2 rounded up to 4.
uint32_t dense_s8_portable_scratch_bytes(uint32_t in_width);

void dense_s8_portable(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                       const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                       void* scratch);

}  // namespace ember

#endif  // EMBER_KERNELS_DENSE_S8_PORTABLE_HPP
