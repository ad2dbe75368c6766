// The int8 dense layer as the runtime calls it. Until a target has a faster build that is proven equal,
// it is the portable reference.
#include "ember/dense_s8.hpp"

namespace ember {

uint32_t dense_s8_scratch_bytes(uint32_t /*in_width*/) { return 0; }

void dense_s8(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
              const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
              void* /*scratch*/) {
  dense_s8_reference(weights, bias, multiplier, shift, x, y, in_width, out_width, params);
}

}  // namespace ember
