// Layer kind 3, dense int8 with int16 input (blob format v3): ember/dense_s16x8.hpp, with no float inside
// the layer. Only as layer 0: the standardized model input is quantized to 16 bits (symmetric, zero point 0)
// instead of 8, the rest of the model stays int8. The entry, parameter arrays (weights in kind 2's blocks)
// and output are kind 2's; the arena share is the int16 input vector, the int8 output vector and kind 2's
// scratch (the input reordered for the kernel).
#include "dense_s8_entry.hpp"
#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_s16x8.hpp"
#include "op.hpp"

namespace ember {
namespace {
using blob::read_i32;
using blob::read_u16;
using blob::read_u32;

EMBER_COLD Status validate_dense_s16x8(const ops::LayerCheck& c, ops::LayerNeeds* needs) {
  // Model::run quantizes only the model input to int16; every other int8 tensor is 8 bits. The layer table
  // starts at the end of the header (placed by the validator).
  if (c.entry != c.blob + blob::kHeaderBytes) return Status::int16_input_not_first;
  const Status s = ops::validate_int8_entry(c, needs);
  if (s != Status::ok) return s;
  if (read_i32(c.entry + blob::layer::input_zero_point) != 0) return Status::bad_zero_point;
  needs->in_bytes = 2u * read_u16(c.entry + blob::layer::in_width);
  return Status::ok;
}

void dense_s16x8_layer(const ops::LayerEval& v, const void* x, void* y) {
  const uint8_t* e = v.entry;
  const uint32_t in = read_u16(e + blob::layer::in_width);
  const uint32_t out = read_u16(e + blob::layer::out_width);
  // Offsets are 16-aligned and the blob 4-aligned (checked at load), so the int32 arrays are aligned; the
  // int16 input starts at an end of the 4-aligned arena.
  const uint8_t* weights = v.blob + read_u32(e + blob::layer::weights_offset);
  const int32_t* bias = reinterpret_cast<const int32_t*>(v.blob + read_u32(e + blob::layer::bias_offset));
  const int32_t* multiplier = reinterpret_cast<const int32_t*>(v.blob + read_u32(e + blob::layer::requant_offset));
  const int8_t* shift = reinterpret_cast<const int8_t*>(multiplier + out);
  DenseS16x8Params params;
  params.output_offset = read_i32(e + blob::layer::output_zero_point);
  // ReLU folded into the clamp: real 0 is the output zero point (validate keeps it in -128 … 127).
  params.activation_min =
      e[blob::layer::activation] == static_cast<uint8_t>(Activation::relu) ? params.output_offset : -128;
  params.activation_max = 127;
  dense_s16x8(weights, bias, multiplier, shift, static_cast<const int16_t*>(x), static_cast<int8_t*>(y), in, out,
              params, ops::scratch_between(x, y, 2 * in, out));
}

// Layer 0 (validate), so x is always the model input's int16 codes, never a boundary's.
void* evaluate_dense_s16x8(const ops::LayerEval& v) { return ops::evaluate_int8_layer(v, dense_s16x8_layer); }

}  // namespace
}  // namespace ember

extern "C" const ember_op ember_op_dense_s16x8 = {ember::validate_dense_s16x8, ember::evaluate_dense_s16x8,
                                                  ember::ops::to_int8_input_codes, ember::ops::from_int8_output_codes};
