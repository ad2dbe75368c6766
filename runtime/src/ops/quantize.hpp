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

inline int8_t quantize_f32(float x, float scale, int32_t zero_point) {
  const float shifted = round_scaled(x, scale) + static_cast<float>(zero_point);
  if (!(shifted > -128.0f)) return -128;
  if (shifted > 127.0f) return 127;
  return static_cast<int8_t>(shifted);
}

// The int16 input of layer kind 3: symmetric (zero point 0), NaN to −32768, saturating to −32768 … 32767.
inline int16_t quantize_f32_s16(float x, float scale) {
  const float rounded = round_scaled(x, scale);
  if (!(rounded > -32768.0f)) return -32768;
  if (rounded > 32767.0f) return 32767;
  return static_cast<int16_t>(rounded);
}

inline float dequantize_s8(int8_t q, float scale, int32_t zero_point) {
  return scale * static_cast<float>(static_cast<int32_t>(q) - zero_point);
}

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_QUANTIZE_HPP
