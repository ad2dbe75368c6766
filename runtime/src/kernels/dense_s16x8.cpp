// dense_s16x8 as the runtime runs it (ember/dense_s16x8.hpp): two output rows share each int16 input load,
// and requantization is in closed form (requantize_closed_form.hpp: one arithmetic shift of the 64-bit
// product instead of the reference's division, which is a library call on Cortex-M). Sums wrap in uint32
// like the reference's, and integer addition in any order gives the same bits.
#include "ember/dense_s16x8.hpp"

#include "requantize_closed_form.hpp"

namespace ember {
namespace {

// The clamp in 32 bits: requantize's result r lies in int32, and clamping r to [min − offset, max − offset]
// before adding the offset gives the reference's clamp(r + offset, min, max) without its 64-bit compares.
__attribute__((noinline)) int8_t output(uint32_t acc, int32_t multiplier, int32_t shift,
                                        const DenseS16x8Params& params) {
  const int32_t low = params.activation_min - params.output_offset;
  const int32_t high = params.activation_max - params.output_offset;
  int32_t r = requantize_closed_form(static_cast<int32_t>(acc), multiplier, shift);
  r = r < low ? low : r > high ? high : r;
  return static_cast<int8_t>(r + params.output_offset);
}

}  // namespace

void dense_s16x8(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                 const int16_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS16x8Params& params) {
  uint32_t o = 0;
  for (; o + 2 <= out_width; o += 2) {
    const int8_t* w0 = weights + static_cast<uint64_t>(o) * in_width;
    const int8_t* w1 = w0 + in_width;
    uint32_t a0 = static_cast<uint32_t>(bias[o]), a1 = static_cast<uint32_t>(bias[o + 1]);
    for (uint32_t i = 0; i < in_width; ++i) {
      const int32_t xi = x[i];
      a0 += static_cast<uint32_t>(xi * w0[i]);
      a1 += static_cast<uint32_t>(xi * w1[i]);
    }
    y[o] = output(a0, multiplier[o], shift[o], params);
    y[o + 1] = output(a1, multiplier[o + 1], shift[o + 1], params);
  }
  if (o < out_width) {
    const int8_t* w0 = weights + static_cast<uint64_t>(o) * in_width;
    uint32_t a0 = static_cast<uint32_t>(bias[o]);
    for (uint32_t i = 0; i < in_width; ++i) a0 += static_cast<uint32_t>(static_cast<int32_t>(x[i]) * w0[i]);
    y[o] = output(a0, multiplier[o], shift[o], params);
  }
}

}  // namespace ember
