// Layer kind 4, dense int8 with a float32 output (blob format v3, docs/blob-format.md): int8 weights
// (row-major) on int8 input codes, int32 bias, and the int32 accumulators dequantized to float32 by one
// scale per output (ember/dense_s8_float_output.hpp). The last layer of a model only, so its float32 output
// goes straight to the de-standardization. Parameter arrays, in this order: weights (out_width × in_width
// int8), bias (out_width int32), scales (out_width float32, where kinds 2 and 3 keep the requantization).
// Arena share: the int8 input vector and the float32 output vector, no scratch.
#include "dense_s8_entry.hpp"
#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_s8_float_output.hpp"
#include "op.hpp"

namespace ember {

void dense_s8_float_output(const int8_t* weights, const int32_t* bias, const float* scale, const int8_t* x, float* y,
                           uint32_t in_width, uint32_t out_width, int32_t input_offset, bool relu) {
  const int8_t* w = weights;  // row-major: row o + 1 starts where row o ends
  for (uint32_t o = 0; o < out_width; ++o) {
    // Unsigned arithmetic: the sum wraps modulo 2^32 as the definition says, without signed overflow.
    uint32_t sum = static_cast<uint32_t>(bias[o]);
    for (uint32_t i = 0; i < in_width; ++i)
      sum += static_cast<uint32_t>(static_cast<int32_t>(*w++) * (static_cast<int32_t>(x[i]) + input_offset));
    // The relu as one select: written as an `if` on acc, GCC copies the loop's tail for the identity case
    // (dense_s8_float_output_layer 150 B on Cortex-M4F against 136).
    const int32_t acc = static_cast<int32_t>(sum);
    y[o] = scale[o] * static_cast<float>(relu && acc < 0 ? 0 : acc);
  }
}

namespace {
using blob::read_i32;
using blob::read_u16;
using blob::read_u32;

void dense_s8_float_output_layer(const ops::LayerEval& v, const void* x, void* y) {
  const uint8_t* e = v.entry;
  // Offsets are 16-aligned and the blob 4-aligned (checked at load), so the int32 and float arrays are aligned.
  const int8_t* weights = reinterpret_cast<const int8_t*>(v.blob + read_u32(e + blob::layer::weights_offset));
  const int32_t* bias = reinterpret_cast<const int32_t*>(v.blob + read_u32(e + blob::layer::bias_offset));
  const float* scale = blob::float_at(v.blob, read_u32(e + blob::layer::scales_offset));
  dense_s8_float_output(weights, bias, scale, static_cast<const int8_t*>(x), static_cast<float*>(y),
                        read_u16(e + blob::layer::in_width), read_u16(e + blob::layer::out_width),
                        -read_i32(e + blob::layer::input_zero_point),
                        e[blob::layer::activation] == static_cast<uint8_t>(Activation::relu));
}

void* evaluate_dense_s8_float_output(const ops::LayerEval& v) {
  return ops::evaluate_int8_layer(v, dense_s8_float_output_layer);
}

}  // namespace
}  // namespace ember

// The input side is kind 2's: int8 codes with this layer's input scale and zero point. The layer is the last one
// (validate), so its output only ever goes to the model output: kind 2's output side, which for a kind 4
// entry only de-standardizes its float32 values.
extern "C" const ember_op ember_op_dense_s8_float_output = {
    ember::ops::validate_int8_entry, ember::evaluate_dense_s8_float_output, ember::ops::to_int8_input_codes,
    ember::ops::from_int8_output_codes};
