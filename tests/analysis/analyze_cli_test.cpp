// Runs the built `ember analyze` binary: bad input gives one line on stderr and a non-zero exit, and a good
// run prints every table and writes its files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/spawn.hpp"
#include "run_command.hpp"
#include "test_models.hpp"

namespace {

namespace fs = std::filesystem;

using CliResult = testing_support::CommandResult;

class AnalyzeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto blob = ember::exporters::write_blob(analysis_test::linear_model());
    ember::exporters::write_file_atomic(path("linear.ember"), blob.data(), blob.size());
  }

  std::string path(const std::string& name) const { return scratch_.file(name); }

  // `ember analyze` with `args`, no shell between.
  CliResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {EMBER_CLI, "analyze"});
    return testing_support::run_command(args);
  }

  void expect_one_line_error(const CliResult& r, const std::string& fragment) const {
    EXPECT_NE(r.exit_code, 0);
    EXPECT_EQ(r.err.rfind("ember: error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(path("report"))) << "bad input must leave no output folder";
  }

  const testing_support::ScratchDir scratch_;  // other tests and checkouts may run at the same time
};

bool gnuplot_installed() { return ember::exporters::program_on_path("gnuplot"); }

TEST_F(AnalyzeCli, RejectsAModelWithNoHiddenLayer) {
  ember::exporters::ModelSpec spec;
  spec.name = "flat";
  spec.layers.push_back(analysis_test::dense(2, 1, ember::Activation::identity, {1, 1}, {0}));
  const auto blob = ember::exporters::write_blob(spec);
  ember::exporters::write_file_atomic(path("flat.ember"), blob.data(), blob.size());
  expect_one_line_error(run({path("flat.ember"), "--data", "sines:6", "--out", path("report")}), "no hidden layer");
}

TEST_F(AnalyzeCli, RejectsAWindowLargerThanTheData) {
  std::string csv = "a,b\n";
  for (int r = 0; r < 50; ++r) csv += std::to_string(r % 7) + "," + std::to_string(r % 3) + "\n";
  ember::exporters::write_file_atomic(path("short.csv"), csv);
  expect_one_line_error(
      run({path("linear.ember"), "--data", path("short.csv"), "--window", "64", "--out", path("report")}),
      "--window 64 is larger than the data (50 rows");
}

TEST_F(AnalyzeCli, RejectsAGridNotInTheList) {
  expect_one_line_error(run({path("linear.ember"), "--data", "sines:6", "--grid", "12", "--out", path("report")}),
                        "--grid 12 is not one of 8, 16, 32, 64");
}

TEST_F(AnalyzeCli, RejectsARateThatIsNoSamplingRate) {
  expect_one_line_error(run({path("linear.ember"), "--data", "sines:6", "--rate", "0", "--out", path("report")}),
                        "--rate 0 is not a sampling rate");
  expect_one_line_error(run({path("linear.ember"), "--data", "sines:6", "--rate", "-5", "--out", path("report")}),
                        "--rate -5 is not a sampling rate");
  // 1 Hz: Nyquist at 0.5 Hz, below every default band; own bands make it usable.
  expect_one_line_error(run({path("linear.ember"), "--data", "sines:0.1", "--rate", "1", "--out", path("report")}),
                        "give --bands");
}

TEST_F(AnalyzeCli, ASlowStreamGetsTheDefaultBandsCutAtNyquistWithANote) {
  // A 50 Hz accelerometer-like stream: Nyquist 25 Hz, so gamma goes and beta ends at 25 Hz.
  const CliResult r = run({path("linear.ember"), "--data", "sines:3,11/512", "--rate", "50", "--eeg"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| delta (%) | theta (%) | alpha (%) | beta (%) | centroid (Hz) |"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("gamma (%)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("beta is cut to 13-25 Hz and gamma left out"), std::string::npos) << r.out;
}

TEST_F(AnalyzeCli, BandsAreConfigurable) {
  const CliResult r =
      run({path("linear.ember"), "--data", "sines:1,3/512", "--rate", "10", "--eeg", "--bands", "slow:0.2-2,fast:2-5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| slow (%) | fast (%) | centroid (Hz) |"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("note: at"), std::string::npos) << "no cut note for the user's own bands";
}

TEST_F(AnalyzeCli, RejectsBandsThatAreMalformedOverlappingOrAboveNyquist) {
  expect_one_line_error(run({path("linear.ember"), "--data", "sines:1", "--rate", "10", "--bands", "slow:0.2-6",
                             "--out", path("report")}),
                        "above the Nyquist frequency 5 Hz");
  expect_one_line_error(run({path("linear.ember"), "--data", "sines:1", "--rate", "10", "--bands", "a:1-3,b:2-4",
                             "--out", path("report")}),
                        "overlaps");
  expect_one_line_error(
      run({path("linear.ember"), "--data", "sines:1", "--rate", "10", "--bands", "a:3", "--out", path("report")}),
      "is not NAME:LOW-HIGH");
}

TEST_F(AnalyzeCli, RejectsAWindowThatIsNotAPowerOfTwo) {
  expect_one_line_error(run({path("linear.ember"), "--data", "sines:6", "--window", "100", "--out", path("report")}),
                        "--window 100 is not a power of two");
}

TEST_F(AnalyzeCli, PrintsEveryTableAndWritesTheFilesForAStreamWithAReference) {
  std::string test_csv = "x0,x1,anomaly\n";
  for (int t = 0; t < 256; ++t) {
    const bool odd = (t / 32) % 2 == 1;
    const double f = odd ? 60.0 : 6.0;
    test_csv += std::to_string(std::sin(6.283185307 * f * t / 200.0)) + "," +
                std::to_string(0.5 * std::sin(6.283185307 * 20.0 * t / 200.0)) + "," + (odd ? "1" : "0") + "\n";
  }
  ember::exporters::write_file_atomic(path("test.csv"), test_csv);
  const CliResult r = run({path("linear.ember"), "--data", path("test.csv"), "--reference", "sines:6,20/512",
                           "--window", "32", "--out", path("report")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("### NN-EEG: relative band power per layer"), std::string::npos);
  EXPECT_NE(r.out.find("### NN-fMRI layer 0: regions of the 8x8 grid"), std::string::npos);
  EXPECT_NE(r.out.find("### Cross-modal consistency"), std::string::npos);
  EXPECT_NE(r.out.find("### Anomaly detection: 8 test windows of 32 rows (4 anomalous of 8 labelled)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("| Ember NN-EEG distance | 1.000 |"), std::string::npos) << r.out;
  for (const char* file : {"eeg_neurons.csv", "fmri_voxels.csv", "fmri_neurons.csv", "anomaly_windows.csv"})
    EXPECT_TRUE(fs::exists(path(std::string("report/") + file))) << file;
  if (gnuplot_installed()) {
    EXPECT_GT(fs::file_size(path("report/fmri_layer0.png")), 1000u);
  } else {
    EXPECT_NE(r.out.find("gnuplot not found"), std::string::npos);
  }
  for (const auto& entry : fs::directory_iterator(path("report")))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

// The fMRI images go through gnuplot; an --out folder holding shell and gnuplot syntax must stay a name.
TEST_F(AnalyzeCli, AnOutFolderWithShellSyntaxIsJustAName) {
  const std::string hostile = path("x';touch " + path("INJECTED") + ";'");
  const CliResult r = run({path("linear.ember"), "--data", "sines:6,20/512", "--out", hostile});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(path("INJECTED"))) << "the folder name ran as a command";
  EXPECT_TRUE(fs::exists(hostile + "/fmri_voxels.csv"));
  if (gnuplot_installed()) EXPECT_GT(fs::file_size(hostile + "/fmri_layer0.png"), 1000u);
}

TEST_F(AnalyzeCli, EmitsOneJsonObjectPerTableWithJson) {
  const CliResult r = run({path("linear.ember"), "--data", "sines:6,20/512", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  int objects = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    EXPECT_EQ(line.front(), '{') << line;
    ++objects;
  }
  EXPECT_EQ(objects, 3);  // NN-EEG, NN-fMRI layer 0, consistency
}

}  // namespace
