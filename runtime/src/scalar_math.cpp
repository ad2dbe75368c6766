#include "ember/scalar_math.hpp"

namespace ember {
namespace math {
namespace {
constexpr float kLog2e = 1.44269504088896341f;
// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (Cody-Waite reduction).
constexpr float kLn2Hi = 0.693145751953125f;
constexpr float kLn2Lo = 1.42860682030941723212e-6f;
constexpr float kHalfLn2 = 0.34657359027997264f;
constexpr float kExpOverflow = 88.72283935546875f;  // above this exp(x) is +inf in float
constexpr float kExpUnderflow = -103.97208f;         // below this exp(x) rounds to 0

// exp(r) - 1 for |r| <= ln2/2: Taylor series to r^8 (truncation error below 6e-10 relative).
float expm1_reduced(float r) {
  float p = 1.0f / 40320.0f;
  p = p * r + 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  return r + r * r * p;
}

// 2^k as a float for k in [-126, 127].
float pow2(int32_t k) { return bits_to_float(static_cast<uint32_t>(k + 127) << 23); }

// Splits x = k ln2 + r with |r| <= ln2/2 (plus rounding).
int32_t reduce(float x, float* r) {
  const float kf = x * kLog2e;
  const int32_t k = static_cast<int32_t>(kf < 0.0f ? kf - 0.5f : kf + 0.5f);
  *r = (x - static_cast<float>(k) * kLn2Hi) - static_cast<float>(k) * kLn2Lo;
  return k;
}
}  // namespace

uint32_t float_bits(float value) {
  uint32_t bits;
  __builtin_memcpy(&bits, &value, sizeof bits);
  return bits;
}

float bits_to_float(uint32_t bits) {
  float value;
  __builtin_memcpy(&value, &bits, sizeof value);
  return value;
}

bool is_finite(float value) { return (float_bits(value) & 0x7F800000u) != 0x7F800000u; }

float exp(float x) {
  if (x != x) return x;  // NaN propagates
  if (x > kExpOverflow) return bits_to_float(0x7F800000u);
  if (x < kExpUnderflow) return 0.0f;
  float r;
  const int32_t k = reduce(x, &r);
  const float m = 1.0f + expm1_reduced(r);
  // Scale in two steps when 2^k alone would be subnormal.
  if (k < -126) return m * pow2(k + 64) * pow2(-64);
  if (k > 127) return m * pow2(k - 1) * 2.0f;
  return m * pow2(k);
}

float expm1(float x) {
  if (x > -kHalfLn2 && x < kHalfLn2) return expm1_reduced(x);
  return exp(x) - 1.0f;  // |result| > 0.29 here, so the subtraction loses nothing
}

float tanh(float x) {
  const float ax = x < 0.0f ? -x : x;
  if (ax != ax) return x;
  if (ax > 9.0f) return x < 0.0f ? -1.0f : 1.0f;  // tanh(9) = 1 - 3e-8: rounds to 1 in float
  const float e = expm1(2.0f * ax);
  const float t = e / (e + 2.0f);
  return x < 0.0f ? -t : t;
}

float sigmoid(float x) {
  if (x >= 0.0f) return 1.0f / (1.0f + exp(-x));
  const float e = exp(x);  // avoids exp overflow for large negative x
  return e / (1.0f + e);
}

}  // namespace math
}  // namespace ember
