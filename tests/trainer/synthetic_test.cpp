#include <gtest/gtest.h>

#include <cmath>

#include "ember/trainer/trainer.hpp"

using ember::trainer::make_sum_squares;

TEST(SumSquares, IsTheSameForTheSameSeedAndDiffersForAnother) {
  const auto a = make_sum_squares(200, 5, 0.1, 7);
  const auto b = make_sum_squares(200, 5, 0.1, 7);
  const auto c = make_sum_squares(200, 5, 0.1, 8);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  EXPECT_NE(a.x, c.x);
}

TEST(SumSquares, TargetsAreTheSumOfSquaredFeaturesPlusNoiseOfTheRequestedSize) {
  const auto d = make_sum_squares(5000, 5, 0.1, 1);
  ASSERT_EQ(d.x.size(), 5000u * 5);
  double residual_squares = 0, feature_sum = 0, feature_squares = 0;
  for (std::size_t r = 0; r < d.rows; ++r) {
    double s = 0;
    for (std::size_t i = 0; i < 5; ++i) {
      const double x = d.x[r * 5 + i];
      s += x * x;
      feature_sum += x;
      feature_squares += x * x;
    }
    residual_squares += (d.y[r] - s) * (d.y[r] - s);
  }
  const double n = 5000.0 * 5;
  EXPECT_NEAR(feature_sum / n, 0.0, 0.03);          // N(0, 1) features
  EXPECT_NEAR(feature_squares / n, 1.0, 0.05);
  EXPECT_NEAR(std::sqrt(residual_squares / 5000.0), 0.1, 0.01);  // noise standard deviation
}

TEST(SumSquares, RejectsZeroSamples) { EXPECT_THROW(make_sum_squares(0, 5, 0.1, 1), std::invalid_argument); }
