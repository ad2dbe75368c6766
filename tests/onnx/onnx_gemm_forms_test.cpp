// Gemm in every transpose form with alpha and beta, MatMul on either side, Transpose of the data and
// standardization in every order: each built graph must compute what its ONNX definition says.
#include <gtest/gtest.h>

#include <cmath>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/export/onnx_import.hpp"
#include "onnx_graph_builder.hpp"

namespace {
using namespace ember::exporters;
using onnx_test::GraphBuilder;

const std::vector<float> kW = {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, 0.6f, -0.7f, 0.8f, 0.9f, 1.0f, 1.1f, -1.2f};  // [3, 4]
const std::vector<float> kB = {0.25f, -0.5f, 0.75f};

std::vector<float> transposed(const std::vector<float>& m, int rows, int cols) {
  std::vector<float> t(m.size());
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) t[c * rows + r] = m[r * cols + c];
  return t;
}

// y[o] = alpha · Σ W[o][i] · f(x)[i] + beta · b[o], with f the standardization under test.
void expect_computes(GraphBuilder& g, float alpha, float beta, float (*f)(float, int) = nullptr) {
  const OnnxImport imported = import_onnx(g.bytes(), "t");
  LoadedModel loaded(write_blob(imported.spec));
  for (int r = 0; r < 5; ++r) {
    float x[4], y[3];
    for (int i = 0; i < 4; ++i) x[i] = 0.3f * static_cast<float>(r - 2) + 0.7f * static_cast<float>(i) - 1.0f;
    ASSERT_EQ(loaded.model().run(x, y), ember::Status::ok);
    for (int o = 0; o < 3; ++o) {
      double sum = 0;
      for (int i = 0; i < 4; ++i) sum += double(kW[o * 4 + i]) * (f ? f(x[i], i) : x[i]);
      const double expected = alpha * sum + beta * double(kB[o]);
      EXPECT_NEAR(y[o], expected, 1e-5 * std::max(1.0, std::fabs(expected))) << "row " << r << " output " << o;
    }
  }
}
}  // namespace

TEST(OnnxGemmForms, DataAsATimesWeightAsBInEveryStorageOrderWithAlphaAndBeta) {
  for (int trans_b : {0, 1}) {
    GraphBuilder g;
    g.input("x", {-1, 4});
    g.initializer("W", trans_b ? std::vector<std::int64_t>{3, 4} : std::vector<std::int64_t>{4, 3},
                  trans_b ? kW : transposed(kW, 3, 4));
    g.initializer("b", {1, 3}, kB);
    auto& n = g.node("Gemm", {"x", "W", "b"}, {"y"}, "fc");
    onnx_test::set_int(n, "transB", trans_b);
    onnx_test::set_float(n, "alpha", 0.5f);
    onnx_test::set_float(n, "beta", 2.0f);
    g.output("y");
    SCOPED_TRACE("transB=" + std::to_string(trans_b));
    expect_computes(g, 0.5f, 2.0f);
  }
}

TEST(OnnxGemmForms, TransposedDataWithTransAAndWeightsAsTheFirstOperand) {
  // Transpose(x) is [4, N]; Gemm(xT, W, transA=1) is [N, 3] again.
  GraphBuilder a;
  a.input("x", {-1, 4});
  a.initializer("W", {3, 4}, kW);
  a.initializer("b", {3}, kB);
  a.node("Transpose", {"x"}, {"xt"});
  auto& n = a.node("Gemm", {"xt", "W", "b"}, {"y"}, "fc");
  onnx_test::set_int(n, "transA", 1);
  onnx_test::set_int(n, "transB", 1);
  a.output("y");
  expect_computes(a, 1.0f, 1.0f);
  // Gemm(W, x, transB=1) is [3, N] with a [3, 1] bias; Transpose brings it back to [N, 3]. transA=1 reads W as [in, out].
  for (int trans_a : {0, 1}) {
    GraphBuilder b;
    b.input("x", {-1, 4});
    b.initializer("W", trans_a ? std::vector<std::int64_t>{4, 3} : std::vector<std::int64_t>{3, 4},
                  trans_a ? transposed(kW, 3, 4) : kW);
    b.initializer("b", {3, 1}, kB);
    auto& m = b.node("Gemm", {"W", "x", "b"}, {"yt"}, "fc");
    onnx_test::set_int(m, "transA", trans_a);
    onnx_test::set_int(m, "transB", 1);
    onnx_test::set_float(m, "alpha", 3.0f);
    b.node("Transpose", {"yt"}, {"y"});
    b.output("y");
    SCOPED_TRACE("transA=" + std::to_string(trans_a));
    expect_computes(b, 3.0f, 1.0f);
  }
}

TEST(OnnxGemmForms, MatMulWithTheWeightOnTheLeftOfTransposedData) {
  GraphBuilder g;
  g.input("x", {-1, 4});
  g.initializer("W", {3, 4}, kW);
  g.initializer("b", {3, 1}, kB);
  g.node("Transpose", {"x"}, {"xt"});
  g.node("MatMul", {"W", "xt"}, {"h"}, "mm");
  g.node("Add", {"b", "h"}, {"ht"}, "bias");
  g.node("Transpose", {"ht"}, {"y"});
  g.output("y");
  expect_computes(g, 1.0f, 1.0f);
}

TEST(OnnxGemmForms, StandardizationInAnyOrderOfSubDivMulAdd) {
  // (c − x) · 2 + 1 per feature, written as Sub(c, x), Mul, Add before the layer.
  GraphBuilder g;
  g.input("x", {-1, 4});
  g.initializer("c", {4}, {1.0f, 2.0f, 3.0f, 4.0f});
  g.initializer("two", {}, {2.0f});
  g.initializer("one", {1, 4}, {1.0f, 1.0f, 1.0f, 1.0f});
  g.initializer("W", {3, 4}, kW);
  g.initializer("b", {3}, kB);
  g.node("Sub", {"c", "x"}, {"a"});
  g.node("Mul", {"a", "two"}, {"m"});
  g.node("Add", {"one", "m"}, {"s"});
  onnx_test::set_int(g.node("Gemm", {"s", "W", "b"}, {"y"}, "fc"), "transB", 1);
  g.output("y");
  expect_computes(g, 1.0f, 1.0f, [](float x, int i) { return (float(i + 1) - x) * 2.0f + 1.0f; });
}
