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
  for (uint32_t o = 0; o < out_width; ++o) {
    const int8_t* row = weights + o * in_width;
    // Unsigned arithmetic: the sum wraps modulo 2^32 as the definition says, without signed overflow.
    uint32_t sum = static_cast<uint32_t>(bias[o]);
    for (uint32_t i = 0; i < in_width; ++i)
      sum += static_cast<uint32_t>(static_cast<int32_t>(row[i]) * (static_cast<int32_t>(x[i]) + input_offset));
    int32_t acc = static_cast<int32_t>(sum);
    if (relu && acc < 0) acc = 0;
    y[o] = scale[o] * static_cast<float>(acc);
  }
}

namespace {
using blob::read_i32;
using blob::read_u16;
using blob::read_u32;

// As kind 2 checks them (dense_s8_op.cpp): finite and > 0 is exactly the bit patterns 0x00000001 …
// 0x7F7FFFFF, and a zero point −128 … 127 one unsigned compare, without linking a float classification.
bool is_scale_at(const uint8_t* field) { return read_u32(field) - 1u < 0x7F7FFFFFu; }
bool is_zero_point_at(const uint8_t* field) { return read_u32(field) + 128u <= 255u; }

EMBER_COLD Status validate_dense_s8_float_output(const ops::LayerCheck& c, ops::LayerNeeds* needs) {
  const uint8_t* e = c.entry;
  if (e[blob::layer::element_type] != static_cast<uint8_t>(blob::ElementType::int8))
    return Status::unsupported_element_type;
  const uint8_t activation = e[blob::layer::activation];
  if (activation != static_cast<uint8_t>(Activation::identity) && activation != static_cast<uint8_t>(Activation::relu))
    return Status::unsupported_int8_activation;
  if (e[blob::layer::flags] != 0) return Status::unsupported_layer_flags;
  // Model::run hands only the model output a float32 vector from an int8 layer. The layer table starts at
  // the end of the header (placed by the validator), so the last entry is at a fixed offset.
  if (e != c.blob + blob::kHeaderBytes + (read_u16(c.blob + blob::header::layer_count) - 1u) * blob::kLayerEntryBytes)
    return Status::int8_float_output_not_last;
  if (!is_scale_at(e + blob::layer::input_scale)) return Status::bad_quantization_scale;
  if (!is_zero_point_at(e + blob::layer::input_zero_point)) return Status::bad_zero_point;
  // The output is float32: no output scale or zero point (bytes 36-43).
  if (!ops::zero_bytes(e + blob::layer::output_scale, 8)) return Status::reserved_not_zero;
  const uint32_t in = read_u16(e + blob::layer::in_width);
  const uint32_t out = read_u16(e + blob::layer::out_width);
  constexpr Status bounds = Status::parameter_out_of_bounds;
  Status s = ops::place_array(c.layout, e, blob::layer::weights_offset, blob::layer::weights_bytes, uint64_t{in} * out,
                              bounds);
  if (s == Status::ok)
    s = ops::place_array(c.layout, e, blob::layer::bias_offset, blob::layer::bias_bytes, out * 4, bounds);
  if (s == Status::ok)
    s = ops::place_array(c.layout, e, blob::layer::scales_offset, blob::layer::scales_bytes, out * 4,
                         Status::requant_out_of_bounds);
  if (s != Status::ok) return s;
  const uint8_t* scales = c.blob + read_u32(e + blob::layer::scales_offset);
  for (uint32_t o = 0; o < out; ++o)
    if (!is_scale_at(scales + 4 * o)) return Status::bad_quantization_scale;
  // After an int8 layer the two share the tensor between them, as two kind 2 layers do: its output scale
  // and zero point (bytes 36-43) are this entry's input scale and zero point (bytes 24-31), byte for byte.
  const uint8_t* p = c.previous;
  if (p != nullptr && p[blob::layer::element_type] == static_cast<uint8_t>(blob::ElementType::int8))
    for (uint32_t i = 0; i < 8; ++i)
      if (p[blob::layer::output_scale + i] != e[blob::layer::input_scale + i]) return Status::quantization_mismatch;
  needs->in_bytes = in;
  needs->out_bytes = 4 * out;
  needs->scratch_bytes = 0;
  needs->parameter_count = in * out + out;
  return Status::ok;
}

void evaluate_dense_s8_float_output(const ops::LayerEval& v) {
  const uint8_t* e = v.entry;
  // Offsets are 16-aligned and the blob 4-aligned (checked at load), so the int32 and float arrays are aligned.
  const int8_t* weights = reinterpret_cast<const int8_t*>(v.blob + read_u32(e + blob::layer::weights_offset));
  const int32_t* bias = reinterpret_cast<const int32_t*>(v.blob + read_u32(e + blob::layer::bias_offset));
  const float* scale = blob::float_at(v.blob, read_u32(e + blob::layer::scales_offset));
  dense_s8_float_output(weights, bias, scale, static_cast<const int8_t*>(v.input), static_cast<float*>(v.output),
                        read_u16(e + blob::layer::in_width), read_u16(e + blob::layer::out_width),
                        -read_i32(e + blob::layer::input_zero_point),
                        e[blob::layer::activation] == static_cast<uint8_t>(Activation::relu));
}

// The layer is the last one (validate), so its output only ever goes to the model output: de-standardize.
void destandardize(const uint8_t*, const void* values, const float* mean, const float* scale, float* y,
                   uint32_t count) {
  const float* v = static_cast<const float*>(values);
  for (uint32_t j = 0; j < count; ++j) y[j] = v[j] * scale[j] + mean[j];
}
}  // namespace
}  // namespace ember

// The input side is kind 2's: int8 codes with this layer's input scale and zero point.
extern "C" const ember_op ember_op_dense_s8_float_output = {
    static_cast<uint8_t>(ember::blob::LayerKind::dense_int8_float_output), ember::validate_dense_s8_float_output,
    ember::evaluate_dense_s8_float_output, ember::ops::to_int8_input_codes, ember::destandardize};
