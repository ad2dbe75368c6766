// `ember train` on bad CSV files: one line on stderr, a non-zero exit, and no model file left behind.
#include <gtest/gtest.h>
#include <unistd.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {
struct Outcome {
  int exit_code = -1;
  std::string stderr_text;
};

// The process id keeps two test runs (two build trees on one machine) from sharing a file.
std::string temp_path(const std::string& name) {
  return testing::TempDir() + "ember_train_cli_" + std::to_string(::getpid()) + "_" + name;
}

bool exists(const std::string& path) { return std::ifstream(path).good(); }

Outcome run_ember(const std::string& arguments) {
  // ctest runs these tests in parallel processes: one stderr file per test.
  const std::string err = temp_path(std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + ".err");
  const std::string command = std::string("'") + EMBER_CLI + "' " + arguments + " >/dev/null 2>'" + err + "'";
  const int status = std::system(command.c_str());
  Outcome o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream text;
  text << std::ifstream(err).rdbuf();
  o.stderr_text = text.str();
  std::remove(err.c_str());
  return o;
}

std::size_t line_count(const std::string& text) {
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

// Writes `csv`, trains on it with --out, and checks the failure is reported properly; returns stderr.
std::string expect_one_line_failure(const std::string& name, const std::string& csv, const std::string& target = "y") {
  const std::string data = temp_path(name + ".csv"), out = temp_path(name + ".ember");
  std::ofstream(data, std::ios::binary) << csv;
  std::remove(out.c_str());
  const Outcome o = run_ember("train --quiet --data '" + data + "' --target " + target + " --out '" + out + "'");
  EXPECT_EQ(o.exit_code, 1) << o.stderr_text;
  EXPECT_EQ(line_count(o.stderr_text), 1u) << o.stderr_text;
  EXPECT_EQ(o.stderr_text.rfind("ember: error: ", 0), 0u) << o.stderr_text;
  EXPECT_FALSE(exists(out));
  std::remove(data.c_str());
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
  const std::string data = temp_path("fraction.csv"), out = temp_path("fraction.ember");
  std::ofstream(data) << "a,label\n1,0\n2,1\n3,0.5\n";
  std::remove(out.c_str());
  const Outcome o = run_ember("train --quiet --task classify --data '" + data + "' --target label --out '" + out + "'");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(line_count(o.stderr_text), 1u) << o.stderr_text;
  EXPECT_FALSE(exists(out));
  std::remove(data.c_str());
}

TEST(TrainCli, TrainsOnSyntheticDataAndWritesTheBlobTheHistoryAndTheTestRows) {
  const std::string out = temp_path("ok.ember"), history = temp_path("history.csv"), test = temp_path("test.csv");
  const Outcome o = run_ember("train --quiet --data synthetic:sum-squares --samples 300 --max-epochs 3 --out '" + out +
                              "' --history '" + history + "' --test-out '" + test + "'");
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
  for (const auto& p : {out, history, test}) std::remove(p.c_str());
}
