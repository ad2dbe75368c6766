// `ember quantize` and `ember train --quantize int8` driven like a user: the int8 blob, the float vs int8
// table, and every kind of bad input (one line, non-zero exit, no file, never over an input).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "run_command.hpp"

using testing_support::count_lines;
using testing_support::file_exists;
using testing_support::run_command;

namespace {
const std::string kEmber = EMBER_CLI;

// A small trained 5D model with its training rows and test split, once per test, in a scratch folder that
// goes with it.
struct Trained {
  testing_support::ScratchDir scratch;
  std::string dir, model, train_rows, test_rows;
};

Trained train_small() {
  Trained t;
  t.dir = t.scratch.path();
  t.model = t.dir + "/m.ember";
  t.train_rows = t.dir + "/all.csv";
  t.test_rows = t.dir + "/test.csv";
  const auto r =
      run_command({kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "600", "--max-epochs", "30",
                   "--quiet", "--out", t.model, "--save-data", t.train_rows, "--test-out", t.test_rows});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return t;
}

// `ember quantize` of t's model calibrated on its training rows (target y) into `out`, then `extra`.
std::vector<std::string> quantize_argv(const Trained& t, const std::string& out,
                                       const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {kEmber, "quantize", t.model, "--calibrate", t.train_rows, "--target",
                                   "y",    "--out",    out};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}
}  // namespace

TEST(CliQuantize, WritesAnInt8BlobAndScoresItBesideTheFloatModel) {
  const Trained t = train_small();
  const std::string out = t.dir + "/m-int8.ember";
  const auto r = run_command(
      {kEmber, "quantize", t.model, "--calibrate", t.train_rows, "--test", t.test_rows, "--target", "y", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| float32 | 12384 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| int8 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("max abs output difference"), std::string::npos) << r.out;
  const auto blob = ember::exporters::read_file(out);
  EXPECT_LT(blob.size(), 4700u);
  const auto spec = ember::exporters::read_blob(blob);
  EXPECT_TRUE(spec.layers[0].is_int8());
  // By default the output layer has int8 weights and hands its accumulators to the float32 output (kind 4).
  EXPECT_TRUE(spec.layers.back().is_int8() && spec.layers.back().int8->float_output);
  // ember run takes the int8 blob like any other.
  const auto run =
      run_command({kEmber, "run", out, "--input", t.test_rows, "--target", "y", "--output", t.dir + "/p.csv"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST(CliQuantize, InputBitsChooseTheKindOfLayer0AndInspectShowsIt) {
  const Trained t = train_small();
  for (const char* bits : {"8", "16"}) {
    const std::string out = t.dir + "/q" + bits + ".ember";
    const auto r = run_command(quantize_argv(t, out, {"--input-bits", bits}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ember::exporters::read_blob(ember::exporters::read_file(out)).layers[0].int8->int16_input,
              std::string(bits) == "16");
    const auto inspect = run_command({kEmber, "inspect", out});
    EXPECT_EQ(inspect.out.find("dense int8, int16 input") != std::string::npos, std::string(bits) == "16")
        << inspect.out;
  }
  const auto bad = run_command(quantize_argv(t, t.dir + "/q12.ember", {"--input-bits", "12"}));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(file_exists(t.dir + "/q12.ember"));
}

TEST(CliQuantize, OutputLayerChoosesTheLastLayersKindAndInspectShowsIt) {
  const Trained t = train_small();
  for (const std::string kind : {"dequantized", "int8", "float"}) {
    const std::string out = t.dir + "/o-" + kind + ".ember";
    const auto r = run_command(quantize_argv(t, out, {"--output-layer", kind}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto last = ember::exporters::read_blob(ember::exporters::read_file(out)).layers.back();
    EXPECT_EQ(last.is_int8(), kind != "float") << kind;
    EXPECT_EQ(last.is_int8() && last.int8->float_output, kind == "dequantized") << kind;
    const auto inspect = run_command({kEmber, "inspect", out});
    EXPECT_EQ(inspect.out.find("dense int8, float32 output") != std::string::npos, kind == "dequantized")
        << inspect.out;
  }
  const auto bad = run_command(quantize_argv(t, t.dir + "/o-bad.ember", {"--output-layer", "int16"}));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(file_exists(t.dir + "/o-bad.ember"));
}

TEST(CliQuantize, RefitOptionsChangeTheWeightsAndBadValuesAreRefused) {
  const Trained t = train_small();
  const auto quantize = [&](const std::string& name, const std::vector<std::string>& extra) {
    const auto r = run_command(quantize_argv(t, t.dir + "/" + name, extra));
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    return ember::exporters::read_file(t.dir + "/" + name);
  };
  const auto refitted = quantize("default.ember", {});
  const auto plain = quantize("plain.ember", {"--refit", "off", "--refit-hidden", "off"});
  const auto output_only = quantize("output-only.ember", {"--refit-hidden", "off"});
  const auto to_float = quantize("to-float.ember", {"--refit", "float"});
  // Each refit moves weights, so the blobs differ while their layouts (and so their sizes) stay the same.
  EXPECT_EQ(refitted.size(), plain.size());
  EXPECT_NE(refitted, plain);
  EXPECT_NE(output_only, plain);
  EXPECT_NE(output_only, refitted);
  EXPECT_NE(to_float, refitted);
  for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{{"--refit", "labelz"},
                                                                                  {"--refit-hidden", "yes"}}) {
    const auto r = run_command(quantize_argv(t, t.dir + "/bad.ember", bad));
    EXPECT_NE(r.exit_code, 0) << bad[0];
    EXPECT_NE(r.err.find(bad[0]), std::string::npos) << r.err;
    EXPECT_FALSE(file_exists(t.dir + "/bad.ember"));
  }
}

TEST(CliQuantize, JsonCarriesBothModelsAndEveryLayer) {
  const Trained t = train_small();
  const auto r = run_command({kEmber, "quantize", t.model, "--calibrate", t.train_rows, "--test", t.test_rows,
                              "--target", "y", "--output-layer", "int8", "--json", "--out", t.dir + "/q.ember"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 3) << r.out;  // layers, float vs int8, differences
  EXPECT_NE(r.out.find("[[\"float32\",12384,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[\"int8\","), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[3,\"16x1\",\"identity\",\"int8\","), std::string::npos) << r.out;  // every layer int8
  EXPECT_TRUE(ember::exporters::read_blob(ember::exporters::read_file(t.dir + "/q.ember")).layers.back().is_int8());
}

TEST(CliQuantize, BadInputIsOneLineAndLeavesNoFile) {
  const Trained t = train_small();
  const std::string out = t.dir + "/never.ember";
  // `ember quantize MODEL --out never.ember` followed by `more`.
  const auto quantize_with = [&](const std::vector<std::string>& more) {
    std::vector<std::string> argv = {kEmber, "quantize", t.model, "--out", out};
    argv.insert(argv.end(), more.begin(), more.end());
    return argv;
  };
  const std::vector<std::vector<std::string>> bad_arguments = {
      {"--calibrate", t.dir + "/missing.csv"},
      {"--calibrate", t.train_rows},  // 6 columns, no --target
      {"--calibrate", t.train_rows, "--target", "y", "--percentile", "20"},
      {"--calibrate", t.train_rows, "--target", "y", "--float-layers", "9"},
      {"--calibrate", t.train_rows, "--target", "y", "--margin", "-1"},
      {"--calibrate", t.train_rows, "--target", "y", "--test", t.dir + "/missing.csv"}};
  for (const std::vector<std::string>& args : bad_arguments) {
    const std::string shown = testing::PrintToString(args);
    const auto r = run_command(quantize_with(args));
    EXPECT_NE(r.exit_code, 0) << shown;
    EXPECT_EQ(count_lines(r.err), 1) << shown << ": " << r.err;
    EXPECT_FALSE(file_exists(out)) << shown;
  }
  // A blob that is not a model, a model with nothing left to quantize, and an int8 blob given as the float
  // model.
  ember::exporters::write_file_atomic(t.dir + "/junk.ember", std::string("not a blob"));
  auto r = run_command(
      {kEmber, "quantize", t.dir + "/junk.ember", "--calibrate", t.train_rows, "--target", "y", "--out", out});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  r = run_command(quantize_with({"--calibrate", t.train_rows, "--target", "y", "--float-layers", "0,1,2,3"}));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no layer to quantize"), std::string::npos) << r.err;
  EXPECT_FALSE(file_exists(out));
  ASSERT_EQ(run_command(quantize_with({"--calibrate", t.train_rows, "--target", "y"})).exit_code, 0);
  r = run_command(
      {kEmber, "quantize", out, "--calibrate", t.train_rows, "--target", "y", "--out", t.dir + "/twice.ember"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("already quantized"), std::string::npos) << r.err;
  EXPECT_FALSE(file_exists(t.dir + "/twice.ember"));
}

TEST(CliQuantize, NeverWritesOverAnInput) {
  const Trained t = train_small();
  const auto model_before = ember::exporters::read_file(t.model);
  auto r = run_command({kEmber, "quantize", t.model, "--calibrate", t.train_rows, "--target", "y", "--out", t.model});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_EQ(ember::exporters::read_file(t.model), model_before);
  // The same file under another spelling of its path.
  r = run_command(
      {kEmber, "quantize", t.model, "--calibrate", t.train_rows, "--target", "y", "--out", t.dir + "/./all.csv"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::slurp(t.train_rows).rfind("x0,", 0), 0u);
}

TEST(CliTrainQuantize, WritesBothBlobsCalibratedOnTheTrainingSplit) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  const auto r = run_command({kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "600", "--max-epochs",
                              "30", "--quiet", "--quantize", "int8", "--out", dir + "/m.ember"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(file_exists(dir + "/m.ember"));
  ASSERT_TRUE(file_exists(dir + "/m-int8.ember"));
  EXPECT_TRUE(ember::exporters::read_blob(ember::exporters::read_file(dir + "/m-int8.ember")).layers[0].is_int8());
  EXPECT_NE(r.out.find("| int8 |"), std::string::npos) << r.out;
  const auto bad = run_command({kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "600", "--max-epochs",
                                "3", "--quiet", "--quantize", "int4", "--out", dir + "/x.ember"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(file_exists(dir + "/x.ember"));
  const auto tanh =
      run_command({kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "600", "--max-epochs", "3",
                   "--quiet", "--activation", "tanh", "--quantize", "int8", "--out", dir + "/t.ember"});
  EXPECT_NE(tanh.exit_code, 0);
  EXPECT_EQ(count_lines(tanh.err), 1) << tanh.err;
  EXPECT_FALSE(file_exists(dir + "/t.ember"));
}
