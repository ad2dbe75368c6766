// Layer kind 3, dense int8 with int16 input (blob format v3): ember/dense_s16x8.hpp, with no float inside
// the layer. Only as layer 0: the standardized model input is quantized to 16 bits (symmetric, zero point 0)
// instead of 8, the rest of the model stays int8. The entry, parameter arrays (weights in kind 2's blocks)
// and output are kind 2's; the arena share is the int16 input vector, the int8 output vector and kind 2's
// scratch (the input reordered for the kernel). Its evaluate is kind 2's (ops::evaluate_requantized).
#include "dense_s8_entry.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "op.hpp"

namespace ember {
namespace {
using blob::read_i32;
using blob::read_u16;

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

}  // namespace
}  // namespace ember

extern "C" const ember_op ember_op_dense_s16x8 = {ember::validate_dense_s16x8, ember::ops::evaluate_requantized,
                                                  ember::ops::to_int8_input_codes, ember::ops::from_int8_output_codes};
