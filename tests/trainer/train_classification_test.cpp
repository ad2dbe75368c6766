#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "ember/trainer/trainer.hpp"

using namespace ember::trainer;

TEST(Classification, ReachesNinetyFivePercentTestAccuracyOnDigits) {
  const Dataset d = dataset_from_csv(EMBER_TEST_DATA_DIR "/digits.csv", "digit", Task::classify);
  ASSERT_EQ(d.classes, 10u);
  ASSERT_EQ(d.features, 64u);
  TrainConfig c;
  c.task = Task::classify;
  c.hidden = {64};
  const TrainResult r = train(d, c);
  EXPECT_GE(r.test.accuracy, 0.95);
  ASSERT_EQ(r.confusion.size(), 10u);
  std::size_t total = 0, diagonal = 0;
  for (std::size_t t = 0; t < 10; ++t)
    for (std::size_t p = 0; p < 10; ++p) {
      total += r.confusion[t][p];
      if (t == p) diagonal += r.confusion[t][p];
    }
  EXPECT_EQ(total, r.test.rows);
  EXPECT_DOUBLE_EQ(static_cast<double>(diagonal) / static_cast<double>(total), r.test.accuracy);
  EXPECT_EQ(r.model.layers.back().activation, ember::Activation::softmax);
  EXPECT_EQ(r.model.output_mean, std::vector<float>(10, 0.0f));
  EXPECT_EQ(r.model.output_scale, std::vector<float>(10, 1.0f));
}

TEST(Classification, RejectsATargetThatIsNotAClassIndex) {
  const std::string path = testing::TempDir() + "ember_" + std::to_string(::getpid()) + "_fractional_label.csv";
  std::ofstream(path) << "a,b,label\n1,2,0\n3,4,1.5\n";
  EXPECT_THROW(dataset_from_csv(path, "label", Task::classify), std::runtime_error);
  std::remove(path.c_str());
}
