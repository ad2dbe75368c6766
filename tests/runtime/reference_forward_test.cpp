// Runtime outputs against a double-precision forward pass on random models of several shapes, with every
// activation, within 1e-5 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "ember/export/blob_writer.hpp"
#include "ember/model.hpp"
#include "reference_forward.hpp"

namespace {
using ember::Activation;

ember::exporters::ModelSpec random_model(const std::vector<std::uint16_t>& widths, std::mt19937& rng,
                                         Activation last) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_int_distribution<int> hidden_activation(1, 3);  // relu, tanh, sigmoid
  ember::exporters::ModelSpec spec;
  spec.name = "random";
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
    ember::exporters::DenseLayerSpec l;
    l.in_width = widths[k];
    l.out_width = widths[k + 1];
    l.activation = k + 2 == widths.size() ? last : static_cast<Activation>(hidden_activation(rng));
    const float he = std::sqrt(2.0f / l.in_width);
    for (int i = 0; i < l.in_width * l.out_width; ++i) l.weights.push_back(he * normal(rng));
    for (int o = 0; o < l.out_width; ++o) l.bias.push_back(0.1f * normal(rng));
    spec.layers.push_back(l);
  }
  for (int i = 0; i < widths.front(); ++i) {
    spec.input_mean.push_back(normal(rng));
    spec.input_scale.push_back(0.5f + std::abs(normal(rng)));
  }
  for (int j = 0; j < widths.back(); ++j) {
    spec.output_mean.push_back(last == Activation::softmax ? 0.0f : normal(rng));
    spec.output_scale.push_back(last == Activation::softmax ? 1.0f : 1.0f + std::abs(normal(rng)));
  }
  return spec;
}

void expect_matches_reference(const ember::exporters::ModelSpec& spec, std::mt19937& rng) {
  const auto blob = ember::exporters::write_blob(spec);
  std::vector<float> aligned(blob.size() / 4);
  std::memcpy(aligned.data(), blob.data(), blob.size());
  ember::ModelInfo info;
  ASSERT_EQ(ember::inspect_blob(aligned.data(), blob.size(), &info), ember::Status::ok);
  std::vector<float> arena(info.arena_bytes / 4);
  ember::Model model;
  ASSERT_EQ(model.load(aligned.data(), blob.size(), arena.data(), info.arena_bytes), ember::Status::ok);
  std::normal_distribution<float> normal(0.0f, 2.0f);
  std::vector<float> x(model.input_width()), y(model.output_width());
  for (int sample = 0; sample < 50; ++sample) {
    std::vector<double> xd;
    for (auto& v : x) xd.push_back(v = normal(rng));
    ASSERT_EQ(model.run(x.data(), y.data()), ember::Status::ok);
    const auto want = reference::forward(spec, xd);
    // Relative to the output's magnitude; near an exact zero, relative to the output scale (1e-5 of it).
    for (std::size_t j = 0; j < y.size(); ++j) {
      const double scale = spec.output_scale[j];
      EXPECT_NEAR(y[j], want[j], 1e-5 * std::max(std::abs(want[j]), std::abs(scale)))
          << "output " << j << " of sample " << sample;
    }
  }
}
}  // namespace

TEST(RuntimeReference, MatchesDoublePrecisionOnRandomModelsOfSeveralShapes) {
  std::mt19937 rng(1234);
  const std::vector<std::vector<std::uint16_t>> shapes = {
      {5, 64, 32, 16, 1}, {1, 1}, {3, 7, 2}, {64, 10}, {8, 128, 128, 4}, {17, 33, 9, 5, 3, 2}, {64, 64, 32, 10}};
  for (const auto& shape : shapes)
    for (Activation last : {Activation::identity, Activation::sigmoid, Activation::tanh, Activation::softmax}) {
      SCOPED_TRACE(testing::Message() << "shape of " << shape.size() << " widths, last activation "
                                      << ember::activation_name(last));
      expect_matches_reference(random_model(shape, rng, last), rng);
    }
}
