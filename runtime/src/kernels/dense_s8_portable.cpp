// dense_s8 in portable C for the cores without a faster build (Cortex-M0, M3). The reference adds the
// input offset to every input again for every row; here the input plus offset is widened to int16 once per
// layer into the caller's scratch, and two rows share each widened input: per input, one halfword load and
// per row one byte load and one multiply-accumulate. Sums wrap in uint32 like the reference's, and integer
// addition in any order gives the same bits; requantization in closed form (requantize_closed_form.hpp).
// Measured on the 5D shape (tests/targets/dense_s8_bench_firmware.cpp): Cortex-M3 25,641 -> 17,674
// instructions, Cortex-M0 40,581 -> 34,493 (its 64-bit multiplies are library calls), in 628 / 732 bytes
// of code against the reference's 484 / 764.
#include "dense_s8_portable.hpp"

#include "requantize_closed_form.hpp"

namespace ember {
namespace {

__attribute__((noinline)) int8_t output(uint32_t acc, int32_t multiplier, int32_t shift, const DenseS8Params& params) {
  int64_t v = int64_t{requantize_closed_form(static_cast<int32_t>(acc), multiplier, shift)} + params.output_offset;
  if (v < params.activation_min) v = params.activation_min;
  if (v > params.activation_max) v = params.activation_max;
  return static_cast<int8_t>(v);
}

}  // namespace

void dense_s8_portable(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                       const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                       void* scratch) {
  int16_t* xs = static_cast<int16_t*>(scratch);
  for (uint32_t i = 0; i < in_width; ++i) xs[i] = static_cast<int16_t>(x[i] + params.input_offset);
  uint32_t o = 0;
  for (; o + 2 <= out_width; o += 2) {
    const int8_t* w0 = weights + static_cast<uint64_t>(o) * in_width;
    const int8_t* w1 = w0 + in_width;
    uint32_t a0 = static_cast<uint32_t>(bias[o]), a1 = static_cast<uint32_t>(bias[o + 1]);
    for (uint32_t i = 0; i < in_width; ++i) {
      const int32_t xi = xs[i];
      a0 += static_cast<uint32_t>(xi * w0[i]);
      a1 += static_cast<uint32_t>(xi * w1[i]);
    }
    y[o] = output(a0, multiplier[o], shift[o], params);
    y[o + 1] = output(a1, multiplier[o + 1], shift[o + 1], params);
  }
  if (o < out_width) {
    const int8_t* w0 = weights + static_cast<uint64_t>(o) * in_width;
    uint32_t a0 = static_cast<uint32_t>(bias[o]);
    for (uint32_t i = 0; i < in_width; ++i) a0 += static_cast<uint32_t>(xs[i] * w0[i]);
    y[o] = output(a0, multiplier[o], shift[o], params);
  }
}

}  // namespace ember
