// Conversions at the boundaries of int8 layers (docs/blob-format.md, "Boundaries"): float32 to int8 codes
// with a layer's input scale and zero point (or int16 codes for layer kind 3), and back with its output scale and zero point. Float32
// arithmetic, defined to give the same codes as the quantizer's host reference
// (exporters/src/quantize_scales.cpp): round half away from zero, NaN to −128, saturate to −128 … 127.
#ifndef EMBER_OPS_QUANTIZE_HPP
#define EMBER_OPS_QUANTIZE_HPP

#include <stdint.h>

namespace ember {
namespace ops {

// x / scale rounded half away from zero, in float32 (beyond 2^23 every float is an integer already, and
// NaN stays NaN).
inline float round_scaled(float x, float scale) {
  const float t = x / scale;
  if (!(t > -8388608.0f && t < 8388608.0f)) return t;
  const int32_t i = static_cast<int32_t>(t);  // toward zero; the difference below is exact
  const float fraction = t - static_cast<float>(i);
  return static_cast<float>(fraction >= 0.5f ? i + 1 : fraction <= -0.5f ? i - 1 : i);
}

// One out-of-line copy of an inline function: noinline, and for GCC noclone, so that no call site gets a
// specialized clone and the linker keeps one of its copies (Clang has no noclone and makes no such clones).
#if defined(__clang__)
#define EMBER_ONE_COPY __attribute__((noinline))
#else
#define EMBER_ONE_COPY __attribute__((noinline, noclone))
#endif

// round_scaled(x, scale) + zero_point, saturated to [low, high], NaN to `low`: one copy for both code widths
// (EMBER_ONE_COPY, so an image with kinds 2 and 3 carries the rounding once). Adding a zero point of 0
// changes no value (−0 + 0 is +0, and both convert to 0), so the int16 codes are those of the rounding alone.
// The zero point and the bounds are passed as floats (exact: all are small integers), so that a call moves
// no value between the integer and the floating-point registers before it rounds.
EMBER_ONE_COPY inline int32_t quantize_saturated(float x, float scale, float zero_point, float low, float high) {
  const float shifted = round_scaled(x, scale) + zero_point;
  if (!(shifted > low)) return static_cast<int32_t>(low);
  if (shifted > high) return static_cast<int32_t>(high);
  return static_cast<int32_t>(shifted);
}

inline int8_t quantize_f32(float x, float scale, int32_t zero_point) {
  return static_cast<int8_t>(quantize_saturated(x, scale, static_cast<float>(zero_point), -128.0f, 127.0f));
}

// The int16 input of layer kind 3: symmetric (zero point 0), NaN to −32768, saturating to −32768 … 32767.
inline int16_t quantize_f32_s16(float x, float scale) {
  return static_cast<int16_t>(quantize_saturated(x, scale, 0.0f, -32768.0f, 32767.0f));
}

inline float dequantize_s8(int8_t q, float scale, int32_t zero_point) {
  return scale * static_cast<float>(static_cast<int32_t>(q) - zero_point);
}

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_QUANTIZE_HPP
