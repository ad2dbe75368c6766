#include <gtest/gtest.h>

#include "ember/export/blob_writer.hpp"
#include "ember/trainer/trainer.hpp"

using namespace ember::trainer;

namespace {
TrainConfig small_config(std::size_t epochs) {
  TrainConfig c;
  c.optimizer = Optimizer::adam;  // these tests check the epoch loop
  c.max_epochs = epochs;
  c.seed = 5;
  return c;
}
}  // namespace

// A model that predicts the mean has R² = 0; a broken gradient or optimizer stays far below 0.9 here.
TEST(Training, FitsTwoThousandSumSquaresSamplesToRSquaredAboveNineTenthsInSixtyEpochs) {
  const Dataset d = make_sum_squares(2000, 5, 0.1, 5);
  TrainConfig c = small_config(60);
  c.batch = 64;
  const TrainResult r = train(d, c);
  EXPECT_GE(r.test.regression.r2, 0.9);
  EXPECT_GE(r.train.regression.r2, 0.9);
  EXPECT_EQ(r.epochs_run, r.history.size());
  EXPECT_LE(r.best_epoch, r.epochs_run);
  EXPECT_LT(r.history.back().train_loss, r.history.front().train_loss / 10);
  EXPECT_EQ(r.test.rows, 400u);
  EXPECT_EQ(r.test_predictions.size(), 400u);
  EXPECT_EQ(r.test_x.size(), 400u * 5);
}

TEST(Training, WithTheSameSeedWritesTheSameBlobBytesAndWithAnotherSeedDifferentOnes) {
  const Dataset d = make_sum_squares(500, 5, 0.1, 5);
  TrainConfig c = small_config(5);
  const auto first = ember::exporters::write_blob(train(d, c).model);
  const auto second = ember::exporters::write_blob(train(d, c).model);
  c.seed = 6;
  const auto other = ember::exporters::write_blob(train(d, c).model);
  EXPECT_EQ(first, second);
  EXPECT_NE(first, other);
}

TEST(Training, StopsEarlyAndKeepsTheBestEpochsWeights) {
  const Dataset d = make_sum_squares(300, 5, 0.1, 5);
  TrainConfig c = small_config(100000);
  c.patience = 3;
  const TrainResult r = train(d, c);
  ASSERT_LT(r.epochs_run, 100000u);
  EXPECT_EQ(r.epochs_run, r.best_epoch + 3);
  double best = 1e300;
  for (const auto& e : r.history) best = std::min(best, e.validation_loss);
  EXPECT_EQ(best, r.history[r.best_epoch - 1].validation_loss);
}

TEST(Training, BakesTheTrainingStatisticsIntoTheModel) {
  const Dataset d = make_sum_squares(1000, 5, 0.1, 5);
  const TrainResult r = train(d, small_config(1));
  ASSERT_EQ(r.model.input_mean.size(), 5u);
  ASSERT_EQ(r.model.output_scale.size(), 1u);
  EXPECT_NEAR(r.model.output_mean[0], 5.0, 0.5);   // E[chi-square with 5 degrees of freedom] = 5
  EXPECT_NEAR(r.model.output_scale[0], 3.16, 0.4);  // sqrt(2 * 5)
  EXPECT_NEAR(r.model.input_scale[0], 1.0, 0.1);
  ASSERT_EQ(r.model.layers.size(), 4u);
  EXPECT_EQ(r.model.layers[0].activation, ember::Activation::relu);
  EXPECT_EQ(r.model.layers[3].activation, ember::Activation::identity);
}

TEST(Training, RejectsAnUnusableConfiguration) {
  const Dataset d = make_sum_squares(100, 5, 0.1, 5);
  TrainConfig c = small_config(1);
  c.batch = 0;
  EXPECT_THROW(train(d, c), std::invalid_argument);
  c = small_config(1);
  c.learning_rate = -1;
  EXPECT_THROW(train(d, c), std::invalid_argument);
  c = small_config(1);
  c.hidden = {64, 0};
  EXPECT_THROW(train(d, c), std::invalid_argument);
  c = small_config(1);
  c.task = Task::classify;
  EXPECT_THROW(train(d, c), std::invalid_argument);
}
