// Quantizing layers and models: a hand-computed 2x2 layer, scales that chain from layer to layer, and
// int8 outputs that stay close to the float model's on a random network.
#include <gtest/gtest.h>

#include <algorithm>
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

DenseLayerSpec layer_2x2(Activation activation) {
  DenseLayerSpec l;
  l.in_width = 2;
  l.out_width = 2;
  l.activation = activation;
  l.weights = {1.0f, -0.6f, 0.25f, 0.127f};
  l.bias = {0.3f, -0.2f};
  return l;
}

// Worked by hand: input scale 0.5, zero point −1; output scale 0.25, zero point 10.
//   row 0: weight scale 1/127, weights 127 and −0.6 · 127 = −76.2 → −76; bias 0.3 / (0.5/127) = 76.2 → 76
//   row 1: weight scale 0.25/127, weights 127 and 0.127 / 0.25 · 127 = 64.5 → 65; bias −0.2 / (0.125/127) → −203
//   multipliers (0.5/127)/0.25 = 2/127 and (0.125/127)/0.25 = 0.5/127, both with shift −5 and −7.
// x = (1, −2) quantizes to (1, −5), so x + 1 = (2, −4):
//   acc0 = 76 + 2·127 + (−4)(−76) = 634 → 634 · 2/127 = 9.98 → 10 → code 20 → 2.5   (float: 2.5)
//   acc1 = −203 + 2·127 + (−4)(65) = −209 → −0.82 → −1 → code 9 → −0.25               (float: −0.204)
TEST(QuantizeDense, HandComputedTwoByTwoLayer) {
  const TensorQuantization input{0.5f, -1};
  const TensorQuantization output{0.25f, 10};
  const QuantizedDense q = quantize_dense(layer_2x2(Activation::identity), input, output);
  EXPECT_EQ(q.weights, (std::vector<std::int8_t>{127, -76, 127, 65}));
  EXPECT_EQ(q.bias, (std::vector<std::int32_t>{76, -203}));
  EXPECT_FLOAT_EQ(q.weight_scale[0], 1.0f / 127.0f);
  EXPECT_FLOAT_EQ(q.weight_scale[1], 0.25f / 127.0f);
  EXPECT_EQ(q.shift, (std::vector<std::int8_t>{-5, -7}));
  EXPECT_NEAR(multiplier_value({q.multiplier[0], q.shift[0]}), 2.0 / 127.0, 1e-9);
  EXPECT_NEAR(multiplier_value({q.multiplier[1], q.shift[1]}), 0.5 / 127.0, 1e-9);

  ModelSpec model;
  model.layers.push_back(layer_2x2(Activation::identity));
  model.layers[0].int8 = q;
  EXPECT_EQ(reference_outputs(model, {1.0f, -2.0f}, 1), (std::vector<float>{2.5f, -0.25f}));
  // ReLU folds into the clamp: code 9 is below the zero point 10, so it becomes 10, which is 0.
  model.layers[0].activation = Activation::relu;
  EXPECT_EQ(reference_outputs(model, {1.0f, -2.0f}, 1), (std::vector<float>{2.5f, 0.0f}));
}

// The same layer as layer kind 4 (float32 output): the weights and bias above, and the accumulators
// dequantized by input scale × weight scale instead of requantized to the output's int8 codes:
//   y0 = 634 · 0.5/127 = 2.49606   (float: 2.5; int8 output: 2.5)
//   y1 = −209 · 0.125/127 = −0.20571 (float: −0.204; int8 output: −0.25)
TEST(QuantizeDense, HandComputedTwoByTwoLayerWithAFloatOutput) {
  const QuantizedDense q = quantize_dense_float_output(layer_2x2(Activation::identity), {0.5f, -1});
  EXPECT_TRUE(q.float_output);
  EXPECT_EQ(q.weights, (std::vector<std::int8_t>{127, -76, 127, 65}));
  EXPECT_EQ(q.bias, (std::vector<std::int32_t>{76, -203}));
  EXPECT_TRUE(q.multiplier.empty() && q.shift.empty());
  EXPECT_EQ(q.output_scale, 0.0f);
  EXPECT_EQ(q.accumulator_scale[0], static_cast<float>(0.5 * static_cast<double>(1.0f / 127.0f)));
  EXPECT_EQ(q.accumulator_scale[1], static_cast<float>(0.5 * static_cast<double>(0.25f / 127.0f)));

  ModelSpec model;
  model.layers.push_back(layer_2x2(Activation::identity));
  model.layers[0].int8 = q;
  const std::vector<float> y = reference_outputs(model, {1.0f, -2.0f}, 1);
  EXPECT_EQ(y[0], q.accumulator_scale[0] * 634.0f);
  EXPECT_EQ(y[1], q.accumulator_scale[1] * -209.0f);
  EXPECT_NEAR(y[1], -0.2057, 1e-4);
  model.layers[0].activation = Activation::relu;  // on the accumulator: −209 becomes +0
  EXPECT_EQ(reference_outputs(model, {1.0f, -2.0f}, 1), (std::vector<float>{q.accumulator_scale[0] * 634.0f, 0.0f}));
}

TEST(QuantizeDense, DegenerateChannelsStayRepresentable) {
  DenseLayerSpec l = layer_2x2(Activation::identity);
  l.weights = {0.0f, 0.0f, 1e-30f, -1e-30f};  // a dead row and one far below every other scale
  l.bias = {1e6f, 0.0f};                        // a bias that would not fit int32 at scale 0
  const QuantizedDense q = quantize_dense(l, {0.01f, 0}, {0.1f, 0});
  for (std::size_t o = 0; o < 2; ++o) {
    EXPECT_GE(q.multiplier[o], 1 << 30);
    EXPECT_GE(q.shift[o], -31);
    EXPECT_LE(q.shift[o], 30);
  }
  // The dead row with its large bias still gives its bias: 1e6 / 0.1 = 1e7 saturates to 127.
  ModelSpec model;
  model.layers.push_back(l);
  model.layers[0].int8 = q;
  const auto y = reference_outputs(model, {0.5f, 0.5f}, 1);
  EXPECT_FLOAT_EQ(y[0], 12.7f);
  EXPECT_FLOAT_EQ(y[1], 0.0f);
}

TEST(QuantizeDense, RejectsActivationsWithoutAnInt8Form) {
  EXPECT_THROW(quantize_dense(layer_2x2(Activation::tanh), {0.5f, 0}, {0.5f, 0}), std::invalid_argument);
  EXPECT_THROW(quantize_dense(layer_2x2(Activation::softmax), {0.5f, 0}, {0.5f, 0}), std::invalid_argument);
}

// [widths] ReLU network with Glorot-like random weights and a non-trivial standardization.
ModelSpec random_model(const std::vector<std::uint16_t>& widths, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  ModelSpec m;
  m.name = "random";
  testing_support::add_random_relu_layers(m, widths, rng);
  for (std::size_t i = 0; i < widths.front(); ++i) {
    m.input_mean.push_back(0.5f * static_cast<float>(i));
    m.input_scale.push_back(1.0f + 0.25f * static_cast<float>(i));
  }
  m.output_mean.assign(widths.back(), 3.0f);
  m.output_scale.assign(widths.back(), 2.0f);
  return m;
}

std::vector<float> random_rows(const ModelSpec& m, std::size_t rows, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<float> x(rows * m.input_width());
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t i = 0; i < m.input_width(); ++i) {
      std::normal_distribution<float> d(m.input_mean[i], m.input_scale[i]);
      x[r * m.input_width() + i] = d(rng);
    }
  return x;
}

struct Differences {
  double max_abs = 0, mean_abs = 0, output_spread = 0;
};

Differences compare(const std::vector<float>& a, const std::vector<float>& b) {
  Differences d;
  const auto [low, high] = std::minmax_element(a.begin(), a.end());
  d.output_spread = *high - *low;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double e = std::fabs(static_cast<double>(a[i]) - b[i]);
    d.max_abs = std::max(d.max_abs, e);
    d.mean_abs += e / static_cast<double>(a.size());
  }
  return d;
}

TEST(QuantizeModel, Int8OutputsStayCloseToTheFloatModelOnFreshRows) {
  const ModelSpec model = random_model({6, 32, 16, 2}, 3);
  const std::vector<float> calibration = random_rows(model, 2000, 4);
  const std::vector<float> test = random_rows(model, 500, 5);
  const std::vector<float> expected = reference_outputs(model, test, 500);
  for (const bool output_float : {true, false}) {
    QuantizeOptions options;
    if (output_float) options.float_layers = default_float_layers(model);
    const ModelSpec q = quantize_model(model, calibration, 2000, options);
    EXPECT_TRUE(q.layers[0].is_int8());
    EXPECT_TRUE(q.layers[1].is_int8());
    EXPECT_EQ(q.layers[2].is_int8(), !output_float);
    const Differences d = compare(expected, reference_outputs(q, test, 500));
    // Each int8 tensor rounds to 1/255 of its range; three of them stacked stay within a few percent.
    EXPECT_LT(d.mean_abs, 0.01 * d.output_spread) << "output float: " << output_float;
    EXPECT_LT(d.max_abs, 0.06 * d.output_spread) << "output float: " << output_float;
    EXPECT_GT(d.max_abs, 0.0);  // it really ran int8
  }
}

TEST(QuantizeModel, TheOutputLayerHandsItsAccumulatorsToTheFloatOutputUnlessToldOtherwise) {
  const ModelSpec model = random_model({6, 32, 16, 2}, 3);
  const std::vector<float> calibration = random_rows(model, 2000, 4);
  QuantizeOptions options;
  ModelSpec q = quantize_model(model, calibration, 2000, options);
  ASSERT_TRUE(q.layers[2].is_int8());
  const QuantizedDense& last = *q.layers[2].int8;
  EXPECT_TRUE(last.float_output);  // layer kind 4
  EXPECT_EQ(last.input_scale, q.layers[1].int8->output_scale);
  EXPECT_EQ(last.input_zero_point, q.layers[1].int8->output_zero_point);
  for (std::size_t o = 0; o < 2; ++o)
    EXPECT_EQ(last.accumulator_scale[o],
              static_cast<float>(static_cast<double>(last.input_scale) * static_cast<double>(last.weight_scale[o])));
  EXPECT_FALSE(q.layers[0].int8->float_output || q.layers[1].int8->float_output);
  options.output_layer = QuantizeOptions::OutputLayer::int8;
  q = quantize_model(model, calibration, 2000, options);
  EXPECT_TRUE(q.layers[2].is_int8() && !q.layers[2].int8->float_output);
  options.output_layer = QuantizeOptions::OutputLayer::float32;
  EXPECT_FALSE(quantize_model(model, calibration, 2000, options).layers[2].is_int8());
  options.output_layer = QuantizeOptions::OutputLayer::dequantized;
  options.float_layers = default_float_layers(model);  // --float-layers last wins over the output layer's kind
  EXPECT_FALSE(quantize_model(model, calibration, 2000, options).layers[2].is_int8());
}

TEST(QuantizeModel, EachInt8LayerReadsTheScaleItsPredecessorWrites) {
  const ModelSpec model = random_model({4, 8, 8, 8, 1}, 9);
  QuantizeOptions options;
  options.input_margin = 0.0;
  options.range_margin = 0.0;
  options.output_layer = QuantizeOptions::OutputLayer::int8;  // every layer with an int8 output tensor
  const ModelSpec q = quantize_model(model, random_rows(model, 300, 10), 300, options);
  for (std::size_t k = 1; k < q.layers.size(); ++k) {
    EXPECT_EQ(q.layers[k].int8->input_scale, q.layers[k - 1].int8->output_scale);
    EXPECT_EQ(q.layers[k].int8->input_zero_point, q.layers[k - 1].int8->output_zero_point);
  }
  // ReLU outputs use every code from 0 upwards.
  EXPECT_EQ(q.layers[0].int8->output_zero_point, -128);
  EXPECT_TRUE(q.layers[0].weights.empty());
}

TEST(QuantizeModel, PercentileRangesLieInsideTheMinMaxRanges) {
  const ModelSpec model = random_model({4, 16, 1}, 12);
  const std::vector<float> rows = random_rows(model, 1000, 13);
  const auto full = calibrate_ranges(model, rows, 1000, 100.0);
  const auto clipped = calibrate_ranges(model, rows, 1000, 99.0);
  ASSERT_EQ(full.size(), 3u);
  for (std::size_t t = 0; t < full.size(); ++t) {
    EXPECT_LE(full[t].low, clipped[t].low);
    EXPECT_GE(full[t].high, clipped[t].high);
  }
  EXPECT_LT(clipped[0].high, full[0].high);  // 10 of 4000 standardized inputs are clipped off each side
  EXPECT_GT(clipped[0].low, full[0].low);
}

TEST(QuantizeModel, RangeMarginWidensEveryTensorScale) {
  const ModelSpec model = random_model({4, 16, 1}, 20);
  const std::vector<float> rows = random_rows(model, 500, 21);
  QuantizeOptions tight;
  tight.input_margin = 0.0;
  tight.range_margin = 0.0;
  QuantizeOptions wide;
  wide.input_margin = 0.25;
  wide.range_margin = 0.5;
  const ModelSpec a = quantize_model(model, rows, 500, tight);
  const ModelSpec b = quantize_model(model, rows, 500, wide);
  EXPECT_NEAR(b.layers[0].int8->input_scale, 1.25f * a.layers[0].int8->input_scale, 1e-6f);
  EXPECT_NEAR(b.layers[0].int8->output_scale, 1.5f * a.layers[0].int8->output_scale, 1e-6f);
  EXPECT_EQ(b.layers[0].int8->output_zero_point, -128);  // the ReLU output still starts at 0
  wide.range_margin = -0.1;  // would clip the calibration rows themselves
  EXPECT_THROW(quantize_model(model, rows, 500, wide), std::invalid_argument);
  wide.range_margin = 0.0;
  wide.input_margin = -0.1;
  EXPECT_THROW(quantize_model(model, rows, 500, wide), std::invalid_argument);
}

TEST(QuantizeModel, LayersWithoutAnInt8FormStayFloat) {
  ModelSpec model = random_model({4, 8, 3}, 14);
  model.layers[0].activation = Activation::tanh;
  model.layers[1].activation = Activation::softmax;
  model.output_mean.clear();
  model.output_scale.clear();
  const ModelSpec q = quantize_model(model, random_rows(model, 100, 15), 100, {});
  EXPECT_FALSE(q.layers[0].is_int8());
  EXPECT_FALSE(q.layers[1].is_int8());
  EXPECT_EQ(q.layers[0].weights, model.layers[0].weights);
}

TEST(QuantizeModel, RejectsBadCalibrationAndOptions) {
  const ModelSpec model = random_model({4, 8, 1}, 16);
  const std::vector<float> rows = random_rows(model, 10, 17);
  EXPECT_THROW(quantize_model(model, {}, 0, {}), std::invalid_argument);
  EXPECT_THROW(quantize_model(model, rows, 9, {}), std::invalid_argument);
  EXPECT_THROW(quantize_model(model, std::vector<float>(rows.begin(), rows.end() - 1), 10, {}), std::invalid_argument);
  std::vector<float> with_nan = rows;
  with_nan[3] = std::nanf("");
  EXPECT_THROW(quantize_model(model, with_nan, 10, {}), std::invalid_argument);
  QuantizeOptions options;
  options.percentile = 49.0;
  EXPECT_THROW(quantize_model(model, rows, 10, options), std::invalid_argument);
  options.percentile = 100.0;
  options.float_layers = {2};
  EXPECT_THROW(quantize_model(model, rows, 10, options), std::invalid_argument);
  const ModelSpec q = quantize_model(model, rows, 10, {});
  EXPECT_THROW(quantize_model(q, rows, 10, {}), std::invalid_argument);
}

TEST(QuantizeModel, TheSameInputsGiveTheSameQuantizedModel) {
  const ModelSpec model = random_model({5, 16, 8, 1}, 18);
  const std::vector<float> rows = random_rows(model, 200, 19);
  const ModelSpec a = quantize_model(model, rows, 200, {});
  const ModelSpec b = quantize_model(model, rows, 200, {});
  for (std::size_t k = 0; k < a.layers.size(); ++k) {
    EXPECT_EQ(a.layers[k].int8->weights, b.layers[k].int8->weights);
    EXPECT_EQ(a.layers[k].int8->multiplier, b.layers[k].int8->multiplier);
  }
}

}  // namespace

TEST(QuantizeModel, TheModelInputIsInt16WhereLayer0sAccumulatorCannotWrap) {
  const ModelSpec model = random_model({6, 32, 16, 2}, 3);
  const std::vector<float> rows = random_rows(model, 500, 4);
  const ModelSpec wide = quantize_model(model, rows, 500, {});
  ASSERT_TRUE(wide.layers[0].int8->int16_input);
  EXPECT_EQ(wide.layers[0].int8->input_zero_point, 0);
  EXPECT_FALSE(wide.layers[1].int8->int16_input);
  // The same calibrated range over 65,535 codes instead of 255: the step is 257 times finer (symmetric
  // range of the larger side, so at most 2 x 257 times).
  QuantizeOptions eight;
  eight.input_bits = 8;
  const ModelSpec narrow = quantize_model(model, rows, 500, eight);
  ASSERT_FALSE(narrow.layers[0].int8->int16_input);
  const double ratio = narrow.layers[0].int8->input_scale / wide.layers[0].int8->input_scale;
  EXPECT_GT(ratio, 128.0);
  EXPECT_LE(ratio, 257.0 * 1.0001);
  // The finer input shows: int16 stays closer to the float model on fresh rows.
  const std::vector<float> test = random_rows(model, 500, 5);
  const std::vector<float> expected = reference_outputs(model, test, 500);
  EXPECT_LT(compare(expected, reference_outputs(wide, test, 500)).mean_abs,
            compare(expected, reference_outputs(narrow, test, 500)).mean_abs);
}

TEST(QuantizeModel, AnInputTooWideForAnInt16AccumulatorFallsBackToEightBitsOrIsRefused) {
  // 600 inputs x 32768 x 127 > 2^31: the int32 accumulator of an int16 input could wrap.
  const ModelSpec model = random_model({600, 4, 1}, 7);
  const std::vector<float> rows = random_rows(model, 50, 8);
  const ModelSpec q = quantize_model(model, rows, 50, {});
  ASSERT_TRUE(q.layers[0].is_int8());
  EXPECT_FALSE(q.layers[0].int8->int16_input);
  QuantizeOptions sixteen;
  sixteen.input_bits = 16;
  EXPECT_THROW(quantize_model(model, rows, 50, sixteen), std::invalid_argument);
  QuantizeOptions bad;
  bad.input_bits = 12;
  EXPECT_THROW(quantize_model(model, rows, 50, bad), std::invalid_argument);
}

TEST(QuantizeScales, Int16InputCodesRoundHalfAwayAndSaturate) {
  EXPECT_EQ(quantize_value_s16(2.5f, 1.0f), 3);
  EXPECT_EQ(quantize_value_s16(-2.5f, 1.0f), -3);
  EXPECT_EQ(quantize_value_s16(1e9f, 1.0f), 32767);
  EXPECT_EQ(quantize_value_s16(-1e9f, 1.0f), -32768);
  EXPECT_EQ(quantize_value_s16(std::nanf(""), 1.0f), -32768);
  const TensorQuantization q = choose_int16_quantization(-3.0, 2.0);
  EXPECT_EQ(q.zero_point, 0);
  EXPECT_FLOAT_EQ(q.scale, static_cast<float>(3.0 / 32767.0));
}

TEST(QuantizeModel, ResidualLayersStayFloatAndCalibrationSeesTheirAdd) {
  ModelSpec model = random_model({4, 8, 8, 3}, 18);
  model.layers[1].residual = true;  // 8 -> 8 relu
  model.output_mean.clear();
  model.output_scale.clear();
  const std::vector<float> rows = random_rows(model, 200, 19);
  QuantizeOptions options;
  options.float_layers = {};
  const ModelSpec q = quantize_model(model, rows, 200, options);
  EXPECT_TRUE(q.layers[0].is_int8());
  EXPECT_FALSE(q.layers[1].is_int8());
  EXPECT_TRUE(q.layers[1].residual);
  EXPECT_TRUE(q.layers[2].is_int8());
  // The float tensors behind calibration include the add: layer 1's output is its input plus relu(...) >= it.
  const auto tensors = float_tensors(model, rows, 200);
  for (std::size_t i = 0; i < tensors[2].size(); ++i) EXPECT_GE(tensors[2][i], tensors[1][i]);
}
