// The dense int8 layer with int16 input: the definition in ember/dense_s16x8.hpp, written plainly.
#include "ember/dense_s16x8.hpp"

namespace ember {

void dense_s16x8_reference(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                           const int16_t* x, int8_t* y, uint32_t in_width, uint32_t out_width,
                           const DenseS16x8Params& params) {
  for (uint32_t o = 0; o < out_width; ++o) {
    const int8_t* row = weights + static_cast<uint64_t>(o) * in_width;
    // Unsigned arithmetic gives the two's-complement wrap of the definition without signed overflow.
    uint32_t acc = static_cast<uint32_t>(bias[o]);
    for (uint32_t i = 0; i < in_width; ++i)
      acc += static_cast<uint32_t>(static_cast<int32_t>(x[i]) * static_cast<int32_t>(row[i]));
    // In 64 bits: requantize() may return anything up to the int32 limits, and adding the zero point must
    // not overflow before the clamp.
    int64_t v = int64_t{requantize(static_cast<int32_t>(acc), multiplier[o], shift[o])} + params.output_offset;
    if (v < params.activation_min) v = params.activation_min;
    if (v > params.activation_max) v = params.activation_max;
    y[o] = static_cast<int8_t>(v);
  }
}

}  // namespace ember
