// `ember train --grow` on bad budgets and seeds: one line on stderr, a non-zero exit, no model file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace {
// Runs `ember train` on a small synthetic set with `arguments`; expects a one-line failure and returns it.
std::string expect_one_line_failure(const std::vector<std::string>& arguments) {
  const testing_support::ScratchDir scratch;
  const std::string out = scratch.file("model.ember");
  std::vector<std::string> argv = {EMBER_CLI,   "train", "--quiet", "--data", "synthetic:sum-squares",
                                   "--samples", "200"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  argv.insert(argv.end(), {"--out", out});
  const testing_support::CommandResult r = testing_support::run_command(argv);
  const std::string& e = r.err;
  EXPECT_TRUE(r.exit_code != 0 && r.exit_code < 128) << e;  // a clean exit, not a signal
  std::size_t lines = 0;
  for (char c : e) lines += c == '\n';
  EXPECT_EQ(lines, 1u) << e;
  EXPECT_EQ(e.rfind("ember: error: ", 0), 0u) << e;
  EXPECT_FALSE(std::ifstream(out).good());
  return e;
}
}  // namespace

TEST(MorphCli, AZeroBudgetIsRefusedNamingTheFlag) {
  EXPECT_NE(expect_one_line_failure({"--grow", "--hidden", "8", "--budget-params", "0"}).find("--budget-params 0"),
            std::string::npos);
  EXPECT_NE(expect_one_line_failure({"--grow", "--hidden", "8", "--budget-arena", "0"}).find("--budget-arena 0"),
            std::string::npos);
}

TEST(MorphCli, ABudgetBelowTheSeedIsRefusedWithTheSeedsFigure) {
  const std::string e = expect_one_line_failure({"--grow", "--hidden", "8", "--budget-params", "20"});
  EXPECT_NE(e.find("parameters 57 > budget 20"), std::string::npos) << e;
  const std::string f = expect_one_line_failure({"--grow", "--hidden", "8", "--budget-flash", "100"});
  EXPECT_NE(f.find("blob bytes"), std::string::npos) << f;
}

TEST(MorphCli, GrowWithoutAHiddenLayerIsRefused) {
  const std::string e = expect_one_line_failure({"--grow", "--hidden", "none"});
  EXPECT_NE(e.find("--hidden none"), std::string::npos) << e;
}

TEST(MorphCli, GrowthFlagsWithoutGrowAreRefused) {
  const std::string e = expect_one_line_failure({"--hidden", "8", "--budget-params", "100"});
  EXPECT_NE(e.find("--budget-params needs --grow"), std::string::npos) << e;
  const std::string r = expect_one_line_failure({"--hidden", "8", "--grow-residual"});
  EXPECT_NE(r.find("--grow-residual needs --grow"), std::string::npos) << r;
}

TEST(MorphCli, JsonCarriesTheEventTableAndHistoryTheWidthsPerEpoch) {
  const testing_support::ScratchDir scratch;
  const std::string history = scratch.file("history.csv");
  const testing_support::CommandResult r = testing_support::run_command({EMBER_CLI,
                                                                         "train",
                                                                         "--quiet",
                                                                         "--data",
                                                                         "synthetic:sum-squares",
                                                                         "--samples",
                                                                         "400",
                                                                         "--features",
                                                                         "3",
                                                                         "--hidden",
                                                                         "4",
                                                                         "--grow",
                                                                         "--morph-patience",
                                                                         "3",
                                                                         "--bottleneck-threshold",
                                                                         "0.2",
                                                                         "--max-epochs",
                                                                         "80",
                                                                         "--optimizer",
                                                                         "adam",
                                                                         "--json",
                                                                         "--history",
                                                                         history});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::stringstream json, csv;
  json << r.out;
  csv << std::ifstream(history).rdbuf();
  EXPECT_NE(json.str().find("Morphogenesis events"), std::string::npos) << json.str();
  EXPECT_NE(json.str().find("divide"), std::string::npos) << json.str();
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("epoch,train_loss,validation_loss,elapsed_s,hidden_1", 0), 0u) << header;
  std::string first;
  std::getline(csv, first);
  EXPECT_NE(first.find(",4"), std::string::npos) << "the seed's width on the first epoch: " << first;
}
