// `ember train` on bad CSV files: one line on stderr, a non-zero exit, and no model file left behind.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace {
struct Outcome {
  int exit_code = -1;
  std::string stderr_text;
};

bool exists(const std::string& path) { return std::ifstream(path).good(); }

// `ember` with `arguments` (no shell); stdout is dropped.
Outcome run_ember(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), EMBER_CLI);
  const testing_support::CommandResult r = testing_support::run_command(arguments);
  Outcome o;
  o.exit_code = r.exit_code;
  o.stderr_text = r.err;
  return o;
}

std::size_t line_count(const std::string& text) {
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

// Writes `csv`, trains on it with --out, and checks the failure is reported properly; returns stderr.
std::string expect_one_line_failure(const std::string& name, const std::string& csv, const std::string& target = "y") {
  const testing_support::ScratchDir scratch;
  const std::string data = scratch.file(name + ".csv"), out = scratch.file(name + ".ember");
  std::ofstream(data, std::ios::binary) << csv;
  const Outcome o = run_ember({"train", "--quiet", "--data", data, "--target", target, "--out", out});
  EXPECT_EQ(o.exit_code, 1) << o.stderr_text;
  EXPECT_EQ(line_count(o.stderr_text), 1u) << o.stderr_text;
  EXPECT_EQ(o.stderr_text.rfind("ember: error: ", 0), 0u) << o.stderr_text;
  EXPECT_FALSE(exists(out));
  return o.stderr_text;
}
}  // namespace

TEST(TrainCli, RejectsARaggedRowNamingItsLine) {
  const std::string e = expect_one_line_failure("ragged", "a,b,y\n1,2,3\n4,5\n");
  EXPECT_NE(e.find(":3: row has 2 cells"), std::string::npos) << e;
}

TEST(TrainCli, RejectsTextInANumericColumnNamingLineAndColumn) {
  const std::string e = expect_one_line_failure("text", "a,b,y\n1,2,3\n4,five,6\n");
  EXPECT_NE(e.find(":3: column 'b'"), std::string::npos) << e;
}

TEST(TrainCli, RejectsANonFiniteValue) {
  const std::string e = expect_one_line_failure("nonfinite", "a,b,y\n1,2,3\n4,inf,6\n");
  EXPECT_NE(e.find("non-finite"), std::string::npos) << e;
}

TEST(TrainCli, RejectsAnEmptyFile) {
  const std::string e = expect_one_line_failure("empty", "");
  EXPECT_NE(e.find("empty"), std::string::npos) << e;
}

TEST(TrainCli, RejectsAMissingTargetColumn) {
  const std::string e = expect_one_line_failure("missing_target", "a,b,c\n1,2,3\n4,5,6\n", "y");
  EXPECT_NE(e.find("no column named 'y'"), std::string::npos) << e;
}

TEST(TrainCli, RejectsAFractionalClassLabel) {
  const testing_support::ScratchDir scratch;
  const std::string data = scratch.file("fraction.csv"), out = scratch.file("fraction.ember");
  std::ofstream(data) << "a,label\n1,0\n2,1\n3,0.5\n";
  const Outcome o =
      run_ember({"train", "--quiet", "--task", "classify", "--data", data, "--target", "label", "--out", out});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(line_count(o.stderr_text), 1u) << o.stderr_text;
  EXPECT_FALSE(exists(out));
}

TEST(TrainCli, TrainsOnSyntheticDataAndWritesTheBlobTheHistoryAndTheTestRows) {
  const testing_support::ScratchDir scratch;
  const std::string out = scratch.file("ok.ember"), history = scratch.file("history.csv"),
                    test = scratch.file("test.csv");
  const Outcome o = run_ember({"train", "--quiet", "--data", "synthetic:sum-squares", "--samples", "300",
                               "--max-epochs", "3", "--out", out, "--history", history, "--test-out", test});
  EXPECT_EQ(o.exit_code, 0) << o.stderr_text;
  EXPECT_EQ(o.stderr_text, "");
  EXPECT_TRUE(exists(out));
  std::ifstream h(history);
  std::string header;
  std::getline(h, header);
  EXPECT_EQ(header, "epoch,train_loss,validation_loss,elapsed_s");
  std::ifstream t(test);
  std::getline(t, header);
  EXPECT_EQ(header, "x0,x1,x2,x3,x4,y");
}
