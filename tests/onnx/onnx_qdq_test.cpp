// QDQ models (QuantizeLinear/DequantizeLinear around Gemm, int8 weights, int32 biases) import into int8
// layers: the quantizer's models come back field for field after `ember export --format onnx`, uint8
// activations map to int8, and every QDQ form Ember cannot run exactly is one line.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/export/onnx_export.hpp"
#include "ember/export/onnx_import.hpp"
#include "ember/export/quantize.hpp"
#include "ember/export/quantized_reference.hpp"
#include "onnx_graph_builder.hpp"

namespace {
using namespace ember::exporters;
using onnx_test::GraphBuilder;

std::vector<std::uint8_t> bytes_of(const std::string& s) { return std::vector<std::uint8_t>(s.begin(), s.end()); }

ModelSpec golden() { return read_blob(read_file(std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember")); }

std::vector<float> rows(std::size_t count, std::size_t width) {
  std::mt19937 rng(15);
  std::normal_distribution<float> n(0.0f, 1.5f);
  std::vector<float> r(count * width);
  for (float& v : r) v = n(rng);
  return r;
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expect_same_layers(const ModelSpec& a, const ModelSpec& b) {
  ASSERT_EQ(a.layers.size(), b.layers.size());
  for (std::size_t k = 0; k < a.layers.size(); ++k) {
    SCOPED_TRACE("layer " + std::to_string(k));
    const DenseLayerSpec &x = a.layers[k], &y = b.layers[k];
    EXPECT_EQ(x.activation, y.activation);
    ASSERT_EQ(x.is_int8(), y.is_int8());
    if (!x.is_int8()) {
      EXPECT_EQ(x.weights, y.weights);
      EXPECT_EQ(x.bias, y.bias);
      continue;
    }
    const QuantizedDense &p = *x.int8, &q = *y.int8;
    EXPECT_TRUE(same_bits(p.input_scale, q.input_scale) && same_bits(p.output_scale, q.output_scale));
    EXPECT_EQ(p.input_zero_point, q.input_zero_point);
    EXPECT_EQ(p.output_zero_point, q.output_zero_point);
    EXPECT_EQ(p.weight_scale, q.weight_scale);
    EXPECT_EQ(p.weights, q.weights);
    EXPECT_EQ(p.bias, q.bias);
    EXPECT_EQ(p.multiplier, q.multiplier);
    EXPECT_EQ(p.shift, q.shift);
  }
}

void expect_round_trip(const ModelSpec& quantized) {
  const ModelSpec back = import_onnx(bytes_of(write_onnx(quantized)), "x").spec;
  expect_same_layers(quantized, back);
  EXPECT_EQ(back.input_mean, quantized.input_mean);
  EXPECT_EQ(back.output_scale, quantized.output_scale);
  const auto r = rows(50, quantized.input_width());
  EXPECT_EQ(reference_outputs(back, r, 50), reference_outputs(quantized, r, 50));
  EXPECT_EQ(write_blob(back), write_blob(quantized));
}

// x [N, 4] -> Q/DQ (input) -> Gemm(DQ(W int8 [3, 4], per channel), DQ(b int32)) -> Relu -> Q/DQ (output) -> y.
struct QdqGraph {
  GraphBuilder g{13};
  QdqGraph(int activation_type = onnx::TensorProto::UINT8, std::int32_t in_zp = 128, std::int32_t out_zp = 100) {
    g.input("x", {-1, 4});
    g.initializer("in_s", {}, {0.1f});
    g.initializer("out_s", {}, {0.05f});
    zero_point("in_z", activation_type, in_zp);
    zero_point("out_z", activation_type, out_zp);
    auto& w = *g.graph().add_initializer();
    w.set_name("w_q");
    w.set_data_type(onnx::TensorProto::INT8);
    w.add_dims(3);
    w.add_dims(4);
    for (int v : {10, -20, 30, 40, 50, 60, -70, 80, 90, 100, 110, -120}) w.add_int32_data(v);
    g.initializer("w_s", {3}, {0.01f, 0.02f, 0.03f});
    auto& b = *g.graph().add_initializer();
    b.set_name("b_q");
    b.set_data_type(onnx::TensorProto::INT32);
    b.add_dims(3);
    for (int v : {100, -200, 300}) b.add_int32_data(v);
    g.initializer("b_s", {3}, {0.001f, 0.002f, 0.003f});  // 0.1 · w_s
    g.node("QuantizeLinear", {"x", "in_s", "in_z"}, {"xq"}, "q_in");
    g.node("DequantizeLinear", {"xq", "in_s", "in_z"}, {"xd"}, "dq_in");
    onnx_test::set_int(g.node("DequantizeLinear", {"w_q", "w_s"}, {"w"}, "dq_w"), "axis", 0);
    onnx_test::set_int(g.node("DequantizeLinear", {"b_q", "b_s"}, {"b"}, "dq_b"), "axis", 0);
    onnx_test::set_int(g.node("Gemm", {"xd", "w", "b"}, {"h"}, "fc"), "transB", 1);
    g.node("Relu", {"h"}, {"r"}, "act");
    g.node("QuantizeLinear", {"r", "out_s", "out_z"}, {"yq"}, "q_out");
    g.node("DequantizeLinear", {"yq", "out_s", "out_z"}, {"y"}, "dq_out");
    g.output("y");
  }
  void zero_point(const std::string& name, int type, std::int32_t value) {
    auto& t = *g.graph().add_initializer();
    t.set_name(name);
    t.set_data_type(type);
    t.add_int32_data(value);
  }
  void remove(const std::string& name) {
    auto& nodes = *g.graph().mutable_node();
    for (int i = 0; i < nodes.size(); ++i)
      if (nodes.Get(i).name() == name) {
        for (int j = i; j + 1 < nodes.size(); ++j) nodes.SwapElements(j, j + 1);
        nodes.RemoveLast();
        return;
      }
  }
  onnx::NodeProto& node(const std::string& name) {
    for (auto& n : *g.graph().mutable_node())
      if (n.name() == name) return n;
    throw std::logic_error(name);
  }
};

// Moves the last `count` nodes, in their order, to just after `name`, keeping the graph topologically sorted.
void move_last_after(GraphBuilder& g, const std::string& name, int count) {
  auto& nodes = *g.graph().mutable_node();
  int at = 0;
  while (nodes.Get(at).name() != name) ++at;
  for (int moved = 0; moved < count; ++moved)  // the last node, then the new last one, each to just after `name`
    for (int i = nodes.size() - 1; i > at + 1; --i) nodes.SwapElements(i, i - 1);
}

std::string error_of(GraphBuilder& g) {
  try {
    import_onnx(g.bytes(), "t");
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    return m;
  }
  ADD_FAILURE() << "import succeeded";
  return "";
}

#define EXPECT_HAS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)
}  // namespace

TEST(OnnxQdq, TheQuantizersAllInt8ModelComesBackFieldForFieldThroughOnnx) {
  QuantizeOptions options;
  options.input_bits = 8;  // opset 13 QDQ has no int16 (see the refusal test below)
  options.output_layer = QuantizeOptions::OutputLayer::int8;  // nor a float32 output from int8 (kind 4)
  const ModelSpec model = golden();
  expect_round_trip(quantize_model(model, rows(400, model.input_width()), 400, options));
}

TEST(OnnxQdq, AMixedModelWithAFloatOutputLayerComesBackToo) {
  const ModelSpec model = golden();
  QuantizeOptions options;
  options.float_layers = default_float_layers(model);
  options.input_bits = 8;
  const ModelSpec q = quantize_model(model, rows(400, model.input_width()), 400, options);
  ASSERT_FALSE(q.layers.back().is_int8());
  ASSERT_TRUE(q.layers.front().is_int8());
  expect_round_trip(q);
}

TEST(OnnxQdq, AModelWithAnInt16InputIsRefusedWithTheOptionThatExportsIt) {
  const ModelSpec model = golden();
  const ModelSpec q = quantize_model(model, rows(400, model.input_width()), 400, QuantizeOptions{});
  ASSERT_TRUE(q.layers.front().int8->int16_input);
  try {
    write_onnx(q);
    ADD_FAILURE() << "write_onnx accepted an int16 input";
  } catch (const std::invalid_argument& e) {
    EXPECT_HAS(std::string(e.what()), "--input-bits 8");
  }
}

TEST(OnnxQdq, AModelWithAFloatOutputFromInt8IsRefusedWithTheOptionsThatExportIt) {
  const ModelSpec model = golden();
  QuantizeOptions options;
  options.input_bits = 8;
  const ModelSpec q = quantize_model(model, rows(400, model.input_width()), 400, options);
  ASSERT_TRUE(q.layers.back().int8->float_output);  // the default output layer: kind 4
  try {
    write_onnx(q);
    ADD_FAILURE() << "write_onnx accepted a layer of kind 4";
  } catch (const std::invalid_argument& e) {
    EXPECT_HAS(std::string(e.what()), "--output-layer int8 or float");
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

TEST(OnnxQdq, Uint8ActivationsBecomeInt8WithTheZeroPointMovedBy128) {
  QdqGraph qdq;
  const OnnxImport imported = import_onnx(qdq.g.bytes(), "t");
  ASSERT_EQ(imported.spec.layers.size(), 1u);
  const DenseLayerSpec& l = imported.spec.layers[0];
  ASSERT_TRUE(l.is_int8());
  EXPECT_EQ(l.activation, ember::Activation::relu);
  EXPECT_EQ(l.int8->input_zero_point, 0);
  EXPECT_EQ(l.int8->output_zero_point, -28);
  EXPECT_EQ(l.int8->weights, (std::vector<std::int8_t>{10, -20, 30, 40, 50, 60, -70, 80, 90, 100, 110, -120}));
  EXPECT_EQ(l.int8->bias, (std::vector<std::int32_t>{100, -200, 300}));
  EXPECT_EQ(l.int8->weight_scale, (std::vector<float>{0.01f, 0.02f, 0.03f}));
  EXPECT_EQ(imported.layer_sources[0], "Gemm 'fc' (int8) + Relu 'act' + QuantizeLinear");
  // The int8 result is within one output step (0.05) of the QDQ graph's float arithmetic.
  const std::vector<float> x = {1.0f, -2.0f, 0.5f, 3.0f};
  const float y = reference_outputs(imported.spec, x, 1)[1];
  // Output 1 in the graph's float arithmetic: weights 0.02 · (50, 60, −70, 80), bias 0.002 · (−200).
  const int w1[] = {50, 60, -70, 80};
  double h = -0.4;
  for (int i = 0; i < 4; ++i) h += w1[i] * 0.02 * x[i];
  h = std::max(0.0, h);
  EXPECT_NEAR(y, h, 0.05);
}

TEST(OnnxQdq, AnInt8LayerWithoutAQuantizedOutputIsRefused) {
  QdqGraph qdq;
  qdq.remove("q_out");
  qdq.remove("dq_out");
  qdq.g.graph().mutable_output(0)->set_name("r");
  EXPECT_HAS(error_of(qdq.g), "the graph's end comes before the QuantizeLinear of int8 layer 0 (node 'fc')");
}

TEST(OnnxQdq, ActivationsOtherThanReluOnAnInt8LayerAreRefused) {
  QdqGraph tanh;
  tanh.node("act").set_op_type("Tanh");
  EXPECT_HAS(error_of(tanh.g), "node 'act' (Tanh): int8 layer 0 ends in identity or Relu in Ember");
  QdqGraph softmax;  // Softmax after the output's DequantizeLinear
  softmax.node("act").set_op_type("Identity");
  softmax.node("dq_out").set_output(0, "yd");
  softmax.g.node("Softmax", {"yd"}, {"y"}, "sm");
  EXPECT_HAS(error_of(softmax.g), "node 'sm' (Softmax) follows the DequantizeLinear of int8 layer 0's output");
}

TEST(OnnxQdq, MismatchedOrMisplacedQuantizationIsRefused) {
  QdqGraph other_scale;
  other_scale.node("dq_in").set_input(1, "out_s");
  EXPECT_HAS(error_of(other_scale.g), "node 'dq_in' (DequantizeLinear) does not undo the QuantizeLinear before it");

  QdqGraph integers;  // the Gemm on the integers
  integers.remove("dq_in");
  integers.node("fc").set_input(0, "xq");
  EXPECT_HAS(error_of(integers.g), "reads the integers of a QuantizeLinear");

  QdqGraph twice;  // a second QuantizeLinear on the DequantizeLinear's output
  twice.node("fc").set_input(0, "xd2");
  twice.g.node("QuantizeLinear", {"xd", "in_s", "in_z"}, {"xq2"}, "again");
  twice.g.node("DequantizeLinear", {"xq2", "in_s", "in_z"}, {"xd2"}, "dq_again");
  move_last_after(twice.g, "dq_in", 2);
  EXPECT_HAS(error_of(twice.g), "node 'again' (QuantizeLinear) quantizes a tensor that is already quantized");

  GraphBuilder first_float;  // quantized input into a float layer
  first_float.input("x", {-1, 2});
  first_float.initializer("s", {}, {0.1f});
  first_float.initializer("W", {1, 2}, {1.0f, 2.0f});
  first_float.node("QuantizeLinear", {"x", "s"}, {"q"}, "q");
  first_float.node("DequantizeLinear", {"q", "s"}, {"d"}, "dq");
  onnx_test::set_int(first_float.node("Gemm", {"d", "W"}, {"y"}, "fc"), "transB", 1);
  first_float.output("y");
  EXPECT_HAS(error_of(first_float), "node 'fc' (Gemm): its input is quantized (QuantizeLinear/DequantizeLinear) "
                                      "but its weight is not int8");

  GraphBuilder early;  // quantized before the standardization
  early.input("x", {-1, 2});
  early.initializer("s", {}, {0.1f});
  early.initializer("m", {2}, {1.0f, 2.0f});
  early.node("QuantizeLinear", {"x", "s"}, {"q"}, "q");
  early.node("DequantizeLinear", {"q", "s"}, {"d"}, "dq");
  early.node("Sub", {"d", "m"}, {"y"}, "mean");
  early.output("y");
  EXPECT_HAS(error_of(early), "node 'mean' (Sub) follows a DequantizeLinear before the first layer");

  QdqGraph int_output;
  int_output.g.graph().mutable_output(0)->set_name("yq");
  int_output.remove("dq_out");
  EXPECT_HAS(error_of(int_output.g), "graph output 'yq' holds the integers of a QuantizeLinear");
}

TEST(OnnxQdq, Int8WeightsMustBeSymmetricAndPerOutputChannel) {
  QdqGraph asymmetric;
  asymmetric.zero_point("w_z", onnx::TensorProto::INT8, 3);
  asymmetric.g.graph().mutable_initializer(asymmetric.g.graph().initializer_size() - 1)->clear_int32_data();
  for (int i = 0; i < 3; ++i)
    asymmetric.g.graph().mutable_initializer(asymmetric.g.graph().initializer_size() - 1)->add_int32_data(i + 1);
  asymmetric.g.graph().mutable_initializer(asymmetric.g.graph().initializer_size() - 1)->add_dims(3);
  asymmetric.node("dq_w").add_input("w_z");
  EXPECT_HAS(error_of(asymmetric.g), "node 'fc' (Gemm): int8 weights must be symmetric (zero point 0)");

  QdqGraph minus128;  // the full int8 range is kept as stored
  minus128.g.graph().mutable_initializer(4)->set_int32_data(0, -128);
  EXPECT_EQ(import_onnx(minus128.g.bytes(), "t").spec.layers[0].int8->weights[0], -128);

  QdqGraph per_input;
  per_input.g.graph().mutable_initializer(5)->add_float_data(0.04f);  // w_s: 4 scales
  per_input.g.graph().mutable_initializer(5)->set_dims(0, 4);
  onnx_test::set_int(per_input.node("dq_w"), "axis", 1);
  per_input.node("dq_w").mutable_attribute()->SwapElements(0, 1);
  per_input.node("dq_w").mutable_attribute()->RemoveLast();
  EXPECT_HAS(error_of(per_input.g), "int8 weights must have one scale per tensor or per output channel");
}

// ember export keeps each int8 layer's multipliers in the model's metadata; import takes them only when they are
// valid and agree with the scales, and computes them from the scales otherwise.
TEST(OnnxQdq, StoredMultipliersAreTakenOnlyWhenTheyAgreeWithTheScales) {
  const ModelSpec blob = read_blob(read_file(std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_int8.ember"));
  onnx::ModelProto m;
  ASSERT_TRUE(m.ParseFromString(write_onnx(blob)));
  ASSERT_GT(m.metadata_props_size(), 0);
  auto multipliers = [&](const onnx::ModelProto& model) {
    std::string s;
    model.SerializeToString(&s);
    return import_onnx(bytes_of(s), "x").spec.layers[0].int8->multiplier;
  };
  EXPECT_EQ(multipliers(m), blob.layers[0].int8->multiplier);
  const std::string key = m.metadata_props(0).key();
  QuantizedDense computed = *blob.layers[0].int8;
  for (std::size_t o = 0; o < computed.multiplier.size(); ++o)
    computed.multiplier[o] = quantize_multiplier(double(computed.input_scale) * double(computed.weight_scale[o]) /
                                                 double(computed.output_scale)).multiplier;
  for (const std::string bad : {"garbage", "1:2", "2147483647:30,1:1", ""}) {
    SCOPED_TRACE(bad);
    for (auto& prop : *m.mutable_metadata_props())
      if (prop.key() == key) prop.set_value(bad);
    EXPECT_EQ(multipliers(m), computed.multiplier);
  }
}

// The MatMul + Add form (weights stored [in, out], scales along axis 1, the int32 bias in the Add) gives the
// same int8 layer as the Gemm form, and the runtime runs the imported blob as the int8 reference does.
TEST(OnnxQdq, MatMulPlusAddFormMatchesTheGemmFormAndRunsInTheRuntime) {
  QdqGraph gemm;
  const ModelSpec expected = import_onnx(gemm.g.bytes(), "t").spec;

  QdqGraph mm;
  auto& w = *mm.g.graph().mutable_initializer(4);  // w_q [3, 4] -> [4, 3]
  const std::vector<int> rows = {10, -20, 30, 40, 50, 60, -70, 80, 90, 100, 110, -120};
  w.clear_int32_data();
  for (int i = 0; i < 4; ++i)
    for (int o = 0; o < 3; ++o) w.add_int32_data(rows[o * 4 + i]);
  w.set_dims(0, 4);
  w.set_dims(1, 3);
  mm.node("dq_w").mutable_attribute(0)->set_i(1);
  onnx::NodeProto& fc = mm.node("fc");
  fc.set_op_type("MatMul");
  fc.clear_attribute();
  fc.mutable_input()->RemoveLast();
  fc.set_output(0, "m");
  mm.g.node("Add", {"m", "b"}, {"h"}, "bias");
  move_last_after(mm.g, "fc", 1);
  const ModelSpec imported = import_onnx(mm.g.bytes(), "t").spec;
  ASSERT_TRUE(imported.layers[0].is_int8());
  EXPECT_EQ(imported.layers[0].int8->weights, expected.layers[0].int8->weights);
  EXPECT_EQ(imported.layers[0].int8->bias, expected.layers[0].int8->bias);
  EXPECT_EQ(imported.layers[0].int8->multiplier, expected.layers[0].int8->multiplier);

  LoadedModel loaded(write_blob(imported));
  const std::vector<float> x = {1.0f, -2.0f, 0.5f, 3.0f};
  std::vector<float> y(3);
  ASSERT_EQ(loaded.model().run(x.data(), y.data()), ember::Status::ok);
  EXPECT_EQ(y, reference_outputs(imported, x, 1));
}
