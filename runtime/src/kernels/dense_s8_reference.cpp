// The portable integer reference of the int8 dense layer: the definition in ember/dense_s8.hpp, written
// as plainly as possible. Optimized builds are tested against it bit for bit.
#include "ember/dense_s8.hpp"

namespace ember {

void dense_s8_reference(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                        const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width,
                        const DenseS8Params& params) {
  for (uint32_t o = 0; o < out_width; ++o) {
    const int8_t* row = weights + static_cast<uint64_t>(o) * in_width;
    // Unsigned arithmetic gives the two's-complement wrap the definition asks for without signed overflow.
    uint32_t acc = static_cast<uint32_t>(bias[o]);
    for (uint32_t i = 0; i < in_width; ++i)
      acc += static_cast<uint32_t>((x[i] + params.input_offset) * static_cast<int32_t>(row[i]));
    // In 64 bits: requantize() may return anything up to the int32 limits (a positive shift saturates),
    // and adding the zero point must not overflow before the clamp.
    int64_t v = int64_t{requantize(static_cast<int32_t>(acc), multiplier[o], shift[o])} + params.output_offset;
    if (v < params.activation_min) v = params.activation_min;
    if (v > params.activation_max) v = params.activation_max;
    y[o] = static_cast<int8_t>(v);
  }
}

}  // namespace ember
