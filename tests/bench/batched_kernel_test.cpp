// Model::run_batch goes through the batched kernel (ember/dense_f32_tile.hpp) in tiles of 16 samples; it
// must give exactly what run() gives, sample by sample, for any shape, activation and count.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "ember/dense_f32_tile.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/model.hpp"

namespace {
std::vector<std::uint8_t> random_blob(const std::vector<std::uint16_t>& widths, ember::Activation hidden,
                                      ember::Activation last, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 0.5f);
  ember::exporters::ModelSpec spec;
  spec.name = "batched";
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
    ember::exporters::DenseLayerSpec l;
    l.in_width = widths[k];
    l.out_width = widths[k + 1];
    l.activation = k + 2 == widths.size() ? last : hidden;
    for (int i = 0; i < l.in_width * l.out_width; ++i) l.weights.push_back(normal(rng));
    for (int i = 0; i < l.out_width; ++i) l.bias.push_back(normal(rng));
    spec.layers.push_back(l);
  }
  for (std::uint16_t i = 0; i < widths.front(); ++i) {
    spec.input_mean.push_back(0.25f * static_cast<float>(i));
    spec.input_scale.push_back(1.5f);
  }
  for (std::uint16_t j = 0; j < widths.back(); ++j) {
    spec.output_mean.push_back(3.0f);
    spec.output_scale.push_back(2.0f);
  }
  return ember::exporters::write_blob(spec);
}

// Loads the blob, runs `count` random samples both ways and compares the bytes.
void expect_batch_equals_run(const std::vector<std::uint8_t>& blob, std::size_t count) {
  std::vector<float> storage(blob.size() / 4 + 4);
  std::memcpy(storage.data(), blob.data(), blob.size());
  std::vector<float> arena(4096);
  ember::Model model;
  ASSERT_EQ(model.load(storage.data(), blob.size(), arena.data(), arena.size() * 4), ember::Status::ok);
  std::mt19937 rng(static_cast<unsigned>(count));
  std::normal_distribution<float> normal(0.0f, 2.0f);
  std::vector<float> x(count * model.input_width() + 1);
  for (float& v : x) v = normal(rng);
  std::vector<float> batch(count * model.output_width() + 1, -1.0f), single(batch.size(), -2.0f);
  ASSERT_EQ(model.run_batch(x.data(), count, batch.data()), ember::Status::ok);
  for (std::size_t n = 0; n < count; ++n)
    ASSERT_EQ(model.run(x.data() + n * model.input_width(), single.data() + n * model.output_width()), ember::Status::ok);
  EXPECT_EQ(std::memcmp(batch.data(), single.data(), count * model.output_width() * sizeof(float)), 0)
      << "count " << count;
}
}  // namespace

TEST(BatchedKernel, RunBatchEqualsRunBitForBitOnThe5dShapeForEveryTileRemainder) {
  const auto blob = random_blob({5, 64, 32, 16, 1}, ember::Activation::relu, ember::Activation::identity, 1);
  for (std::size_t count : {1u, 2u, 15u, 16u, 17u, 31u, 32u, 33u, 100u, 1000u}) expect_batch_equals_run(blob, count);
}

TEST(BatchedKernel, RunBatchEqualsRunForOddWidthsAndEveryActivation) {
  using A = ember::Activation;
  expect_batch_equals_run(random_blob({3, 7, 5, 2}, A::tanh, A::sigmoid, 2), 37);
  expect_batch_equals_run(random_blob({9, 13, 4}, A::sigmoid, A::softmax, 3), 50);
  expect_batch_equals_run(random_blob({1, 1}, A::identity, A::relu, 4), 20);
  expect_batch_equals_run(random_blob({6, 33, 11, 3}, A::relu, A::softmax, 5), 64);
}

TEST(BatchedKernel, LayersTooWideForTheTileScratchFallBackToRunAndStillMatch) {
  // 200 + 100 neurons side by side exceed the 256-wide tile scratch: sample by sample.
  const auto blob = random_blob({4, 200, 100, 1}, ember::Activation::relu, ember::Activation::identity, 6);
  expect_batch_equals_run(blob, 20);
}

TEST(BatchedKernel, ZeroSamplesIsANoOp) {
  const auto blob = random_blob({5, 8, 1}, ember::Activation::relu, ember::Activation::identity, 7);
  std::vector<float> storage(blob.size() / 4 + 4);
  std::memcpy(storage.data(), blob.data(), blob.size());
  float arena[64];
  ember::Model model;
  ASSERT_EQ(model.load(storage.data(), blob.size(), arena, sizeof arena), ember::Status::ok);
  EXPECT_EQ(model.run_batch(nullptr, 0, nullptr), ember::Status::ok);
}

TEST(BatchedKernel, ReportsWhichBuildItUses) {
  const std::string variant = ember::dense_f32_tile_variant();
  EXPECT_TRUE(variant == "avx2" || variant == "portable") << variant;
}
