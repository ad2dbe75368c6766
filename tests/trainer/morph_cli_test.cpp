// `ember train --grow` on bad budgets and seeds: one line on stderr, a non-zero exit, no model file.
#include <gtest/gtest.h>
#include <unistd.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {
// The process id keeps two test runs (two build trees on one machine) from sharing a file.
std::string temp_path(const std::string& name) {
  return testing::TempDir() + "ember_morph_cli_" + std::to_string(::getpid()) + "_" + name;
}

// Runs `ember train` on a small synthetic set with `arguments`; expects a one-line failure and returns it.
std::string expect_one_line_failure(const std::string& arguments) {
  const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
  const std::string err = temp_path(name + ".err"), out = temp_path(name + ".ember");
  std::remove(out.c_str());
  const std::string command = std::string("'") + EMBER_CLI + "' train --quiet --data synthetic:sum-squares --samples 200 " +
                              arguments + " --out '" + out + "' >/dev/null 2>'" + err + "'";
  const int status = std::system(command.c_str());
  std::stringstream text;
  text << std::ifstream(err).rdbuf();
  const std::string e = text.str();
  std::remove(err.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << e;
  std::size_t lines = 0;
  for (char c : e) lines += c == '\n';
  EXPECT_EQ(lines, 1u) << e;
  EXPECT_EQ(e.rfind("ember: error: ", 0), 0u) << e;
  EXPECT_FALSE(std::ifstream(out).good());
  return e;
}
}  // namespace

TEST(MorphCli, AZeroBudgetIsRefusedNamingTheFlag) {
  EXPECT_NE(expect_one_line_failure("--grow --hidden 8 --budget-params 0").find("--budget-params 0"), std::string::npos);
  EXPECT_NE(expect_one_line_failure("--grow --hidden 8 --budget-arena 0").find("--budget-arena 0"), std::string::npos);
}

TEST(MorphCli, ABudgetBelowTheSeedIsRefusedWithTheSeedsFigure) {
  const std::string e = expect_one_line_failure("--grow --hidden 8 --budget-params 20");
  EXPECT_NE(e.find("parameters 57 > budget 20"), std::string::npos) << e;
  const std::string f = expect_one_line_failure("--grow --hidden 8 --budget-flash 100");
  EXPECT_NE(f.find("blob bytes"), std::string::npos) << f;
}

TEST(MorphCli, GrowWithoutAHiddenLayerIsRefused) {
  const std::string e = expect_one_line_failure("--grow --hidden none");
  EXPECT_NE(e.find("--hidden none"), std::string::npos) << e;
}

TEST(MorphCli, GrowthFlagsWithoutGrowAreRefused) {
  const std::string e = expect_one_line_failure("--hidden 8 --budget-params 100");
  EXPECT_NE(e.find("--budget-params needs --grow"), std::string::npos) << e;
  const std::string r = expect_one_line_failure("--hidden 8 --grow-residual");
  EXPECT_NE(r.find("--grow-residual needs --grow"), std::string::npos) << r;
}

TEST(MorphCli, JsonCarriesTheEventTableAndHistoryTheWidthsPerEpoch) {
  const std::string out = temp_path("events.json"), history = temp_path("history.csv");
  const std::string command = std::string("'") + EMBER_CLI +
                              "' train --quiet --data synthetic:sum-squares --samples 400 --features 3 --hidden 4 --grow "
                              "--morph-patience 3 --bottleneck-threshold 0.2 --max-epochs 80 --optimizer adam --json "
                              "--history '" + history + "' >'" + out + "' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::stringstream json, csv;
  json << std::ifstream(out).rdbuf();
  csv << std::ifstream(history).rdbuf();
  EXPECT_NE(json.str().find("Morphogenesis events"), std::string::npos) << json.str();
  EXPECT_NE(json.str().find("divide"), std::string::npos) << json.str();
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("epoch,train_loss,validation_loss,elapsed_s,hidden_1", 0), 0u) << header;
  std::string first;
  std::getline(csv, first);
  EXPECT_NE(first.find(",4"), std::string::npos) << "the seed's width on the first epoch: " << first;
  std::remove(out.c_str());
  std::remove(history.c_str());
}
