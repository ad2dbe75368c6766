// The functions of the dense int8 op's table (ember_op_dense_s8, which also serves kinds 3 and 4 under their
// own names), defined in dense_s8_op.cpp (evaluate_int8 in dense_s8_evaluate.cpp). Each reads the entry's
// kind byte: kinds 2 (int8 input), 3 (int16 input, the same fields) and 4 (float32 output: the same fields
// but for its output scale and zero point, reserved, and its third array) have one entry layout
// (docs/blob-format.md, "Dense int8 entry").
#ifndef EMBER_OPS_DENSE_S8_ENTRY_HPP
#define EMBER_OPS_DENSE_S8_ENTRY_HPP

#include "op.hpp"

namespace ember {
namespace ops {

// The checks of the entry (element type, activation, flags, scales, zero points, parameter arrays and the
// values they hold, the scale chain; kind 3's position and zero point, kind 4's position). Kind 2 reports
// in_bytes = in_width and dense_s8's scratch, kind 3 2 bytes per input, kind 4 a float32 output and no
// scratch.
Status validate_int8_entry(const LayerCheck& check, LayerNeeds* needs);

// Float32 values to codes with the entry's input scale and zero point (ember_op::to_input_codes of the three
// kinds: int8 codes, or kind 3's int16 ones, told apart by the entry's kind byte).
void to_int8_input_codes(const uint8_t* entry, const float* x, const float* mean, void* codes);

// ember_op::from_output_codes of the three kinds: kind 2's and 3's int8 output codes back to float32, kind 4's
// float32 output as it is, then de-standardized at the model output (mean non-null).
void from_int8_output_codes(const uint8_t* entry, const void* codes, const float* mean, float* y);

// ember_op::evaluate of the three kinds. Its kernel reads the input vector x and writes the output vector y:
// x is v.input or, after a float32 layer, that layer's output quantized with this entry's input scale and
// zero point (to_int8_input_codes) into the other end of the arena; y lies at the end opposite x (out_width
// int8 codes, float32 values for kind 4); the next layer reads y or, before a float32 layer, y dequantized
// with this entry's output scale and zero point (from_int8_output_codes) into the other end. Those are the
// boundaries' conversion steps, which the validator sized the arena for (docs/blob-format.md, Arena); here
// rather than in Model::run, so that a float-only image carries none.
void* evaluate_int8(const LayerEval& v);

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_DENSE_S8_ENTRY_HPP
