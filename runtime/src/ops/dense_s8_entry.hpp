// What the two int8 kinds share, defined in dense_s8_op.cpp. The checks of a dense int8 layer-table entry (element
// type, activation, reserved byte, scales, zero points, parameter arrays, multipliers and shifts; docs/blob-format.md,
// "Dense int8 entry"), shared by the two int8 kinds: 2 (int8 input) and 3 (int16 input), whose entries have the same
// fields.
#ifndef EMBER_OPS_DENSE_S8_ENTRY_HPP
#define EMBER_OPS_DENSE_S8_ENTRY_HPP

#include "op.hpp"

namespace ember {
namespace ops {

// As kind 2 reads the entry: in_bytes = in_width, scratch for dense_s8. Kind 3 adjusts both.
Status validate_int8_entry(const LayerCheck& check, LayerNeeds* needs);

// Float32 values to int8 codes with the entry's input scale and zero point (ember_op::to_input_codes of kinds
// 2 and 4, whose inputs are the same int8 tensor).
void to_int8_input_codes(const uint8_t* entry, const float* x, const float* mean, const float* scale, void* codes,
                         uint32_t count);

// The int8 output codes of either kind back to float32 (ember_op::from_output_codes): one copy in flash.
void from_int8_output_codes(const uint8_t* entry, const void* codes, const float* mean, const float* scale, float* y,
                            uint32_t count);

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_DENSE_S8_ENTRY_HPP
