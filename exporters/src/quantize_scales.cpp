// The number formats of the int8 scheme: requantization multipliers and tensor scales with zero points.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "ember/export/quantize.hpp"

namespace ember::exporters {
namespace {
constexpr double two_pow_31 = 2147483648.0;
}  // namespace

QuantizedMultiplier quantize_multiplier(double real_multiplier) {
  if (!std::isfinite(real_multiplier) || real_multiplier <= 0.0)
    throw std::invalid_argument("requantization multiplier " + std::to_string(real_multiplier) +
                                " is not a finite positive number");
  int exponent = 0;
  const double mantissa = std::frexp(real_multiplier, &exponent);  // in [0.5, 1)
  auto q31 = static_cast<std::int64_t>(std::llround(mantissa * two_pow_31));
  // A mantissa within 2^-32 of 1 rounds up to 2^31, which does not fit: it is 0.5 of the next power of two.
  if (q31 == static_cast<std::int64_t>(two_pow_31)) {
    q31 /= 2;
    ++exponent;
  }
  if (exponent < -31 || exponent > 30)
    throw std::invalid_argument("requantization multiplier " + std::to_string(real_multiplier) +
                                " needs a shift of " + std::to_string(exponent) + ", outside -31..30");
  return {static_cast<std::int32_t>(q31), exponent};
}

double multiplier_value(const QuantizedMultiplier& m) {
  return std::ldexp(static_cast<double>(m.multiplier), m.shift - 31);
}

TensorQuantization choose_tensor_quantization(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high) || low > high)
    throw std::invalid_argument("activation range [" + std::to_string(low) + ", " + std::to_string(high) +
                                "] is not an ordered pair of finite numbers");
  low = std::min(low, 0.0);
  high = std::max(high, 0.0);
  // A tensor that was 0 on every calibration row (a dead ReLU layer): any scale represents it exactly.
  if (high - low <= std::numeric_limits<float>::min()) high = 1.0;
  TensorQuantization q;
  q.scale = static_cast<float>((high - low) / 255.0);
  // The zero point that maps `low` to −128, rounded: 0 then lands exactly on an integer code.
  const double zero = -128.0 - low / static_cast<double>(q.scale);
  q.zero_point = static_cast<std::int32_t>(std::max(-128.0, std::min(127.0, std::round(zero))));
  return q;
}

std::int8_t quantize_value(float real, const TensorQuantization& q) {
  const float scaled = std::round(real / q.scale);  // ties away from zero
  const float shifted = scaled + static_cast<float>(q.zero_point);
  if (!(shifted > -128.0f)) return -128;  // also NaN, which has no int8 code
  if (shifted > 127.0f) return 127;
  return static_cast<std::int8_t>(shifted);
}

std::int16_t quantize_value_s16(float real, float scale) {
  const float scaled = std::round(real / scale);  // ties away from zero
  if (!(scaled > -32768.0f)) return -32768;       // also NaN
  if (scaled > 32767.0f) return 32767;
  return static_cast<std::int16_t>(scaled);
}

TensorQuantization choose_int16_quantization(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high) || low > high)
    throw std::invalid_argument("activation range [" + std::to_string(low) + ", " + std::to_string(high) +
                                "] is not an ordered pair of finite numbers");
  double largest = std::max(std::fabs(low), std::fabs(high));
  if (largest <= std::numeric_limits<float>::min()) largest = 1.0;  // an input that was always 0
  return {static_cast<float>(largest / 32767.0), 0};
}

float dequantize_value(std::int8_t value, const TensorQuantization& q) {
  return q.scale * static_cast<float>(static_cast<std::int32_t>(value) - q.zero_point);
}

}  // namespace ember::exporters
