// The trainer's own predictions and the runtime's, on the same test rows through the exported blob, must
// agree: otherwise the scores `ember train` prints are not the scores of the model it ships.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ember/export/blob_writer.hpp"
#include "ember/model.hpp"
#include "ember/trainer/trainer.hpp"

using namespace ember::trainer;

namespace {
void expect_runtime_agrees(const TrainResult& r, double absolute_floor) {
  const auto blob = ember::exporters::write_blob(r.model);
  std::vector<float> storage((blob.size() + 3) / 4);  // 4-aligned copy, as the runtime requires
  std::copy(blob.begin(), blob.end(), reinterpret_cast<std::uint8_t*>(storage.data()));
  ember::ModelInfo info{};
  ASSERT_EQ(ember::inspect_blob(storage.data(), blob.size(), &info), ember::Status::ok);
  std::vector<float> arena(info.arena_bytes / sizeof(float));
  ember::Model model;
  ASSERT_EQ(model.load(storage.data(), blob.size(), arena.data(), info.arena_bytes), ember::Status::ok);

  const std::size_t in = model.input_width(), out = model.output_width();
  const std::size_t rows = r.test_x.size() / in;
  ASSERT_EQ(r.test_predictions.size(), rows * out);
  std::vector<float> y(out);
  double worst = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    ASSERT_EQ(model.run(r.test_x.data() + row * in, y.data()), ember::Status::ok);
    for (std::size_t j = 0; j < out; ++j) {
      const double a = y[j], b = r.test_predictions[row * out + j];
      const double relative = std::abs(a - b) / std::max({std::abs(a), std::abs(b), absolute_floor});
      worst = std::max(worst, relative);
    }
  }
  EXPECT_LE(worst, 1e-5);
}
}  // namespace

TEST(ExportAgreement, RuntimeMatchesTheTrainersRegressionPredictionsWithinOneHundredThousandth) {
  TrainConfig c;
  c.max_epochs = 20;
  const TrainResult r = train(make_sum_squares(2000, 5, 0.1, 9), c);
  expect_runtime_agrees(r, 0.0);  // purely relative
}

TEST(ExportAgreement, RuntimeMatchesTheTrainerWithTanhLayers) {
  TrainConfig c;
  c.max_epochs = 10;
  c.hidden_activation = ember::Activation::tanh;
  const TrainResult r = train(make_sum_squares(1000, 5, 0.1, 9), c);
  expect_runtime_agrees(r, 0.0);
}

TEST(ExportAgreement, RuntimeMatchesTheTrainersClassProbabilities) {
  TrainConfig c;
  c.task = Task::classify;
  c.hidden = {32};
  c.max_epochs = 10;
  const TrainResult r = train(dataset_from_csv(EMBER_TEST_DATA_DIR "/digits.csv", "digit", Task::classify), c);
  // Probabilities near 0 carry no decision; compare them to 1e-3 of the scale (a probability of 1).
  expect_runtime_agrees(r, 1e-3);
}
