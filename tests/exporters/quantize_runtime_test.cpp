// The quantizer's int8 blobs through the runtime: ember::Model gives exactly the host reference's outputs
// for an all-int8 model (the float work is only standardization and the two boundary conversions), and
// mixed models load and stay close.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/export/quantize.hpp"
#include "ember/export/quantized_reference.hpp"
#include "random_relu_layers.hpp"

namespace {
using ember::Activation;
using namespace ember::exporters;

ModelSpec random_relu_model(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  ModelSpec m;
  m.name = "quantize-runtime";
  testing_support::add_random_relu_layers(m, {5, 24, 12, 1}, rng);
  m.input_mean = {0.1f, -0.2f, 0.3f, 0.0f, 1.0f};
  m.input_scale = {1.0f, 2.0f, 0.5f, 1.5f, 1.0f};
  m.output_mean = {4.0f};
  m.output_scale = {3.0f};
  return m;
}

std::vector<float> random_rows(std::size_t rows, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> d(0.0f, 1.5f);
  std::vector<float> x(rows * 5);
  for (float& v : x) v = d(rng);
  return x;
}

std::vector<float> run_blob(const std::vector<std::uint8_t>& blob, const std::vector<float>& x, std::size_t rows) {
  LoadedModel loaded(blob);
  std::vector<float> y(rows);
  for (std::size_t r = 0; r < rows; ++r) EXPECT_EQ(loaded.model().run(x.data() + r * 5, &y[r]), ember::Status::ok);
  return y;
}

TEST(QuantizeRuntime, AnAllInt8BlobRunsBitForBitAsTheHostReference) {
  const ModelSpec model = random_relu_model(1);
  QuantizeOptions options;  // no float layers
  options.input_bits = 8;   // the int8 input conversion (the int16 one has its own test below)
  const ModelSpec q = quantize_model(model, random_rows(1000, 2), 1000, options);
  const std::vector<float> test = random_rows(300, 3);
  const std::vector<float> expected = reference_outputs(q, test, 300);
  const std::vector<float> got = run_blob(write_blob(q), test, 300);
  for (std::size_t r = 0; r < 300; ++r) ASSERT_EQ(got[r], expected[r]) << "row " << r;
}

TEST(QuantizeRuntime, AnInt8ModelWithAnInt16InputRunsBitForBitAsTheHostReference) {
  const ModelSpec model = random_relu_model(11);
  const ModelSpec q = quantize_model(model, random_rows(1000, 12), 1000, QuantizeOptions{});
  ASSERT_TRUE(q.layers[0].int8->int16_input);  // the default: layer 0 of kind 3
  const std::vector<float> test = random_rows(300, 13);
  const std::vector<float> expected = reference_outputs(q, test, 300);
  const std::vector<float> got = run_blob(write_blob(q), test, 300);
  for (std::size_t r = 0; r < 300; ++r) ASSERT_EQ(got[r], expected[r]) << "row " << r;
}

TEST(QuantizeRuntime, AMixedBlobWithAFloatOutputLayerStaysCloseToTheReference) {
  const ModelSpec model = random_relu_model(4);
  QuantizeOptions options;
  options.float_layers = default_float_layers(model);
  const ModelSpec q = quantize_model(model, random_rows(1000, 5), 1000, options);
  const std::vector<float> test = random_rows(300, 6);
  const std::vector<float> expected = reference_outputs(q, test, 300);
  const std::vector<float> got = run_blob(write_blob(q), test, 300);
  // Only the float layer's summation order differs (the reference sums in double).
  for (std::size_t r = 0; r < 300; ++r) ASSERT_NEAR(got[r], expected[r], 1e-4f * (1.0f + std::fabs(expected[r])));
}

TEST(QuantizeRuntime, AFloatLayerBetweenAnInt16InputLayerAndAFloatOutputLayerStaysCloseToTheReference) {
  // The two boundaries the golden blobs do not have: kind 3's int8 output dequantized for a float32 layer,
  // and that layer's output quantized into kind 4's input (ops::evaluate_int8 on both sides).
  const ModelSpec model = random_relu_model(31);
  QuantizeOptions options;
  options.float_layers = {1};
  const ModelSpec q = quantize_model(model, random_rows(1000, 32), 1000, options);
  ASSERT_TRUE(q.layers[0].int8->int16_input);
  ASSERT_FALSE(q.layers[1].is_int8());
  ASSERT_TRUE(q.layers[2].int8->float_output);
  const std::vector<float> test = random_rows(300, 33);
  const std::vector<float> expected = reference_outputs(q, test, 300);
  const std::vector<float> got = run_blob(write_blob(q), test, 300);
  // Only the float layer's summation order differs (the reference sums in double).
  for (std::size_t r = 0; r < 300; ++r) ASSERT_NEAR(got[r], expected[r], 1e-4f * (1.0f + std::fabs(expected[r])));
}

TEST(QuantizeRuntime, TheDefault5DInterpolatorBlobFitsInFourThousandSevenHundredBytes) {
  // The 5D interpolator's shape [5, 64, 32, 16, 1] with the default policy (output layer of kind 4):
  // header 96 + layer table 192 + standardization 48 + int8 layers 1,088 + 2,336 + 656 + the output layer's
  // row-major weights, bias and scales 16 + 16 + 16; with the output layer float32 (`--float-layers last`)
  // 64 + 16 instead.
  std::mt19937_64 rng(9);
  std::normal_distribution<float> w(0.0f, 0.3f);
  const std::uint16_t widths[] = {5, 64, 32, 16, 1};
  ModelSpec m;
  for (std::size_t k = 0; k < 4; ++k) {
    DenseLayerSpec l;
    l.in_width = widths[k];
    l.out_width = widths[k + 1];
    l.activation = k == 3 ? Activation::identity : Activation::relu;
    for (std::size_t i = 0; i < std::size_t{l.in_width} * l.out_width; ++i) l.weights.push_back(w(rng));
    for (std::size_t o = 0; o < l.out_width; ++o) l.bias.push_back(w(rng));
    m.layers.push_back(l);
  }
  const std::vector<std::uint8_t> blob = write_blob(quantize_model(m, random_rows(200, 10), 200, QuantizeOptions{}));
  EXPECT_EQ(blob.size(), 4464u);  // layer 0's 5 inputs padded to 8 in the int8 weight blocks (docs/blob-format.md)
  EXPECT_LE(blob.size(), 4700u);
  QuantizeOptions options;
  options.float_layers = default_float_layers(m);
  EXPECT_EQ(write_blob(quantize_model(m, random_rows(200, 10), 200, options)).size(), 4496u);
}

TEST(QuantizeRuntime, AFloatOutputLastLayerRunsBitForBitAsTheHostReference) {
  // Kind 4 is integer arithmetic and one float32 multiply, as in the host reference: the same bits.
  const ModelSpec model = random_relu_model(21);
  QuantizeOptions options;
  options.input_bits = 8;  // kind 2 before it too
  const ModelSpec q = quantize_model(model, random_rows(1000, 22), 1000, options);
  ASSERT_TRUE(q.layers.back().int8->float_output);
  const std::vector<float> test = random_rows(300, 23);
  const std::vector<float> expected = reference_outputs(q, test, 300);
  const std::vector<float> got = run_blob(write_blob(q), test, 300);
  for (std::size_t r = 0; r < 300; ++r) ASSERT_EQ(got[r], expected[r]) << "row " << r;
}

// Rows that put one input at a time on the edges of the input conversion (docs/blob-format.md, Boundaries):
// x / input_scale at and next to every tie k + 0.5 of the int8 range and beyond it, at the int16 range's
// ends, huge, infinite and NaN; the model's standardization is the identity so that x / input_scale is the
// value the conversion rounds. One row per value and input, the other inputs 0.
std::vector<float> conversion_edge_rows(float input_scale) {
  std::vector<float> t = {0.0f, -0.0f, 1e30f, -1e30f, INFINITY, -INFINITY, NAN};
  for (int k = -140; k <= 140; ++k) t.push_back(static_cast<float>(k) + 0.5f);
  for (float big : {32766.5f, 32767.5f, 32768.5f, 40000.5f, 8388607.5f}) {
    t.push_back(big);
    t.push_back(-big);
  }
  std::vector<float> rows;
  for (float v : t) {
    const float x = v * input_scale;
    for (float near : {std::nextafter(x, -INFINITY), x, std::nextafter(x, INFINITY)}) {
      for (std::size_t column = 0; column < 5; ++column) {
        for (std::size_t i = 0; i < 5; ++i) rows.push_back(i == column ? near : 0.0f);
      }
    }
  }
  return rows;
}

TEST(QuantizeRuntime, TheInputConversionRoundsTiesAwayFromZeroSaturatesAndTakesNaNLowAsTheHostReference) {
  for (int bits : {8, 16}) {
    const ModelSpec model = random_relu_model(31);
    QuantizeOptions options;
    options.input_bits = bits;  // layer 0 of kind 2 (int8 codes) or 3 (int16 codes)
    ModelSpec q = quantize_model(model, random_rows(1000, 32), 1000, options);
    ASSERT_EQ(q.layers[0].int8->int16_input, bits == 16);
    q.input_mean.assign(5, 0.0f);
    q.input_scale.assign(5, 1.0f);
    const std::vector<float> test = conversion_edge_rows(q.layers[0].int8->input_scale);
    const std::size_t rows = test.size() / 5;
    const std::vector<float> expected = reference_outputs(q, test, rows);
    const std::vector<float> got = run_blob(write_blob(q), test, rows);
    for (std::size_t r = 0; r < rows; ++r) {
      ASSERT_EQ(got[r], expected[r]) << bits << "-bit input, row " << r << ", input " << test[r * 5 + r % 5];
    }
  }
}

TEST(QuantizeRuntime, TheInt8BlobReadsBackToTheSameLayers) {
  const ModelSpec model = random_relu_model(7);
  const ModelSpec q = quantize_model(model, random_rows(500, 8), 500, {});
  const ModelSpec back = read_blob(write_blob(q));
  ASSERT_EQ(back.layers.size(), q.layers.size());
  for (std::size_t k = 0; k < q.layers.size(); ++k) {
    ASSERT_TRUE(back.layers[k].is_int8());
    EXPECT_EQ(back.layers[k].int8->weights, q.layers[k].int8->weights);
    EXPECT_EQ(back.layers[k].int8->bias, q.layers[k].int8->bias);
    EXPECT_EQ(back.layers[k].int8->multiplier, q.layers[k].int8->multiplier);
    EXPECT_EQ(back.layers[k].int8->shift, q.layers[k].int8->shift);
    EXPECT_EQ(back.layers[k].int8->output_scale, q.layers[k].int8->output_scale);
    EXPECT_EQ(back.layers[k].int8->float_output, q.layers[k].int8->float_output);
    EXPECT_EQ(back.layers[k].int8->accumulator_scale, q.layers[k].int8->accumulator_scale);
  }
}

}  // namespace
