// The int8 dense layer: the arithmetic of the TensorFlow Lite int8 specification (per-output-channel
// symmetric weights, int32 bias, int8 activations with a zero point, requantization by an int32
// multiplier and a shift), with no float anywhere, so it runs on cores without an FPU.
//
// Definition, for output neuron o (docs/runtime.md, "Int8 numerics"):
//
//   acc    = bias[o] + Σ_i (x[i] + input_offset) · w[o][i]      sum in 32-bit two's complement (wraps)
//   scaled = requantize(acc, multiplier[o], shift[o])            see requantize() below
//   y[o]   = clamp(scaled + output_offset, activation_min, activation_max)
//
// where input_offset = −(input zero point) and output_offset = output zero point. ReLU is folded into
// activation_min (= max(−128, output zero point)). Every kernel (the portable reference, the Cortex-M
// DSP-extension build, the host SIMD build) gives these bits exactly; tests/runtime/ checks them
// against each other on every target.
#ifndef EMBER_DENSE_S8_HPP
#define EMBER_DENSE_S8_HPP

#include <stdint.h>

namespace ember {

struct DenseS8Params {
  int32_t input_offset;    // −(input zero point): −127 … 128, or kInt16Input
  int32_t output_offset;   // output zero point: −128 … 127
  int32_t activation_min;  // −128 … activation_max
  int32_t activation_max;  // activation_min … 127
};

// input_offset for kind 3's int16 input (ember/dense_s16x8.hpp, which passes it): x then points at in_width
// int16 codes, 2-byte aligned, zero point 0, nothing to offset. Outside the int8 offsets' range, so no int8
// layer looks like it; every build of dense_s8 reads such an input itself, so kind 3 needs no second entry.
constexpr int32_t kInt16Input = INT32_MIN;

// Rounding doubling high multiply (TFLite's SaturatingRoundingDoublingHighMul): the high 32 bits of
// 2·a·b, rounded to nearest with ties away from zero; the one overflowing case saturates.
inline int32_t rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * b;
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));  // division truncates toward zero
}

// Arithmetic right shift by `exponent` (0 … 31), rounded to nearest with ties away from zero
// (TFLite's RoundingDivideByPOT).
inline int32_t rounding_right_shift(int32_t x, int32_t exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// acc · multiplier · 2^(shift − 31), rounded. multiplier is in [2^30, 2^31 − 1] (a Q31 value in
// [0.5, 1)); shift is in [−31, 30]. A positive shift is applied first, saturating to int32.
inline int32_t requantize(int32_t acc, int32_t multiplier, int32_t shift) {
  int32_t x = acc;
  if (shift > 0) {
    const int64_t wide = static_cast<int64_t>(acc) * (int64_t{1} << shift);
    x = wide > INT32_MAX ? INT32_MAX : wide < INT32_MIN ? INT32_MIN : static_cast<int32_t>(wide);
  }
  const int32_t high = rounding_doubling_high_mul(x, multiplier);
  return shift < 0 ? rounding_right_shift(high, -shift) : high;
}

// Bytes of scratch dense_s8 needs for a layer of `in_width` inputs: every build widens the input (plus
// input_offset) to 16 bits once per layer instead of once per row, padded to a multiple of 4 inputs with
// zeros (the weight layout's, ember/dense_s8_layout.hpp): 2 bytes per padded input. The caller provides it,
// 4-byte aligned. Inline: its one caller in the runtime takes fewer bytes than a call.
inline uint32_t dense_s8_scratch_bytes(uint32_t in_width) { return ((in_width + 3u) & ~3u) * 2u; }

// One sample through one int8 layer. weights: the blob's layout (ember/dense_s8_layout.hpp: blocks of four
// rows and four inputs, padded), 4-byte aligned; bias: out_width int32; multiplier: out_width int32, each in
// [2^30, 2^31 − 1] as the validator checks (the reference computes any); shift: out_width int8, −31 … 30;
// x: in_width int8 codes (in_width int16 ones with params.input_offset == kInt16Input). in_width and
// out_width are at least 1, as the validator checks (bad_width): the DSP build zeroes the last chunk of the
// scratch before it widens the input.
void dense_s8(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
              const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
              void* scratch);

// The portable integer reference that defines the bits above, on row-major weights (out_width rows of
// in_width); every other build is tested against it with the same weights in the blob's layout.
void dense_s8_reference(const int8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                        const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params);

}  // namespace ember

#endif  // EMBER_DENSE_S8_HPP
