// What the two kind-1 ops share, defined in dense_f32_op.cpp: the float32 model ends (ember_op::to_input_codes
// and from_output_codes), which the residual-capable op (dense_f32_residual_op.cpp) puts in its table as they
// are: its vectors are the plain layer's.
#ifndef EMBER_OPS_DENSE_F32_OP_HPP
#define EMBER_OPS_DENSE_F32_OP_HPP

#include <stdint.h>

namespace ember {
namespace ops {

// values = (x − mean) / scale, element by element, over the entry's in_width (at least 1, validated); the
// scales follow the means (op.hpp).
void standardize_f32(const uint8_t* entry, const float* x, const float* mean, void* values);

// y = values · scale + mean, element by element, over the entry's out_width; the scales follow the means.
void destandardize_f32(const uint8_t* entry, const void* values, const float* mean, float* y);

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_DENSE_F32_OP_HPP
