#include <gtest/gtest.h>

#include <cmath>

#include "ember/analysis/statistics.hpp"

namespace {

using namespace ember::analysis;

TEST(Statistics, SpearmanIsOneForAnyIncreasingRelationAndMinusOneForDecreasing) {
  EXPECT_NEAR(spearman({1, 2, 3, 4}, {1, 8, 27, 64}), 1.0, 1e-12);
  EXPECT_NEAR(spearman({1, 2, 3, 4}, {10, 5, 1, 0}), -1.0, 1e-12);
}

TEST(Statistics, SpearmanMatchesAHandComputedValueWithTies) {
  // Ranks a: 1, 2.5, 2.5, 4; ranks b: 2, 1, 3, 4 -> Pearson of the ranks = 0.632455532.
  EXPECT_NEAR(spearman({1, 2, 2, 3}, {2, 1, 3, 4}), 0.632455532, 1e-8);
  EXPECT_TRUE(std::isnan(spearman({1, 1, 1}, {1, 2, 3})));
}

TEST(Statistics, AurocCountsPairsAndHalvesTies) {
  EXPECT_DOUBLE_EQ(auroc({0.1, 0.2, 0.8, 0.9}, {0, 0, 1, 1}), 1.0);
  EXPECT_DOUBLE_EQ(auroc({0.9, 0.8, 0.2, 0.1}, {0, 0, 1, 1}), 0.0);
  EXPECT_DOUBLE_EQ(auroc({0.5, 0.5}, {0, 1}), 0.5);
  EXPECT_DOUBLE_EQ(auroc({0.1, 0.6, 0.4, 0.9}, {0, 0, 1, 1}), 0.75);
  EXPECT_TRUE(std::isnan(auroc({0.1, 0.2}, {1, 1})));
}

TEST(Statistics, QuantileInterpolatesLinearly) {
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4, 5}, 0.95), 4.8);
}

}  // namespace
