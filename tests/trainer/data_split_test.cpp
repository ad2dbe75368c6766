#include "ember/trainer/data_split.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace ember::trainer;

TEST(DataSplit, SplitsSixtyTwentyTwentyAndStandardizesWithTrainingStatistics) {
  const Dataset d = make_sum_squares(1000, 3, 0.1, 3);
  const SplitData s = split_and_standardize(d, 0.6, 0.2, 0.2, 3);
  EXPECT_EQ(s.train.rows, 600u);
  EXPECT_EQ(s.validation.rows, 200u);
  EXPECT_EQ(s.test.rows, 200u);
  for (std::size_t c = 0; c < 3; ++c) {
    double sum = 0, squares = 0;
    for (std::size_t r = 0; r < s.train.rows; ++r) {
      sum += s.train.x[r * 3 + c];
      squares += s.train.x[r * 3 + c] * s.train.x[r * 3 + c];
    }
    EXPECT_NEAR(sum / 600.0, 0.0, 1e-5);
    EXPECT_NEAR(squares / 600.0, 1.0, 1e-4);
  }
  double y_sum = 0;
  for (float y : s.train.y) y_sum += y;
  EXPECT_NEAR(y_sum / 600.0, 0.0, 1e-5);
}

TEST(DataSplit, GivesAConstantColumnScaleOne) {
  Dataset d = make_sum_squares(50, 2, 0.1, 1);
  for (std::size_t r = 0; r < d.rows; ++r) d.x[r * 2] = 4.0f;
  const SplitData s = split_and_standardize(d, 0.6, 0.2, 0.2, 1);
  EXPECT_EQ(s.input.mean[0], 4.0f);
  EXPECT_EQ(s.input.scale[0], 1.0f);
}

TEST(DataSplit, RejectsTooFewRowsForEverySplit) {
  const Dataset d = make_sum_squares(2, 2, 0.1, 1);
  EXPECT_THROW(split_and_standardize(d, 0.6, 0.2, 0.2, 1), std::invalid_argument);
}
