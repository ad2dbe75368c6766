// `ember profile --target` before it builds anything: the one line a user without the Arm tools gets.
#include <gtest/gtest.h>

#include "run_command.hpp"

using testing_support::run_command;

namespace {
const std::string kEmber = EMBER_CLI;
const std::string kModel = std::string(EMBER_SOURCE_DIR) + "/examples/firmware-5d/model_5d.ember";
}  // namespace

TEST(CliProfile, MissingCrossToolsGiveOneLineWithTheAptGetCommand) {
  // An empty PATH hides the cross compiler, QEMU and cmake; the check runs before the host profile.
  const auto r = run_command("env PATH=/nonexistent " + kEmber + " profile " + kModel + " --target cortex-m3");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("arm-none-eabi-gcc"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("apt-get install -y --no-install-recommends"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gcc-arm-none-eabi"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("qemu-system-arm"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no host tables before the error: " << r.out;
}

TEST(CliProfile, UnknownTargetIsOneLine) {
  const auto r = run_command(kEmber + " profile " + kModel + " --target cortex-m99");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("unknown target"), std::string::npos) << r.err;
}
