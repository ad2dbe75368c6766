// The least-squares refits (QuantizeOptions::refit_output, refit_hidden): cases where their direction is
// known, and the calibration error they must not raise on a random network.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>

#include "ember/export/quantize.hpp"
#include "ember/export/quantized_reference.hpp"
#include "random_relu_layers.hpp"

namespace {
using ember::Activation;
using namespace ember::exporters;

DenseLayerSpec one_by_one(Activation activation) {
  DenseLayerSpec l;
  l.in_width = 1;
  l.out_width = 1;
  l.activation = activation;
  l.weights = {1.0f};
  l.bias = {0.0f};
  return l;
}

// y = relu(x) through an int8 hidden tensor clipped to its 80th percentile: the rows above it reach the
// output layer as the clip value, below the float model's y = h. The least-squares line through (clipped h,
// y) is steeper than 1, so the refitted weight must be larger than the float one (1) and the calibration
// error smaller; without the refit the weight stays 1 to int8 precision.
TEST(QuantizeOutputRefit, AClippedHiddenTensorGetsASteeperOutputWeight) {
  ModelSpec model;
  model.layers = {one_by_one(Activation::relu), one_by_one(Activation::identity)};
  std::vector<float> rows;
  for (int i = 0; i <= 200; ++i) rows.push_back(static_cast<float>(i) / 200.0f);
  const std::vector<float> expected = reference_outputs(model, rows, rows.size());
  QuantizeOptions options;
  options.percentile = 80.0;
  options.input_margin = 0.0;
  options.range_margin = 0.0;
  options.refit_hidden = false;  // layer 0 is kind 3 (int16 input): nothing to refit either way
  auto weight_and_error = [&](bool refit) {
    options.refit_output = refit;
    const ModelSpec q = quantize_model(model, rows, rows.size(), options);
    const QuantizedDense& last = *q.layers[1].int8;
    EXPECT_TRUE(last.float_output);
    const std::vector<float> y = reference_outputs(q, rows, rows.size());
    double error = 0;
    for (std::size_t r = 0; r < y.size(); ++r) error += (y[r] - expected[r]) * (y[r] - expected[r]);
    return std::pair<double, double>{last.weight_scale[0] * last.weights[0], error};
  };
  const auto [plain_weight, plain_error] = weight_and_error(false);
  const auto [refit_weight, refit_error] = weight_and_error(true);
  EXPECT_NEAR(plain_weight, 1.0, 1e-6);
  EXPECT_GT(refit_weight, 1.05);
  EXPECT_LT(refit_error, 0.8 * plain_error);
}

// With labels the refit fits them, not the float model: labels 2x + 1 in the data's units (output mean 1,
// scale 2, so 2x + 1 is x standardized back) give weight 1 through an unclipped relu, labels 4x + 1
// weight 2; an empty or wrongly sized label set is the float model's outputs or an error.
TEST(QuantizeOutputRefit, FitsTheLabelsWhenGivenThem) {
  ModelSpec model;
  model.layers = {one_by_one(Activation::relu), one_by_one(Activation::identity)};
  model.output_mean = {1.0f};
  model.output_scale = {2.0f};
  std::vector<float> rows, labels;
  for (int i = 0; i <= 100; ++i) {
    rows.push_back(static_cast<float>(i) / 100.0f);
    labels.push_back(4.0f * rows.back() + 1.0f);
  }
  QuantizeOptions options;
  options.refit_targets = labels;
  const QuantizedDense last = *quantize_model(model, rows, rows.size(), options).layers[1].int8;
  EXPECT_NEAR(last.weight_scale[0] * last.weights[0], 2.0, 0.02);
  options.refit_targets.pop_back();
  EXPECT_THROW(quantize_model(model, rows, rows.size(), options), std::invalid_argument);
}

// The same clipped tensor into a hidden ReLU layer of kind 2 with bias −0.3: it reads min(h, 0.8) where the
// float layer read h, on the rows where h − 0.3 > 0 (the only ones fitted). The fit through those rows is
// steeper than 1, so the refitted weight must exceed the float one; without the refit it stays 1.
TEST(QuantizeHiddenRefit, AClippedInputGetsASteeperWeightOnTheRowsWhereTheReluPasses) {
  ModelSpec model;
  model.layers = {one_by_one(Activation::relu), one_by_one(Activation::relu), one_by_one(Activation::identity)};
  model.layers[1].bias = {-0.3f};
  std::vector<float> rows;
  for (int i = 0; i <= 200; ++i) rows.push_back(static_cast<float>(i) / 200.0f);
  QuantizeOptions options;
  options.percentile = 80.0;
  options.input_margin = 0.0;
  options.range_margin = 0.0;
  options.refit_output = false;
  auto hidden_weight = [&](bool refit) {
    options.refit_hidden = refit;
    const QuantizedDense q = *quantize_model(model, rows, rows.size(), options).layers[1].int8;
    EXPECT_FALSE(q.int16_input || q.float_output);  // kind 2
    return static_cast<double>(q.weight_scale[0]) * q.weights[0];
  };
  EXPECT_NEAR(hidden_weight(false), 1.0, 1e-6);
  // Rows h in (0.3, 1], the input clipped at 0.8: slope cov(min(h, 0.8), h) / var(min(h, 0.8)) = 1.189.
  // Fitted on all 201 rows instead it would be 1.095.
  EXPECT_NEAR(hidden_weight(true), 1.189, 0.01);
}

TEST(QuantizeRefit, LowersTheCalibrationErrorOfARandomNetwork) {
  std::mt19937_64 rng(21);
  ModelSpec model;
  testing_support::add_random_relu_layers(model, {3, 12, 6, 2}, rng);
  std::normal_distribution<float> x(0.0f, 1.0f);
  std::vector<float> rows(3 * 500);
  for (float& v : rows) v = x(rng);
  const std::vector<float> expected = reference_outputs(model, rows, 500);
  auto error = [&](bool refit) {
    QuantizeOptions options;
    options.refit_output = refit;
    options.refit_hidden = refit;
    const std::vector<float> y = reference_outputs(quantize_model(model, rows, 500, options), rows, 500);
    double sum = 0;
    for (std::size_t i = 0; i < y.size(); ++i) sum += (y[i] - expected[i]) * (y[i] - expected[i]);
    return sum;
  };
  EXPECT_LT(error(true), error(false));
}

TEST(QuantizeOutputRefit, LeavesOutputLayersItCannotRefitAlone) {
  ModelSpec model;
  model.layers = {one_by_one(Activation::relu), one_by_one(Activation::relu)};  // a ReLU output layer
  const std::vector<float> rows = {0.0f, 0.25f, 0.5f, 1.0f};
  QuantizeOptions options;
  const ModelSpec refit = quantize_model(model, rows, 4, options);
  options.refit_output = false;
  const ModelSpec plain = quantize_model(model, rows, 4, options);
  EXPECT_EQ(refit.layers[1].int8->weights, plain.layers[1].int8->weights);
  EXPECT_EQ(refit.layers[1].int8->bias, plain.layers[1].int8->bias);
}

}  // namespace
