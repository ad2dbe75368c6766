// The single-sample float32 dense kernel on 4-lane vectors, for hosts: dense_f32's four partial sums
// s0..s3 are exactly the four lanes of one vector accumulator, so each output equals dense_f32's bit for
// bit, while four output rows advance together. Model::run uses it on hosts (x86-64, aarch64); on
// microcontrollers run() keeps the plain kernel. On x86-64 with AVX2 the same code runs VEX-encoded.
#ifndef EMBER_DENSE_F32_VECTOR_HPP
#define EMBER_DENSE_F32_VECTOR_HPP

#include <stdint.h>

namespace ember {

// y[o] = bias[o] + sum_i weights[o][i] * x[i], before the activation, like dense_f32.
void dense_f32_vector(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                      uint32_t out_width);

}  // namespace ember

#endif  // EMBER_DENSE_F32_VECTOR_HPP
