// The number formats of int8 quantization: requantization multipliers (round trip and exact edge cases)
// and tensor scales with zero points.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>

#include "ember/dense_s8.hpp"
#include "ember/export/quantize.hpp"

namespace {
using ember::exporters::choose_tensor_quantization;
using ember::exporters::dequantize_value;
using ember::exporters::multiplier_value;
using ember::exporters::quantize_multiplier;
using ember::exporters::quantize_value;
using ember::exporters::QuantizedMultiplier;

constexpr std::int32_t q30 = 1 << 30;

TEST(QuantizeMultiplier, RoundTripsEveryMagnitudeWithinHalfAUnitOfItsLastBit) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-32.0, 30.0);
  for (int n = 0; n < 20000; ++n) {
    const double real = std::exp2(exponent(rng));
    const QuantizedMultiplier m = quantize_multiplier(real);
    ASSERT_GE(m.multiplier, q30) << real;
    ASSERT_LE(m.shift, 30) << real;
    ASSERT_GE(m.shift, -31) << real;
    // 31 significant bits, rounded: relative error at most 2^-31.
    ASSERT_LE(std::fabs(multiplier_value(m) - real), real * std::ldexp(1.0, -31)) << real;
  }
}

TEST(QuantizeMultiplier, PowersOfTwoAndHalvesAreExact) {
  EXPECT_EQ(quantize_multiplier(0.5).multiplier, q30);
  EXPECT_EQ(quantize_multiplier(0.5).shift, 0);
  EXPECT_EQ(quantize_multiplier(1.0).multiplier, q30);
  EXPECT_EQ(quantize_multiplier(1.0).shift, 1);
  EXPECT_EQ(quantize_multiplier(0.75).multiplier, 3 << 29);
  EXPECT_EQ(quantize_multiplier(0.75).shift, 0);
  EXPECT_EQ(quantize_multiplier(std::ldexp(1.0, -32)).multiplier, q30);  // the smallest: shift −31
  EXPECT_EQ(quantize_multiplier(std::ldexp(1.0, -32)).shift, -31);
  EXPECT_EQ(quantize_multiplier(std::ldexp(1.0, 29)).shift, 30);  // the largest shift
}

TEST(QuantizeMultiplier, AMantissaThatRoundsUpToOneMovesToTheNextPowerOfTwo) {
  const QuantizedMultiplier m = quantize_multiplier(1.0 - std::ldexp(1.0, -40));
  EXPECT_EQ(m.multiplier, q30);
  EXPECT_EQ(m.shift, 1);
  // The largest representable value, (2^31 − 1) · 2^−1; a hair above it would carry into shift 31.
  const QuantizedMultiplier largest = quantize_multiplier(std::ldexp(1.0, 30) - 0.5);
  EXPECT_EQ(largest.multiplier, INT32_MAX);
  EXPECT_EQ(largest.shift, 30);
  EXPECT_THROW(quantize_multiplier(std::ldexp(1.0, 30) - std::ldexp(1.0, -10)), std::invalid_argument);
}

TEST(QuantizeMultiplier, RejectsValuesRequantizationCannotRepresent) {
  EXPECT_THROW(quantize_multiplier(0.0), std::invalid_argument);
  EXPECT_THROW(quantize_multiplier(-0.5), std::invalid_argument);
  EXPECT_THROW(quantize_multiplier(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW(quantize_multiplier(std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW(quantize_multiplier(std::ldexp(1.0, 30)), std::invalid_argument);   // shift 31
  EXPECT_THROW(quantize_multiplier(std::ldexp(1.0, -33)), std::invalid_argument);  // shift −32
}

TEST(QuantizeMultiplier, RequantizeScalesAccumulatorsByTheRealMultiplierWithinOneUnit) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-20.0, -1.0);
  std::uniform_int_distribution<std::int32_t> acc(-2000000, 2000000);
  for (int n = 0; n < 20000; ++n) {
    const double real = std::exp2(exponent(rng));
    const QuantizedMultiplier m = quantize_multiplier(real);
    const std::int32_t a = acc(rng);
    const double exact = std::round(static_cast<double>(a) * real);
    ASSERT_LE(std::fabs(ember::requantize(a, m.multiplier, m.shift) - exact), 1.0) << a << " x " << real;
  }
}

TEST(TensorQuantization, ReluRangesUseAllCodesFromZeroUp) {
  const auto q = choose_tensor_quantization(0.0, 2.55);
  EXPECT_FLOAT_EQ(q.scale, 0.01f);
  EXPECT_EQ(q.zero_point, -128);
  EXPECT_EQ(quantize_value(0.0f, q), -128);
  EXPECT_EQ(quantize_value(2.55f, q), 127);
  EXPECT_EQ(quantize_value(1.0f, q), -28);
}

TEST(TensorQuantization, ZeroIsExactlyRepresentableInEveryRange) {
  const double ranges[][2] = {{-1.0, 1.0}, {-3.7, 0.2}, {-0.01, 40.0}, {1.0, 2.0}, {-5.0, -4.0}, {0.0, 0.0}};
  for (const auto& r : ranges) {
    const auto q = choose_tensor_quantization(r[0], r[1]);
    EXPECT_GT(q.scale, 0.0f);
    EXPECT_EQ(dequantize_value(quantize_value(0.0f, q), q), 0.0f) << r[0] << ".." << r[1];
  }
  // [1, 2] widens to [0, 2]; [0, 0] becomes [0, 1].
  EXPECT_FLOAT_EQ(choose_tensor_quantization(1.0, 2.0).scale, 2.0f / 255.0f);
  EXPECT_FLOAT_EQ(choose_tensor_quantization(0.0, 0.0).scale, 1.0f / 255.0f);
}

TEST(TensorQuantization, SymmetricRangeRoundsItsZeroPointAwayFromZero) {
  const auto q = choose_tensor_quantization(-1.0, 1.0);
  EXPECT_FLOAT_EQ(q.scale, 2.0f / 255.0f);
  EXPECT_EQ(q.zero_point, -1);  // −128 + 127.5 = −0.5, rounded away from zero
}

TEST(TensorQuantization, ValuesOutsideTheRangeSaturateAndNaNTakesTheLowestCode) {
  const auto q = choose_tensor_quantization(-1.0, 1.0);
  EXPECT_EQ(quantize_value(100.0f, q), 127);
  EXPECT_EQ(quantize_value(-100.0f, q), -128);
  EXPECT_EQ(quantize_value(std::numeric_limits<float>::quiet_NaN(), q), -128);
  EXPECT_THROW(choose_tensor_quantization(2.0, 1.0), std::invalid_argument);
  EXPECT_THROW(choose_tensor_quantization(0.0, std::numeric_limits<double>::infinity()), std::invalid_argument);
}

}  // namespace
