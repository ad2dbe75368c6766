// blob -> ONNX -> blob gives the same bytes, and the ONNX graph is the documented one (docs/onnx.md).
#include "ember/export/onnx_export.hpp"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/onnx_import.hpp"
#include "onnx_fixtures.hpp"

namespace {
using namespace ember::exporters;

std::vector<std::uint8_t> round_trip(const std::vector<std::uint8_t>& blob) {
  const std::string onnx_bytes = write_onnx(read_blob(blob));
  return write_blob(import_onnx(std::vector<std::uint8_t>(onnx_bytes.begin(), onnx_bytes.end()), "x").spec);
}

std::vector<std::string> op_types(const ModelSpec& spec) {
  onnx::ModelProto m;
  EXPECT_TRUE(m.ParseFromString(write_onnx(spec)));
  EXPECT_EQ(m.opset_import(0).version(), 13);
  std::vector<std::string> ops;
  for (const auto& n : m.graph().node()) ops.push_back(n.op_type());
  return ops;
}
}  // namespace

TEST(OnnxRoundTrip, TrainerModelsInTheRepositoryComeBackByteIdentical) {
  for (const std::string path : {std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember",
                                 std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_int8.ember",
                                 std::string(EMBER_SOURCE_DIR) + "/examples/firmware-5d/model_5d.ember"}) {
    SCOPED_TRACE(path);
    // As the current writer writes it (the committed files may predate a writer change).
    const auto blob = write_blob(read_blob(read_file(path)));
    EXPECT_EQ(round_trip(blob), blob);
  }
}

TEST(OnnxRoundTrip, EveryImportedPyTorchFixtureComesBackByteIdentical) {
  for (const auto& f : onnx_fixtures::kModels) {
    SCOPED_TRACE(f.name);
    const auto blob = write_blob(import_onnx(read_file(onnx_fixtures::onnx_path(f.name)), f.name).spec);
    EXPECT_EQ(round_trip(blob), blob);
  }
}

TEST(OnnxRoundTrip, SignedZerosAndNegativeScalesKeepTheirBits) {
  ModelSpec spec;
  spec.name = "signs";
  DenseLayerSpec l;
  l.in_width = 2;
  l.out_width = 2;
  l.activation = ember::Activation::softmax;
  l.weights = {-0.0f, 1.0f, 2.0f, -3.0f};
  l.bias = {-0.0f, 0.0f};
  spec.layers.push_back(l);
  spec.input_mean = {-0.0f, 0.0f};
  spec.input_scale = {-1.0f, 1.0f};
  spec.output_mean = {0.0f, -0.0f};
  spec.output_scale = {1.0f, -2.0f};
  const auto blob = write_blob(spec);
  EXPECT_EQ(round_trip(blob), blob);
}

TEST(OnnxRoundTrip, WritesSubDivGemmActivationMulAddOnlyWhereTheModelNeedsThem) {
  ModelSpec spec = read_blob(read_file(std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember"));
  const auto ops = op_types(spec);
  ASSERT_GE(ops.size(), 2u);
  EXPECT_EQ(ops.front(), "Sub");
  EXPECT_EQ(ops[1], "Div");
  EXPECT_EQ(ops.back(), "Add");
  spec.input_mean.clear();
  spec.input_scale.assign(spec.input_width(), 1.0f);
  spec.output_mean.assign(spec.output_width(), 0.0f);
  spec.output_scale.clear();
  const auto plain = op_types(spec);
  EXPECT_EQ(plain.front(), "Gemm");
  EXPECT_NE(plain.back(), "Add");
  EXPECT_NE(plain.back(), "Mul");
}

TEST(OnnxRoundTrip, RefusesAnInvalidInt8LayerRatherThanWritingIt) {
  ModelSpec spec = read_blob(read_file(std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember"));
  spec.layers[0].int8 = QuantizedDense{};  // no weights, scales 0
  EXPECT_THROW(write_onnx(spec), std::invalid_argument);
}

TEST(OnnxRoundTrip, AResidualLayerIsAnAddOfItsInputAfterItsActivationAndImportRefusesIt) {
  const auto blob = read_file(std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_residual.ember");
  const ModelSpec spec = read_blob(blob);
  onnx::ModelProto m;
  ASSERT_TRUE(m.ParseFromString(write_onnx(spec)));
  int residual_adds = 0;
  for (const auto& n : m.graph().node()) {
    if (n.op_type() != "Add" || n.name().find(".residual") == std::string::npos) continue;
    ++residual_adds;
    // layer1: Add(layer0's activation output, layer1's Relu output).
    if (n.name() == "layer1.residual") {
      EXPECT_EQ(n.input(0), "layer0.Relu_out");
      EXPECT_EQ(n.input(1), "layer1.Relu_out");
    }
  }
  EXPECT_EQ(residual_adds, 2);
  const std::string onnx_bytes = write_onnx(spec);
  try {
    import_onnx(std::vector<std::uint8_t>(onnx_bytes.begin(), onnx_bytes.end()), "x");
    FAIL() << "a graph with a skip connection was imported";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}
