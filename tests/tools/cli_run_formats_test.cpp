// `ember run`'s stdout in each format: --json carries the predictions (and the metrics), --csv is one plain
// CSV table of predictions that any CSV reader takes as it is.
#include <gtest/gtest.h>

#include <sstream>

#include "ember/export/file_io.hpp"
#include "run_command.hpp"

using testing_support::run_command;

namespace {
const std::string kEmber = EMBER_CLI;
const std::string kGolden = std::string(EMBER_TEST_DATA_DIR) + "/golden_v1.ember";
constexpr int kRows = 4;

std::string write_rows(const std::string& dir) {
  std::string csv = "a,b,c,d,e,label\n";
  for (int r = 0; r < kRows; ++r) csv += "0.1,0.2,0.3,0.4," + std::to_string(r) + ",1\n";
  ember::exporters::write_file_atomic(dir + "/in.csv", csv);
  return dir + "/in.csv";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST(CliRunFormats, JsonCarriesThePredictionsBesideTheMetrics) {
  const testing_support::ScratchDir scratch;
  const auto r =
      run_command({kEmber, "run", kGolden, "--input", write_rows(scratch.path()), "--target", "label", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string predictions, metrics, line;
  while (std::getline(lines, line)) {
    if (line.rfind("{\"table\":\"Predictions\"", 0) == 0) predictions = line;
    if (line.rfind("{\"table\":\"Accuracy", 0) == 0) metrics = line;
  }
  ASSERT_FALSE(predictions.empty()) << r.out;
  EXPECT_FALSE(metrics.empty()) << r.out;
  // One [...] per input row, three outputs each.
  EXPECT_EQ(count(predictions, "],["), static_cast<std::size_t>(kRows - 1)) << predictions;
  EXPECT_NE(predictions.find("{\"name\":\"y2\""), std::string::npos) << predictions;
}

TEST(CliRunFormats, CsvStdoutIsOnePlainTableOfPredictions) {
  const testing_support::ScratchDir scratch;
  const std::string dir = scratch.path();
  const auto r = run_command({kEmber, "run", kGolden, "--input", write_rows(dir), "--target", "label", "--csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.find('#'), std::string::npos) << "no title lines: " << r.out;
    EXPECT_EQ(count(line, ","), 2u) << "every row has the header's three fields: " << line;
    ++rows;
  }
  EXPECT_EQ(rows, kRows + 1) << r.out;
  EXPECT_NE(r.err.find("# Accuracy"), std::string::npos) << "the metrics go to stderr: " << r.err;
  // With the predictions in a file, --csv leaves stdout empty.
  const auto to_file = run_command(
      {kEmber, "run", kGolden, "--input", dir + "/in.csv", "--target", "label", "--csv", "-o", dir + "/p.csv"});
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_TRUE(to_file.out.empty()) << to_file.out;
}
