// ops::quantize_code (runtime/src/ops/quantize.hpp), the input conversion of the int8 kinds, against the
// conversion as docs/blob-format.md ("Boundaries") states it, computed the plain way in double: on every
// target, so that the soft-float builds (Cortex-M0, M3) are held to the same codes as the FPU ones. The
// values are the edges: every tie k + 0.5 of the int8 range and beyond it, a spread of int16 ties, one ulp
// either side of each, zero of both signs, subnormals, the largest floats, infinities and NaN.
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "ember/scalar_math.hpp"
#include "ops/quantize.hpp"
#include "unit_test.hpp"

namespace {

// round(x / scale) + zero_point, rounded half away from zero, saturated to [low, high], NaN to low. x / scale
// in float32, as the runtime divides; then |t| + 0.5 is exact in double (t has 24 significant bits), so
// floor of it rounds |t| half up.
int32_t code_by_definition(float x, float scale, int32_t zero_point, int32_t low, int32_t high) {
  const float t = x / scale;
  if (t != t) return low;
  const double magnitude = fabs(static_cast<double>(t));
  double rounded = magnitude < 1e9 ? floor(magnitude + 0.5) : 1e9;
  if (t < 0.0f) rounded = -rounded;
  const double code = rounded + zero_point;
  return code < low ? low : code > high ? high : static_cast<int32_t>(code);
}

using ember::math::bits_to_float;
using ember::math::float_bits;

struct Range {
  int32_t zero_point, low, high;
};

// Every x = t · scale for the t given and its float neighbours, one ulp either side.
int mismatches(float t, float scale, const Range& r) {
  int bad = 0;
  const uint32_t bits = float_bits(t * scale);
  const uint32_t neighbours[] = {bits - 1u, bits, bits + 1u};
  for (uint32_t b : neighbours) {
    const float x = bits_to_float(b);
    const float below = static_cast<float>(r.low - r.zero_point);
    const float above = static_cast<float>(r.high - r.zero_point);
    if (ember::ops::quantize_code(x, scale, r.zero_point, below, above) !=
        code_by_definition(x, scale, r.zero_point, r.low, r.high)) {
      printf("  x %.9g scale %.9g zero point %ld\n", static_cast<double>(x), static_cast<double>(scale),
             static_cast<long>(r.zero_point));
      ++bad;
    }
  }
  return bad;
}

const float kScales[] = {1.0f, 0.5f, 0.1f, 3.0f, 0.0078125f, 7.3e-5f};

}  // namespace

TEST_CASE(the_int8_input_code_rounds_ties_away_from_zero_and_saturates_as_defined) {
  const Range ranges[] = {{-128, -128, 127}, {-3, -128, 127}, {0, -128, 127}, {5, -128, 127}, {127, -128, 127}};
  int bad = 0;
  for (const Range& r : ranges)
    for (float scale : kScales)
      for (int k = -400; k <= 400; ++k) bad += mismatches(static_cast<float>(k) + 0.5f, scale, r);
  CHECK(bad == 0);
}

TEST_CASE(the_int16_input_code_rounds_ties_away_from_zero_and_saturates_as_defined) {
  const Range r = {0, -32768, 32767};
  int bad = 0;
  for (float scale : kScales) {
    for (int k = -33000; k <= 33000; k += 97) bad += mismatches(static_cast<float>(k) + 0.5f, scale, r);
    for (int k = 32500; k <= 33100; ++k) {
      bad += mismatches(static_cast<float>(k) + 0.5f, scale, r);
      bad += mismatches(-static_cast<float>(k) - 0.5f, scale, r);
    }
  }
  CHECK(bad == 0);
}

TEST_CASE(the_input_code_of_zeros_extremes_infinities_and_nan_is_as_defined) {
  const float values[] = {0.0f,    -0.0f,    FLT_MIN,  -FLT_MIN,  bits_to_float(1u), bits_to_float(0x80000001u),
                          FLT_MAX, -FLT_MAX, INFINITY, -INFINITY, NAN, -NAN, 8388607.5f, -8388607.5f, 16777217.0f,
                          1e30f};
  const Range ranges[] = {{-128, -128, 127}, {0, -128, 127}, {127, -128, 127}, {0, -32768, 32767}};
  for (const Range& r : ranges) {
    for (float scale : kScales) {
      for (float x : values) {
        const float below = static_cast<float>(r.low - r.zero_point);
        const float above = static_cast<float>(r.high - r.zero_point);
        CHECK(ember::ops::quantize_code(x, scale, r.zero_point, below, above) ==
              code_by_definition(x, scale, r.zero_point, r.low, r.high));
      }
    }
  }
  // NaN takes the lowest code, whatever the zero point.
  CHECK(ember::ops::quantize_code(NAN, 1.0f, 127, -255.0f, 0.0f) == -128);
  CHECK(ember::ops::quantize_code(NAN, 1.0f, 0, -32768.0f, 32767.0f) == -32768);
}
