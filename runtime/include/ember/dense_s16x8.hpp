// The dense int8 layer with an int16 input (layer kind 3): int8 weights, int32 bias and requantization
// exactly as in ember/dense_s8.hpp, but the input vector keeps 16 bits, symmetric (zero point 0), as in
// TensorFlow Lite's 16x8 scheme. Used for a model's first layer only, where the input is quantized from
// float: on the 5D interpolator the 8-bit input rounding alone costs about 4 % of test RMSE, the 16-bit
// one nothing measurable (docs/quantization.md). No float anywhere, so it runs on cores without an FPU.
//
// Definition, for output neuron o:
//
//   acc    = bias[o] + Σ_i x[i] · w[o][i]                       sum in 32-bit two's complement (wraps)
//   scaled = requantize(acc, multiplier[o], shift[o])            ember/dense_s8.hpp
//   y[o]   = clamp(scaled + output_offset, activation_min, activation_max)
//
// |x[i] · w[o][i]| ≤ 32768 · 127, so the sum cannot wrap for in_width ≤ 516 with a bias below 2^30; the
// quantizer keeps the layer in kind 2 otherwise.
#ifndef EMBER_DENSE_S16X8_HPP
#define EMBER_DENSE_S16X8_HPP

#include <stdint.h>

#include "ember/dense_s8.hpp"

namespace ember {

struct DenseS16x8Params {
  int32_t output_offset;   // output zero point: −128 … 127
  int32_t activation_min;  // −128 … activation_max
  int32_t activation_max;  // activation_min … 127
};

// One sample through one layer, as the runtime calls it. weights: the blob's layout (ember/dense_s8_layout.hpp,
// as kind 2's), 4-byte aligned; bias: out_width int32; multiplier: out_width int32 in [2^30, 2^31 − 1];
// shift: out_width int8; x: in_width int16. scratch: dense_s8_scratch_bytes(in_width) bytes, 4-byte aligned
// (the input in the kernels' chunk order). The target's int8 build with kInt16Input (ember/dense_s8.hpp): its
// lanes and products are 16 × 16-bit already, so an int16 input fits them as the widened int8 one does, and
// the sums are exact modulo 2^32 as the reference's. Inline, so that a layer's call is one call of dense_s8.
inline void dense_s16x8(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                        const int16_t* x, int8_t* y, uint32_t in_width, uint32_t out_width,
                        const DenseS16x8Params& params, void* scratch) {
  const DenseS8Params rows = {kInt16Input, params.output_offset, params.activation_min, params.activation_max};
  dense_s8(weights, bias, multiplier, shift, reinterpret_cast<const int8_t*>(x), y, in_width, out_width, rows, scratch);
}

// The portable definition of the bits above, on row-major weights (out_width rows of in_width int8, no
// alignment promised); dense_s16x8 is tested against it.
void dense_s16x8_reference(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                           const int16_t* x, int8_t* y, uint32_t in_width, uint32_t out_width,
                           const DenseS16x8Params& params);

}  // namespace ember

#endif  // EMBER_DENSE_S16X8_HPP
