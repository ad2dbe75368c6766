// The int8 dense layer for cores with neither the DSP extension nor a vector unit (Cortex-M0, M3): dense_s8's
// bits in plain C. Internal to the kernels: dense_s8.cpp calls it on those cores.
#ifndef EMBER_KERNELS_DENSE_S8_PORTABLE_HPP
#define EMBER_KERNELS_DENSE_S8_PORTABLE_HPP

#include "ember/dense_s8.hpp"

namespace ember {

// scratch: dense_s8_scratch_bytes(in_width) bytes, 4-byte aligned (the input widened to int16). Also kind
// 3's int16 input (kInt16Input, ember/dense_s8.hpp).
void dense_s8_portable(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                       const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                       void* scratch);

}  // namespace ember

#endif  // EMBER_KERNELS_DENSE_S8_PORTABLE_HPP
