// `ember import` and `ember export --format onnx` driven like a user: one line and exit 1 on every bad input,
// no output file left, the input never overwritten.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/quantize.hpp"
#include "onnx_fixtures.hpp"
#include "run_command.hpp"

namespace {
using namespace testing_support;

// `ember` with `args`, no shell between.
CommandResult ember_cli(std::vector<std::string> args) {
  args.insert(args.begin(), EMBER_CLI);
  return run_command(args);
}

void expect_one_line_failure(const CommandResult& r, const std::string& out, const std::string& part) {
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_EQ(r.err.rfind("ember: error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(part), std::string::npos) << r.err;
  EXPECT_FALSE(file_exists(out)) << out;
}
}  // namespace

TEST(CliImport, ImportsAPyTorchModelAndInspectShowsItsLayers) {
  const ScratchDir scratch;
  const std::string dir = scratch.path(), out = dir + "/m.ember";
  const auto r =
      ember_cli({"import", onnx_fixtures::onnx_path("tanh_softmax_opset13"), "--out", out, "--name", "classifier"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("layer 2: dense 6 -> 5 softmax  <- Gemm '/4/Gemm' + Softmax '/5/Softmax'"), std::string::npos)
      << r.err;
  const auto inspect = ember_cli({"inspect", out});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("classifier"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("softmax"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("tanh"), std::string::npos) << inspect.out;
}

TEST(CliImport, EveryErrorFixtureFailsWithOneLineAndNoFile) {
  const ScratchDir scratch;
  const std::string dir = scratch.path(), out = dir + "/m.ember";
  const std::pair<const char*, const char*> cases[] = {
      {"leaky_relu", "(LeakyRelu): unsupported op"},       {"skip_connection", "a branch or skip connection"},
      {"dropout_training", "is in training mode"},         {"conv_input", "has shape [N,1,6]"},
      {"log_softmax", "(LogSoftmax): unsupported op"},     {"dynamic_view", "(Shape): unsupported op"},
      {"batch_norm_training", "(BatchNormalization): unsupported op"},
  };
  for (const auto& [name, part] : cases) {
    SCOPED_TRACE(name);
    const std::string in = onnx_fixtures::kDir + "/errors/" + name + ".onnx";
    expect_one_line_failure(ember_cli({"import", in, "--out", out}), out, part);
  }
}

TEST(CliImport, TruncatedFilesFailWithOneLineAndNoFileAtManyLengths) {
  const ScratchDir scratch;
  const std::string dir = scratch.path(), out = dir + "/m.ember", cut = dir + "/cut.onnx";
  const auto bytes = ember::exporters::read_file(onnx_fixtures::onnx_path("standardized_sigmoid_opset11"));
  for (std::size_t n = 0; n < bytes.size(); n += 37) {
    SCOPED_TRACE("cut at " + std::to_string(n));
    ember::exporters::write_file_atomic(cut, bytes.data(), n);
    expect_one_line_failure(ember_cli({"import", cut, "--out", out}), out, cut + ": ");
  }
}

TEST(CliImport, AFailedImportLeavesAnExistingOutputUntouchedAndNeverOverwritesTheInput) {
  const ScratchDir scratch;
  const std::string dir = scratch.path(), out = dir + "/keep.ember";
  ember::exporters::write_file_atomic(out, std::string("previous"));
  const auto r = ember_cli({"import", onnx_fixtures::kDir + "/errors/leaky_relu.onnx", "--out", out});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(slurp(out), "previous");
  const std::string copy = dir + "/model.onnx";
  const auto original = ember::exporters::read_file(onnx_fixtures::onnx_path("gemm_relu_opset9"));
  ember::exporters::write_file_atomic(copy, original.data(), original.size());
  const auto same = ember_cli({"import", copy, "--out", dir + "/./model.onnx"});
  EXPECT_EQ(same.exit_code, 1) << same.err;
  EXPECT_NE(same.err.find("is the input file"), std::string::npos) << same.err;
  EXPECT_EQ(ember::exporters::read_file(copy), original);
}

TEST(CliImport, AMissingFileIsOneLine) {
  const ScratchDir scratch;
  const std::string dir = scratch.path(), out = dir + "/m.ember";
  expect_one_line_failure(ember_cli({"import", dir + "/absent.onnx", "--out", out}), out, "cannot read");
}

TEST(CliImport, ExportToOnnxAndImportBackGivesTheSameBlob) {
  const ScratchDir scratch;
  const std::string dir = scratch.path();
  const std::string golden = std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember", blob = dir + "/golden.ember";
  ASSERT_EQ(ember_cli({"export", golden, "--out", blob}).exit_code, 0);  // current writer
  ASSERT_EQ(ember_cli({"export", blob, "--format", "onnx", "--out", dir + "/g.onnx"}).exit_code, 0);
  ASSERT_EQ(ember_cli({"import", dir + "/g.onnx", "--out", dir + "/g.ember"}).exit_code, 0);
  EXPECT_EQ(ember::exporters::read_file(dir + "/g.ember"), ember::exporters::read_file(blob));
}

TEST(CliImport, FreshlyTrainedModelsRoundTripThroughOnnxByteIdentical) {
  const ScratchDir scratch;
  const std::string dir = scratch.path();
  const std::string digits = std::string(EMBER_TEST_DATA_DIR) + "/digits.csv";
  const std::vector<std::vector<std::string>> trainings = {
      {"--data", "synthetic:sum-squares", "--samples", "400", "--max-epochs", "3", "--hidden", "8,4", "--activation",
       "tanh"},
      {"--data", digits, "--target", "digit", "--task", "classify", "--hidden", "12", "--activation", "sigmoid",
       "--max-epochs", "2"},
  };
  int k = 0;
  for (const std::vector<std::string>& t : trainings) {
    SCOPED_TRACE(testing::PrintToString(t));
    const std::string m = dir + "/t" + std::to_string(k++);
    std::vector<std::string> train = {"train", "--quiet"};
    train.insert(train.end(), t.begin(), t.end());
    train.insert(train.end(), {"--out", m + ".ember"});
    ASSERT_EQ(ember_cli(train).exit_code, 0);
    ASSERT_EQ(ember_cli({"export", m + ".ember", "--format", "onnx", "--out", m + ".onnx"}).exit_code, 0);
    ASSERT_EQ(ember_cli({"import", m + ".onnx", "--out", m + ".back.ember"}).exit_code, 0);
    EXPECT_EQ(ember::exporters::read_file(m + ".back.ember"), ember::exporters::read_file(m + ".ember"));
  }
}

TEST(CliImport, AFileAboveTheSizeCapIsRefusedBeforeItIsRead) {
  const ScratchDir scratch;
  const std::string dir = scratch.path(), big = dir + "/big.onnx", out = dir + "/m.ember";
  // A sparse file: 64 MiB + 1 byte of size without writing them.
  std::FILE* f = std::fopen(big.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(::ftruncate(::fileno(f), (64 << 20) + 1), 0);
  std::fclose(f);
  expect_one_line_failure(ember_cli({"import", big, "--out", out}), out,
                          "the file is 67108865 bytes; Ember imports ONNX files up to 67108864 bytes");
  std::remove(big.c_str());
}

// An int8 blob (the quantizer's, written by the library) through `ember export --format onnx` (QDQ) and
// `ember import` comes back byte for byte, and `ember inspect` shows the int8 layers.
TEST(CliImport, AnInt8BlobRoundTripsThroughQdqOnnx) {
  using namespace ember::exporters;
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  const ModelSpec model = read_blob(read_file(std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember"));
  std::vector<float> rows(300 * model.input_width());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<float>((i * 7919 % 1000) / 250.0 - 2.0);
  QuantizeOptions options;
  options.float_layers = default_float_layers(model);
  options.input_bits = 8;  // ONNX opset 13 QDQ has no int16 input
  const auto blob = write_blob(quantize_model(model, rows, 300, options));
  write_file_atomic(dir + "/q.ember", blob.data(), blob.size());
  ASSERT_EQ(ember_cli({"export", dir + "/q.ember", "--out", dir + "/q.onnx"}).exit_code, 0);
  const auto imported = ember_cli({"import", dir + "/q.onnx", "--out", dir + "/back.ember"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.err.find("(int8)"), std::string::npos) << imported.err;
  EXPECT_EQ(read_file(dir + "/back.ember"), blob);
  const auto inspect = ember_cli({"inspect", dir + "/back.ember"});
  EXPECT_NE(inspect.out.find("dense int8"), std::string::npos) << inspect.out;
}
