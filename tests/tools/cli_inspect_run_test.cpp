#include <gtest/gtest.h>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "golden_model.hpp"
#include "reference_forward.hpp"
#include "run_command.hpp"

using testing_support::count_lines;
using testing_support::run_command;

namespace {
const std::string kEmber = EMBER_CLI;
const std::string kGolden = std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember";

// A one-line error on stderr, nothing on stdout, a non-zero exit.
void expect_one_line_error(const testing_support::CommandResult& r, const std::string& fragment) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
  EXPECT_LT(r.exit_code, 128) << "crashed: " << r.err;
}
}  // namespace

TEST(CliInspect, PrintsModelSectionsAndLayers) {
  const auto r = run_command({kEmber, "inspect", kGolden});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| blob bytes | 944 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| arena bytes | 64 |"), std::string::npos);
  EXPECT_NE(r.out.find("| 1 | dense f32 | 8 | 6 | tanh | 54 | 48 | 216 |"), std::string::npos);
}

TEST(CliInspect, JsonOutputIsOneObjectPerTable) {
  const auto r = run_command({kEmber, "inspect", "--json", kGolden});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 3);
  EXPECT_EQ(r.out.rfind("{\"table\":\"Model\"", 0), 0u);
}

TEST(CliInspect, FiveDModelFitsTheBlobAndArenaBudgets) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  ember::exporters::ModelSpec spec;
  const std::uint16_t widths[] = {5, 64, 32, 16, 1};
  for (int k = 0; k < 4; ++k) {
    ember::exporters::DenseLayerSpec l{widths[k], widths[k + 1], k < 3 ? ember::Activation::relu : ember::Activation::identity,
                                       std::vector<float>(std::size_t(widths[k]) * widths[k + 1], 0.01f),
                                       std::vector<float>(widths[k + 1], 0.0f)};
    spec.layers.push_back(l);
  }
  const auto blob = ember::exporters::write_blob(spec);
  ember::exporters::write_file_atomic(dir + "/5d.ember", blob.data(), blob.size());
  const auto r = run_command({kEmber, "inspect", "--csv", dir + "/5d.ember"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("blob bytes,12384\n"), std::string::npos) << r.out;  // budget: 12,500
  EXPECT_NE(r.out.find("arena bytes,384\n"), std::string::npos);            // budget: 512
}

TEST(CliInspect, RejectsMissingTruncatedAndCorruptBlobsInOneLine) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  expect_one_line_error(run_command({kEmber, "inspect", dir + "/missing.ember"}), "No such file");
  auto bytes = ember::exporters::read_file(kGolden);
  ember::exporters::write_file_atomic(dir + "/short.ember", bytes.data(), 100);
  expect_one_line_error(run_command({kEmber, "inspect", dir + "/short.ember"}), "truncated");
  bytes[500] ^= 0x40;
  ember::exporters::write_file_atomic(dir + "/corrupt.ember", bytes.data(), bytes.size());
  expect_one_line_error(run_command({kEmber, "inspect", dir + "/corrupt.ember"}), "CRC");
  ember::exporters::write_file_atomic(dir + "/empty.ember", std::string());
  expect_one_line_error(run_command({kEmber, "inspect", dir + "/empty.ember"}), "header");
}

TEST(CliRun, PredictsLikeTheReferenceAndReportsMetrics) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  std::string csv = "a,b,c,d,e,label\n";
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < golden::kRows; ++r) {
    std::vector<double> x;
    for (int i = 0; i < 5; ++i) {
      x.push_back(float(golden::input(r, i)));
      csv += std::to_string(x.back()) + ",";
    }
    csv += "1\n";
    rows.push_back(x);
  }
  ember::exporters::write_file_atomic(dir + "/in.csv", csv);
  const auto r = run_command(
      {kEmber, "run", kGolden, "--input", dir + "/in.csv", "--target", "label", "--output", dir + "/out.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = testing_support::slurp(dir + "/out.csv");
  EXPECT_EQ(out.rfind("y0,y1,y2\n", 0), 0u) << out;
  EXPECT_EQ(count_lines(out), golden::kRows + 1);
  // First row, first output, against the double reference (inputs went through "%f" text, so recompute).
  std::vector<double> x0;
  for (int i = 0; i < 5; ++i) x0.push_back(std::stod(std::to_string(float(golden::input(0, i)))));
  const double want = reference::forward(golden::model(), x0)[0];
  const double got = std::stod(out.substr(9, out.find(',', 9) - 9));
  EXPECT_NEAR(got, want, 1e-5 * std::abs(want));
}

TEST(CliRun, RejectsWrongShapesAndMalformedCsvInOneLine) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  ember::exporters::write_file_atomic(dir + "/narrow.csv", std::string("a,b\n1,2\n"));
  expect_one_line_error(run_command({kEmber, "run", kGolden, "--input", dir + "/narrow.csv"}), "expects 5");
  ember::exporters::write_file_atomic(dir + "/ragged.csv", std::string("a,b,c,d,e\n1,2,3,4,5\n1,2,3\n"));
  expect_one_line_error(run_command({kEmber, "run", kGolden, "--input", dir + "/ragged.csv"}), ":3:");
  ember::exporters::write_file_atomic(dir + "/text.csv", std::string("a,b,c,d,e\n1,2,x,4,5\n"));
  expect_one_line_error(run_command({kEmber, "run", kGolden, "--input", dir + "/text.csv"}), "'c'");
  expect_one_line_error(run_command({kEmber, "run", kGolden, "--input", dir + "/ragged.csv", "--target", "nope"}),
                        ":3:");
  ember::exporters::write_file_atomic(dir + "/good.csv", std::string("a,b,c,d,e\n1,2,3,4,5\n"));
  expect_one_line_error(run_command({kEmber, "run", kGolden, "--input", dir + "/good.csv", "--target", "nope"}),
                        "no column named 'nope'");
  expect_one_line_error(
      run_command({kEmber, "run", kGolden, "--input", dir + "/text.csv", "--output", dir + "/out.csv"}),
      "not a number");
  EXPECT_FALSE(testing_support::file_exists(dir + "/out.csv"));
}

TEST(Cli, UnknownFlagsAndCommandsGetOneLineAndNonZeroExit) {
  expect_one_line_error(run_command({kEmber, "inspect", "--bogus", kGolden}), "--bogus");
  expect_one_line_error(run_command({kEmber, "frobnicate"}), "frobnicate");
  const auto help = run_command({kEmber, "run", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--target"), std::string::npos);
}

TEST(CliInspect, ShowsInt8LayersWithTheirScalesZeroPointsAndRequantizationRange) {
  const auto r = run_command({kEmber, "inspect", std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_int8.ember"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| format version | 3 |"), std::string::npos) << r.out;
  // golden layer 0: 5 -> 8 int8 relu; 40 weights in 64 bytes of blocks (inputs padded to 8) + 32 bias + 40
  // requant bytes.
  EXPECT_NE(r.out.find("| 0 | dense int8 | 5 | 8 | relu | 48 | 40 | 136 | int8 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| 1 | dense f32 | 8 | 6 | tanh | 54 | 48 | 216 | float32 |"), std::string::npos);
  EXPECT_NE(r.out.find("### Quantization"), std::string::npos);
  EXPECT_NE(r.out.find("| 0 | 0.03 | -3 | 0.05 | -128 | 1073741824 … "), std::string::npos) << r.out;
  // Sections add up to the blob (no unsigned underflow in the padding, issue 14).
  EXPECT_NE(r.out.find("| parameters | 463 |"), std::string::npos) << r.out;  // 136 + 216 + 68 + 43
  EXPECT_EQ(r.out.find("42949"), std::string::npos) << r.out;
}

TEST(CliRun, RunsAnInt8BlobAndExportWritesItsOpSet) {
  const std::string golden_v2 = std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_int8.ember";
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  ember::exporters::write_file_atomic(dir + "/in.csv", std::string("a,b,c,d,e\n0.1,0.2,0.3,0.4,0.5\n1,2,3,4,5\n"));
  const auto r = run_command({kEmber, "run", golden_v2, "--input", dir + "/in.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 3) << r.out;  // header and two rows
  const auto e = run_command({kEmber, "export", golden_v2, "--format", "c-header", "--out", dir + "/g.h"});
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto h = ember::exporters::read_file(dir + "/g.h");
  const std::string text(h.begin(), h.end());
  EXPECT_NE(text.find("#define G_OP_SET {{0, &ember_op_dense_f32, &ember_op_dense_s8, 0}, {0, 0, &ember_activation_tanh,"),
            std::string::npos)
      << text.substr(0, 800);
  EXPECT_NE(text.find("Ember blob format v3"), std::string::npos);
}

TEST(CliInspect, ShowsResidualLayersAndQuantizeKeepsThemFloatInOneLine) {
  const std::string residual = std::string(EMBER_TEST_DATA_DIR) + "/golden_v2_residual.ember";
  const auto r = run_command({kEmber, "inspect", residual});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| 0 | dense f32 | 5 | 8 | relu |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| 1 | dense f32 residual | 8 | 8 | relu | 72 | 64 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| 2 | dense f32 residual | 8 | 8 | tanh |"), std::string::npos) << r.out;
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  std::string csv = "a,b,c,d,e\n";
  for (int row = 0; row < 20; ++row)
    for (int i = 0; i < 5; ++i) csv += std::to_string(0.1 * row - 0.3 * i) + (i == 4 ? "\n" : ",");
  ember::exporters::write_file_atomic(dir + "/cal.csv", csv);
  const auto q = run_command({kEmber, "quantize", residual, "--calibrate", dir + "/cal.csv", "--float-layers", "none",
                              "--out", dir + "/q.ember"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("layer 1 is residual and stays float32"), std::string::npos) << q.out;
  const auto i = run_command({kEmber, "inspect", dir + "/q.ember"});
  EXPECT_NE(i.out.find("| 1 | dense f32 residual | 8 | 8 | relu |"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("| 0 | dense int8"), std::string::npos) << i.out;  // int8, int16 input or not
}
