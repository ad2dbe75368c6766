// What the two kind-1 ops share, defined in dense_f32_op.cpp: the float32 model ends (ember_op::to_input_codes
// and from_output_codes), which the residual-capable op (dense_f32_residual_op.cpp) puts in its table as they
// are: its vectors are the plain layer's.
#ifndef EMBER_OPS_DENSE_F32_OP_HPP
#define EMBER_OPS_DENSE_F32_OP_HPP

#include <stdint.h>

namespace ember {
namespace ops {

// values = (x − mean) / scale, element by element; `count` is a width the validator accepted (at least 1).
void standardize_f32(const uint8_t* entry, const float* x, const float* mean, const float* scale, void* values,
                     uint32_t count);

// y = values · scale + mean, element by element; `count` as above.
void destandardize_f32(const uint8_t* entry, const void* values, const float* mean, const float* scale, float* y,
                       uint32_t count);

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_DENSE_F32_OP_HPP
