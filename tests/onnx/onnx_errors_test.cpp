// Every graph Ember refuses gets one line naming the node, the op and what Ember supports instead.
#include <gtest/gtest.h>

#include "ember/export/file_io.hpp"
#include "ember/export/onnx_import.hpp"
#include "onnx_fixtures.hpp"
#include "onnx_graph_builder.hpp"

namespace {
using ember::exporters::import_onnx;
using onnx_test::base_mlp;
using onnx_test::GraphBuilder;
using onnx_test::set_int;

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  try {
    import_onnx(bytes, "t");
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    EXPECT_FALSE(m.empty());
    return m;
  }
  ADD_FAILURE() << "import succeeded";
  return "";
}

std::string error_of(GraphBuilder& g) { return error_of(g.bytes()); }

#define EXPECT_HAS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

// Replaces the base graph's Relu with `op`.
GraphBuilder with_activation(const std::string& op, const std::string& domain = "") {
  GraphBuilder g = base_mlp();
  g.graph().mutable_node(1)->set_op_type(op);
  g.graph().mutable_node(1)->set_domain(domain);
  return g;
}
}  // namespace

TEST(OnnxErrors, TheBaseGraphImports) { EXPECT_EQ(import_onnx(base_mlp().bytes(), "t").spec.layers.size(), 1u); }

TEST(OnnxErrors, AnUnsupportedActivationIsNamedWithTheActivationsEmberHas) {
  auto g = with_activation("Elu");
  const std::string e = error_of(g);
  EXPECT_HAS(e, "node 'act' (Elu): unsupported op");
  EXPECT_HAS(e, "Relu, Tanh, Sigmoid and Softmax");
}

TEST(OnnxErrors, AnUnknownOpListsWhatEmberImports) {
  auto g = with_activation("Conv");
  EXPECT_HAS(error_of(g), "node 'act' (Conv): unsupported op; Ember has dense layers only");
  auto h = with_activation("Foo");
  EXPECT_HAS(error_of(h), "node 'act' (Foo): unsupported op; Ember imports Gemm, MatMul");
}

TEST(OnnxErrors, AnOpFromAnotherDomainIsRefused) {
  auto g = with_activation("Relu", "com.microsoft");
  EXPECT_HAS(error_of(g), "node 'act' (Relu): op from domain 'com.microsoft' is not supported");
}

TEST(OnnxErrors, AWeightFromAGraphInputIsADynamicWeight) {
  GraphBuilder g;
  g.input("x", {-1, 4}).input("w", {3, 4});
  set_int(g.node("Gemm", {"x", "w"}, {"y"}, "fc"), "transB", 1);
  g.output("y");
  EXPECT_HAS(error_of(g), "node 'fc' (Gemm) takes its weight from the computed tensor 'w' (a dynamic weight)");
}

TEST(OnnxErrors, AWeightComputedFromTheInputIsADynamicWeight) {
  GraphBuilder g;
  g.input("x", {-1, 4});
  g.initializer("W", {4, 4}, std::vector<float>(16, 0.5f));
  g.node("MatMul", {"x", "W"}, {"h"}, "mm");
  g.node("MatMul", {"h", "h"}, {"y"}, "square");
  g.output("y");
  EXPECT_HAS(error_of(g), "node 'square' (MatMul) takes its weight from the computed tensor 'h' (a dynamic weight)");
}

TEST(OnnxErrors, ABiasFromAComputedTensorIsRefused) {
  GraphBuilder g;
  g.input("x", {-1, 3});
  g.initializer("W", {3, 3}, std::vector<float>(9, 0.5f));
  g.node("Gemm", {"W", "W", "x"}, {"y"}, "fc");
  g.output("y");
  EXPECT_HAS(error_of(g), "node 'fc' (Gemm) takes its bias from a computed tensor");
}

TEST(OnnxErrors, ATensorThatFeedsTwoNodesIsABranch) {
  GraphBuilder g = base_mlp();
  g.node("Relu", {"h"}, {"z"}, "side");
  EXPECT_HAS(error_of(g), "tensor 'h' feeds both node 'act' (Relu) and node 'side' (Relu): a branch");
}

TEST(OnnxErrors, AnAddOfTwoComputedTensorsIsASkipConnection) {
  GraphBuilder g;
  g.input("x", {-1, 4});
  g.initializer("W", {4, 4}, std::vector<float>(16, 0.5f));
  g.node("MatMul", {"x", "W"}, {"h"}, "mm");
  g.node("Relu", {"h"}, {"r"}, "act");
  g.node("Add", {"r", "r2"}, {"y"}, "skip");
  g.output("y");
  EXPECT_HAS(error_of(g), "node 'skip' (Add) reads 'r2', which no initializer or earlier node produces");
  g.graph().mutable_node(2)->set_input(1, "x");
  EXPECT_HAS(error_of(g), "node 'skip' (Add) combines two computed tensors ('r' and 'x'): a branch or skip connection");
}

TEST(OnnxErrors, InputsThatAreNotNByFeaturesAreRefused) {
  for (const auto& dims : std::vector<std::vector<std::int64_t>>{{-1, 1, 4}, {4}, {-1, -1}, {-1, 70000}, {-1, 0}}) {
    GraphBuilder g;
    g.input("x", dims);
    g.output("x");
    EXPECT_HAS(error_of(g), "graph input 'x' has shape [");
    EXPECT_HAS(error_of(g), "Ember models take [N, features] with 1 to 65535 fixed features");
  }
  GraphBuilder ints;
  ints.input("x", {-1, 4}, onnx::TensorProto::INT64);
  EXPECT_HAS(error_of(ints), "graph input 'x' is not a float tensor");
  GraphBuilder none;
  none.initializer("W", {1}, {1.0f});
  EXPECT_HAS(error_of(none), "the graph has no input");
}

TEST(OnnxErrors, OpsetsOutsideNineToSeventeenAreRefused) {
  for (std::int64_t opset : {7, 8, 18}) {
    auto g = base_mlp(opset);
    EXPECT_HAS(error_of(g), "the model uses opset " + std::to_string(opset) + "; Ember imports opsets 9 to 17");
  }
  auto g = base_mlp();
  g.model().mutable_opset_import(0)->set_domain("ai.onnx.ml");
  EXPECT_HAS(error_of(g), "declares no opset for the ONNX domain");
}

TEST(OnnxErrors, InitializersWithExternalDataOrOtherElementTypesOrBadLengthsAreRefused) {
  auto ext = base_mlp();
  ext.graph().mutable_initializer(0)->set_data_location(onnx::TensorProto::EXTERNAL);
  EXPECT_HAS(error_of(ext), "initializer 'W' keeps its data in an external file");
  auto half = base_mlp();
  half.graph().mutable_initializer(0)->set_data_type(onnx::TensorProto::FLOAT16);
  EXPECT_HAS(error_of(half), "initializer 'W' has element type FLOAT16; Ember imports float32");
  auto shortv = base_mlp();
  shortv.graph().mutable_initializer(0)->mutable_float_data()->RemoveLast();
  EXPECT_HAS(error_of(shortv), "initializer 'W' holds 11 values, its shape [3,4] needs 12");
  auto raw = base_mlp();
  raw.graph().mutable_initializer(0)->clear_float_data();
  raw.graph().mutable_initializer(0)->set_raw_data(std::string(47, '\0'));
  EXPECT_HAS(error_of(raw), "initializer 'W' holds 47 bytes of data, its shape [3,4] needs 48");
  auto huge = base_mlp();
  huge.graph().mutable_initializer(0)->set_dims(0, std::int64_t{1} << 40);
  EXPECT_HAS(error_of(huge), "more than the 16777216 elements Ember imports per tensor");
  auto overflow = base_mlp();
  overflow.graph().mutable_initializer(0)->set_dims(0, std::int64_t{1} << 62);
  overflow.graph().mutable_initializer(0)->set_dims(1, std::int64_t{1} << 62);
  EXPECT_HAS(error_of(overflow), "more than the 16777216 elements");
  auto negative = base_mlp();
  negative.graph().mutable_initializer(0)->set_dims(0, -3);
  EXPECT_HAS(error_of(negative), "initializer 'W' has a negative dimension");
}

TEST(OnnxErrors, AWeightThatDoesNotFitTheInputWidthIsRefused) {
  auto g = base_mlp();
  g.graph().mutable_node(0)->mutable_attribute(0)->set_i(0);  // transB=0 reads W [3, 4] as [in=3, out=4]
  EXPECT_HAS(error_of(g), "node 'fc' (Gemm): weight of shape [3,4] does not take the 4 features of its input");
}

TEST(OnnxErrors, AGemmThatWouldMixSamplesIsRefused) {
  auto g = base_mlp();
  onnx_test::set_int(*g.graph().mutable_node(0), "transA", 1);
  EXPECT_HAS(error_of(g), "node 'fc' (Gemm): with transA=1 transB=1 the product would mix samples");
}

TEST(OnnxErrors, SoftmaxFlattenAndReshapeThatMixSamplesAreRefused) {
  auto sm = with_activation("Softmax");
  onnx_test::set_int(*sm.graph().mutable_node(1), "axis", 0);
  EXPECT_HAS(error_of(sm), "node 'act' (Softmax): Softmax over axis 0 is not over each sample's features");
  auto fl = with_activation("Flatten");
  onnx_test::set_int(*fl.graph().mutable_node(1), "axis", 0);
  EXPECT_HAS(error_of(fl), "node 'act' (Flatten): Flatten(axis=0) would mix samples and features");
  auto rs = base_mlp();
  rs.ints("shape", {-1, 1});
  rs.graph().mutable_node(1)->set_op_type("Reshape");
  rs.graph().mutable_node(1)->add_input("shape");
  EXPECT_HAS(error_of(rs), "node 'act' (Reshape): Reshape to [-1,1] is not a reshape to [N, 3]");
  auto dyn = base_mlp();
  dyn.graph().mutable_node(1)->set_op_type("Reshape");
  dyn.graph().mutable_node(1)->add_input("x");
  EXPECT_HAS(error_of(dyn), "node 'act' (Reshape) combines two computed tensors");
}

TEST(OnnxErrors, ATransposedOutputIsRefused) {
  GraphBuilder g;
  g.input("x", {-1, 4});
  g.initializer("W", {3, 4}, std::vector<float>(12, 0.5f));
  onnx_test::set_int(g.node("Gemm", {"W", "x"}, {"y"}, "fc"), "transB", 1);
  g.output("y");
  EXPECT_HAS(error_of(g), "graph output 'y' is [features, N] (transposed)");
}

TEST(OnnxErrors, OutputsOtherThanOneAtTheEndOfTheChainAreRefused) {
  auto two = base_mlp();
  two.output("h");
  EXPECT_HAS(error_of(two), "the graph has 2 outputs; Ember models have one");
  auto mid = base_mlp();
  mid.graph().mutable_output(0)->set_name("h");
  EXPECT_HAS(error_of(mid), "graph output 'h' is not the end of the layer chain");
  GraphBuilder none;
  none.input("x", {-1, 4});
  none.node("Identity", {"x"}, {"y"});
  none.output("y");
  EXPECT_HAS(error_of(none), "the graph has no Gemm or MatMul");
}

TEST(OnnxErrors, ActivationsAndConstantsOutOfPlaceAreRefused) {
  auto twice = base_mlp();
  twice.graph().mutable_node(1)->set_output(0, "r");
  twice.node("Tanh", {"r"}, {"y"}, "again");
  EXPECT_HAS(error_of(twice), "node 'again' (Tanh) is a second activation on one layer");

  auto after_mul = with_activation("Identity");
  after_mul.initializer("s", {}, {2.0f});
  after_mul.graph().mutable_node(1)->set_output(0, "r");
  after_mul.node("Mul", {"r", "s"}, {"m"}, "scale");
  after_mul.node("Sigmoid", {"m"}, {"y"}, "late");
  EXPECT_HAS(error_of(after_mul), "node 'late' (Sigmoid) follows a Mul/Add/Sub/Div of the layer's output");

  auto between = base_mlp();
  between.initializer("s", {}, {2.0f});
  between.initializer("W2", {1, 3}, {1.0f, 1.0f, 1.0f});
  between.graph().mutable_node(1)->set_output(0, "r");
  between.node("Mul", {"r", "s"}, {"m"}, "scale");
  onnx_test::set_int(between.node("Gemm", {"m", "W2"}, {"y"}, "fc2"), "transB", 1);
  EXPECT_HAS(error_of(between), "node 'fc2' (Gemm) follows a Mul/Add/Sub/Div on the previous layer's output");

  auto div = base_mlp();
  div.initializer("c", {}, {2.0f});
  div.graph().mutable_node(1)->set_output(0, "r");
  div.node("Div", {"c", "r"}, {"y"}, "inv");
  EXPECT_HAS(error_of(div), "node 'inv' (Div) divides a constant by the data");

  auto shape = base_mlp();
  shape.initializer("c", {2}, {2.0f, 3.0f});
  shape.graph().mutable_node(1)->set_output(0, "r");
  shape.node("Mul", {"r", "c"}, {"y"}, "wide");
  EXPECT_HAS(error_of(shape), "constant 'c' of shape [2] does not give one value per feature of a tensor 3 wide");
}

TEST(OnnxErrors, DropoutInTrainingModeIsRefused) {
  auto g = base_mlp();
  g.initializer("ratio", {}, {0.5f});
  onnx::TensorProto& mode = *g.graph().add_initializer();
  mode.set_name("training");
  mode.set_data_type(onnx::TensorProto::BOOL);
  mode.add_int32_data(1);
  g.graph().mutable_node(1)->set_output(0, "r");
  g.node("Dropout", {"r", "ratio", "training"}, {"y", "mask"}, "drop");
  EXPECT_HAS(error_of(g), "node 'drop' (Dropout) is in training mode; export the model after model.eval()");
  mode.set_int32_data(0, 0);
  EXPECT_EQ(import_onnx(g.bytes(), "t").spec.layers.size(), 1u);
}

TEST(OnnxErrors, DropoutsMaskCannotFeedTheChain) {
  auto g = base_mlp();
  g.graph().mutable_node(1)->set_output(0, "r");
  g.node("Dropout", {"r"}, {"d", "mask"}, "drop");
  g.node("Identity", {"mask"}, {"y"}, "use_mask");
  EXPECT_HAS(error_of(g), "node 'use_mask' (Identity) reads output 1 of node 'drop' (Dropout)");
}

TEST(OnnxErrors, AnUnusedSecondInputIsRefused) {
  auto g = base_mlp();
  g.input("extra", {-1, 2});
  EXPECT_HAS(error_of(g), "the graph has more than one input ('extra' is unused)");
}

TEST(OnnxErrors, AZeroInputScaleMakesAnInvalidModel) {
  auto g = base_mlp();
  g.initializer("zero", {}, {0.0f});
  g.graph().mutable_node(0)->set_input(0, "xs");
  auto* div = g.graph().add_node();
  div->set_op_type("Div");
  div->set_name("std");
  div->add_input("x");
  div->add_input("zero");
  div->add_output("xs");
  // ONNX requires topological order: move the Div to the front.
  g.graph().mutable_node()->SwapElements(0, 2);
  g.graph().mutable_node()->SwapElements(1, 2);
  EXPECT_HAS(error_of(g), "the imported model is not valid: input_scale holds a zero");
}

TEST(OnnxErrors, NodeNamesWithControlCharactersStayOnOneLine) {
  auto g = with_activation("Elu");
  g.graph().mutable_node(1)->set_name("bad\nname\r");
  EXPECT_HAS(error_of(g), "node 'bad?name?' (Elu)");
}

TEST(OnnxErrors, TheRealPyTorchErrorFixturesEachGetTheirLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"leaky_relu", "node '/1/LeakyRelu' (LeakyRelu): unsupported op; Ember's activations are"},
      {"skip_connection", "node '/Add' (Add) combines two computed tensors"},
      {"dropout_training", "node '/2/Dropout' (Dropout) is in training mode"},
      {"conv_input", "graph input 'x' has shape [N,1,6]; Ember models take [N, features]"},
      {"log_softmax", "node '/1/LogSoftmax' (LogSoftmax): unsupported op; use Softmax"},
      {"dynamic_view", "node '/Shape' (Shape): unsupported op; export with a fixed input shape"},
      {"batch_norm_training", "(BatchNormalization): unsupported op; fold it into the neighbouring Linear"},
  };
  for (const auto& [name, message] : cases)
    EXPECT_HAS(error_of(ember::exporters::read_file(onnx_fixtures::kDir + "/errors/" + name + ".onnx")), message);
}

TEST(OnnxErrors, MalformedAndEmptyFilesGetOneLine) {
  EXPECT_HAS(error_of(std::vector<std::uint8_t>{}), "not an ONNX model: it holds no graph");
  EXPECT_HAS(error_of(std::vector<std::uint8_t>{0xff, 0xff, 0xff, 0xff}), "not a valid ONNX file");
  const std::string csv = "a,b\n1,2\n";
  EXPECT_FALSE(error_of(std::vector<std::uint8_t>(csv.begin(), csv.end())).empty());
}

TEST(OnnxErrors, FilesAboveTheCapAreRefusedBeforeParsing) {
  EXPECT_HAS(error_of(std::vector<std::uint8_t>(ember::exporters::kMaxOnnxFileBytes + 1, 0)),
             "Ember imports ONNX files up to 67108864 bytes");
}

TEST(OnnxErrors, EveryTruncationOfAFixtureIsRefusedWithOneLine) {
  for (const char* name : {"gemm_relu_opset9", "constants_opset12"}) {
    const auto bytes = ember::exporters::read_file(onnx_fixtures::onnx_path(name));
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      SCOPED_TRACE(std::string(name) + " cut at " + std::to_string(n));
      error_of(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n)));
    }
  }
}

TEST(OnnxErrors, ATensorDefinedTwiceOrANodeWithoutOperandsIsRefused) {
  auto twice = base_mlp();
  twice.graph().mutable_node(1)->set_output(0, "h");
  EXPECT_HAS(error_of(twice), "node 'act' (Relu) redefines tensor 'h'; ONNX assigns each tensor once");
  GraphBuilder lone;
  lone.input("x", {-1, 4});
  lone.node("MatMul", {"x"}, {"y"}, "mm");
  lone.output("y");
  EXPECT_HAS(error_of(lone), "node 'mm' (MatMul) needs two operands");
}

// Every byte of a fixture set to three other values: each file either imports (a flipped weight is still a
// model) or fails with one line; nothing else escapes (no crash, no other exception, under ASan in host-debug).
TEST(OnnxErrors, EveryByteFlipOfAFixtureImportsOrFailsWithOneLine) {
  const auto bytes = ember::exporters::read_file(onnx_fixtures::onnx_path("gemm_relu_opset9"));
  int refused = 0, imported = 0;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    for (std::uint8_t value : {std::uint8_t{0x00}, std::uint8_t{0xff}, static_cast<std::uint8_t>(bytes[at] ^ 0x01)}) {
      if (value == bytes[at]) continue;
      auto flipped = bytes;
      flipped[at] = value;
      try {
        import_onnx(flipped, "t");
        ++imported;
      } catch (const std::invalid_argument& e) {
        ++refused;
        ASSERT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
      }
    }
  }
  EXPECT_GT(refused, 0);
  EXPECT_GT(imported, 0);
}
