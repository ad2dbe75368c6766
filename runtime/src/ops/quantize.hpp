// Conversions at the boundaries of int8 layers (docs/blob-format.md, "Boundaries"): float32 to int8 codes
// with a layer's input scale and zero point (or int16 codes for layer kind 3), and back with its output scale and zero point. Float32
// arithmetic, defined to give the same codes as the quantizer's host reference
// (exporters/src/quantize_scales.cpp): round half away from zero, NaN to −128, saturate to −128 … 127.
#ifndef EMBER_OPS_QUANTIZE_HPP
#define EMBER_OPS_QUANTIZE_HPP

#include <stdint.h>

namespace ember {
namespace ops {

// The code of x: round(x / scale) + zero_point, rounded half away from zero, saturated to [low, high], NaN to
// low. Saturated before it rounds, which gives the same codes: rounding is monotone and keeps integers, so
// clamp(round(t) + z, low, high) = round(clamp(t, low − z, high − z)) + z, and a NaN fails the first compare.
// The caller passes low − z and high − z (`below`, `above`: small integers, exact in float32) once per
// vector. The clamped t is at most 32,768 in magnitude, so it converts to int32 toward zero exactly, its fraction
// f = t − trunc(t) is exact, and trunc(2f) (2f exact, in (−2, 2)) is the rounding step: 1 when f ≥ 0.5, −1
// when f ≤ −0.5, else 0. Plain float32 compares, conversions, a subtraction and a doubling, so soft-float
// targets give the same codes as the FPU (tests/exporters/quantize_runtime_test.cpp runs ties, their
// neighbours, saturation, infinities and NaN against the host reference).
inline int32_t quantize_code(float x, float scale, int32_t zero_point, float below, float above) {
  float t = x / scale;
  t = t > below ? t : below;
  t = t < above ? t : above;
  const int32_t whole = static_cast<int32_t>(t);
  const float fraction = t - static_cast<float>(whole);
  return whole + static_cast<int32_t>(fraction + fraction) + zero_point;
}

inline float dequantize_s8(int8_t q, float scale, int32_t zero_point) {
  return scale * static_cast<float>(static_cast<int32_t>(q) - zero_point);
}

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_QUANTIZE_HPP
