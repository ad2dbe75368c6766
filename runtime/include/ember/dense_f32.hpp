// The float32 dense kernel: y[o] = bias[o] + sum_i weights[o][i] * x[i], before the activation.
// Reads weights row by row in storage order, so it streams straight from flash; needs no scratch memory.
#ifndef EMBER_DENSE_F32_HPP
#define EMBER_DENSE_F32_HPP

#include <stdint.h>

namespace ember {

void dense_f32(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
               uint32_t out_width);

}  // namespace ember

#endif  // EMBER_DENSE_F32_HPP
