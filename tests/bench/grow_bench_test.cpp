// `ember bench --grow` at a tiny size: every arm is present once per task with a sane score, the parameter
// budget holds, and the event-impact table only names known event kinds.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "ember/bench/grow_bench.hpp"

namespace {
std::string run_tiny(const std::string& digits) {
  ember::bench::GrowBenchOptions o;
  // One seed, 300 5D rows and a sixth of the digits (each class 30 times): every arm trains once per task,
  // about 20 runs each, and the test stays at a few seconds of CPU in the sanitizer build too (two seeds
  // of 400 rows and 600 digits rows took 23 s of CPU there and ran out of its 120 s on a loaded machine).
  o.seeds = 1;
  o.samples = {300};
  o.max_epochs = 30;
  o.budget_params = 120;
  o.digits_csv = digits;
  o.digits_rows = 300;
  o.format = ember::report::TableFormat::csv;
  std::FILE* f = std::tmpfile();
  ember::bench::run_grow_bench(o, f);
  std::rewind(f);
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
  std::fclose(f);
  return text;
}
}  // namespace

TEST(GrowBench, EveryArmIsReportedAndTheBudgetRunStaysUnderItsBudget) {
  const std::string t = run_tiny(std::string(EMBER_SOURCE_DIR) + "/tests/data/digits.csv");
  for (const char* arm : {"fixed 64,32,16", "grown from 8", "grown + pruned", "grown shape from scratch",
                          "grown, --budget-params 120", "fixed 64,32", "grown from 8,8",
                          "grown, division only", "grown + pruned + residual", "grown + pruned, Adam epochs between events",
                          "grown, half the fixed's parameters"})
    EXPECT_NE(t.find(arm), std::string::npos) << arm << "\n" << t;
  // The budget arm's mean parameter count is its fourth number after the arm name.
  const std::size_t row = t.find("grown, --budget-params 120");
  ASSERT_NE(row, std::string::npos);
  std::size_t pos = row;
  for (int comma = 0; comma < 6; ++comma) pos = t.find(',', pos) + 1;
  EXPECT_LE(std::stod(t.substr(pos)), 120.0) << t.substr(row, 120);
}
