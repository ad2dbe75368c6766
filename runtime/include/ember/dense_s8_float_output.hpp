// The dense int8 layer with a float32 output (layer kind 4): int8 weights, symmetric per output channel,
// on int8 input codes, an int32 bias, and the int32 accumulator dequantized straight to float32 instead of
// requantized to int8. Used as a model's last layer, so the output keeps the accumulator's precision
// instead of 8 bits (docs/quantization.md). The layer is small (the 5D interpolator's is 16 → 1), so there
// is one plain loop on row-major weights and no target builds of it: every core computes the same bits.
//
// Definition, for output neuron o:
//
//   acc  = bias[o] + Σ_i w[o][i] · (x[i] + input_offset)      sum in 32-bit two's complement (wraps)
//   acc  = max(acc, 0)                                          relu only
//   y[o] = scale[o] × float32(acc)                              int32 → float32 rounded to nearest, one
//                                                               float32 multiply (no fused multiply-add)
//
// With scale[o] > 0 (validated) the relu on the accumulator is the relu of y, +0 for every negative.
#ifndef EMBER_DENSE_S8_FLOAT_OUTPUT_HPP
#define EMBER_DENSE_S8_FLOAT_OUTPUT_HPP

#include <stdint.h>

namespace ember {

// weights: out_width rows of in_width int8, row-major; bias: out_width int32; scale: out_width float32;
// x: in_width int8 codes; input_offset = −input zero point (−127 … 128). in_width and out_width are at
// least 1, as the validator checks (bad_width): the loops test their counts after each pass. No scratch, no
// alignment beyond the types'.
void dense_s8_float_output(const int8_t* weights, const int32_t* bias, const float* scale, const int8_t* x, float* y,
                           uint32_t in_width, uint32_t out_width, int32_t input_offset, bool relu);

}  // namespace ember

#endif  // EMBER_DENSE_S8_FLOAT_OUTPUT_HPP
