// `ember train --grow` on bad budgets and seeds: one line on stderr, a non-zero exit, no model file.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {
std::string temp_path(const std::string& name) { return testing::TempDir() + "ember_morph_cli_" + name; }

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
}
