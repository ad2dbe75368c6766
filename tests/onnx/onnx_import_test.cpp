// Every PyTorch-made fixture imports and its blob reproduces PyTorch's outputs within 1e-5 relative.
#include "ember/export/onnx_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/loaded_model.hpp"
#include "onnx_fixtures.hpp"

namespace {
using namespace ember::exporters;

// |ember − torch| ≤ 1e-5 · max(|torch|, 1): relative for outputs of magnitude 1 and more, and the same bound
// in absolute terms for outputs near zero (softmax tails, a regression crossing zero).
void expect_close(double ember, double torch, const std::string& where) {
  EXPECT_LE(std::fabs(ember - torch), 1e-5 * std::max(std::fabs(torch), 1.0)) << where << ": ember " << ember
                                                                               << ", PyTorch " << torch;
}

void expect_matches_pytorch(const onnx_fixtures::Fixture& f) {
  const OnnxImport imported = import_onnx(read_file(onnx_fixtures::onnx_path(f.name)), f.name);
  ASSERT_EQ(imported.spec.input_width(), f.inputs);
  LoadedModel loaded(write_blob(imported.spec));
  const auto rows = onnx_fixtures::read_rows(onnx_fixtures::csv_path(f.name), f.inputs);
  ASSERT_GE(rows.x.size(), 16u);
  std::vector<float> in(f.inputs), out(loaded.info().output_width);
  for (std::size_t r = 0; r < rows.x.size(); ++r) {
    ASSERT_EQ(rows.y[r].size(), out.size());
    for (int i = 0; i < f.inputs; ++i) in[i] = static_cast<float>(rows.x[r][i]);
    ASSERT_EQ(loaded.model().run(in.data(), out.data()), ember::Status::ok);
    for (std::size_t j = 0; j < out.size(); ++j)
      expect_close(out[j], rows.y[r][j], std::string(f.name) + " row " + std::to_string(r) + " y" + std::to_string(j));
  }
}
}  // namespace

TEST(OnnxImport, EveryPyTorchFixtureMatchesPyTorchWithinOneInOneHundredThousand) {
  for (const auto& f : onnx_fixtures::kModels) {
    SCOPED_TRACE(f.name);
    expect_matches_pytorch(f);
  }
}

TEST(OnnxImport, MapsGemmAndMatMulPlusAddToDenseLayersWithTheirActivations) {
  const auto mm = import_onnx(read_file(onnx_fixtures::onnx_path("matmul_add_opset17")), "m").spec;
  ASSERT_EQ(mm.layers.size(), 3u);
  EXPECT_EQ(mm.layers[0].activation, ember::Activation::relu);
  EXPECT_EQ(mm.layers[2].activation, ember::Activation::identity);
  EXPECT_EQ(mm.layers[1].in_width, 20);
  EXPECT_EQ(mm.layers[1].out_width, 11);
  const auto sm = import_onnx(read_file(onnx_fixtures::onnx_path("tanh_softmax_opset13")), "m").spec;
  ASSERT_EQ(sm.layers.size(), 3u);
  EXPECT_EQ(sm.layers[0].activation, ember::Activation::tanh);
  EXPECT_EQ(sm.layers[2].activation, ember::Activation::softmax);
}

TEST(OnnxImport, TurnsSubDivBeforeAndMulAddAfterTheLayersIntoTheStandardization) {
  const auto spec = import_onnx(read_file(onnx_fixtures::onnx_path("standardized_sigmoid_opset11")), "m").spec;
  ASSERT_EQ(spec.layers.size(), 2u);
  ASSERT_EQ(spec.input_mean.size(), 5u);
  ASSERT_EQ(spec.input_scale.size(), 5u);
  ASSERT_EQ(spec.output_scale.size(), 2u);
  ASSERT_EQ(spec.output_mean.size(), 2u);
  for (float s : spec.input_scale) EXPECT_GE(s, 0.5f);  // torch.rand(5) + 0.5 in make_fixtures.py
  const auto plain = import_onnx(read_file(onnx_fixtures::onnx_path("gemm_relu_opset9")), "m").spec;
  EXPECT_TRUE(plain.input_mean.empty() && plain.input_scale.empty());
  EXPECT_TRUE(plain.output_mean.empty() && plain.output_scale.empty());
}

TEST(OnnxImport, FoldsConstantNodesAndPassesFlattenReshapeAndDropoutThrough) {
  const auto c = import_onnx(read_file(onnx_fixtures::onnx_path("constants_opset12")), "m").spec;
  ASSERT_EQ(c.layers.size(), 2u);
  ASSERT_EQ(c.input_mean.size(), 6u);  // (x - 0.5) * 2.0: mean 0.5, scale 0.5
  EXPECT_EQ(c.input_mean[0], 0.5f);
  EXPECT_EQ(c.input_scale[0], 0.5f);
  EXPECT_EQ(c.output_scale[1], 10.0f);
  EXPECT_EQ(c.output_mean[1], 3.0f);
  const auto d = import_onnx(read_file(onnx_fixtures::onnx_path("dropout_opset10")), "m").spec;
  EXPECT_EQ(d.layers.size(), 2u);
}

TEST(OnnxImport, ConvertsFloat64WeightsWithANote) {
  const auto imported = import_onnx(read_file(onnx_fixtures::onnx_path("float64_nobias_opset14")), "m");
  EXPECT_EQ(imported.notes.size(), 2u);
  for (float b : imported.spec.layers[0].bias) EXPECT_EQ(b, 0.0f);  // Linear(bias=False): MatMul alone
}

TEST(OnnxImport, NamesTheModelAfterTheGraphOrTheFallback) {
  const auto imported = import_onnx(read_file(onnx_fixtures::onnx_path("gemm_relu_opset9")), "fallback");
  EXPECT_EQ(imported.spec.name, "torch_jit");  // torch.onnx.export's graph name
}
