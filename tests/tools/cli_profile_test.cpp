// `ember profile --target`: the one line a user without the Arm tools gets, and a build tree left
// half-configured by an earlier failure that the next run repairs instead of tripping over.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "ember/export/file_io.hpp"
#include "ember/export/spawn.hpp"
#include "run_command.hpp"

using testing_support::run_command;

namespace {
const std::string kEmber = EMBER_CLI;
const std::string kModel = std::string(EMBER_SOURCE_DIR) + "/examples/firmware-5d/model_5d.ember";
}  // namespace

TEST(CliProfile, MissingCrossToolsGiveOneLineWithTheAptGetCommand) {
  // An empty PATH hides the cross compiler, QEMU and cmake; the check runs before the host profile.
  const auto r = run_command({kEmber, "profile", kModel, "--target", "cortex-m3"}, {{"PATH", "/nonexistent"}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("arm-none-eabi-gcc"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("apt-get install -y --no-install-recommends"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gcc-arm-none-eabi"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("qemu-system-arm"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no host tables before the error: " << r.out;
}

TEST(CliProfile, UnknownTargetIsOneLine) {
  const auto r = run_command({kEmber, "profile", kModel, "--target", "cortex-m99"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(testing_support::count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("unknown target"), std::string::npos) << r.err;
}

TEST(CliProfile, AHalfConfiguredBuildTreeIsConfiguredAgainAndThenReused) {
  if (!ember::exporters::program_on_path("arm-none-eabi-gcc") || !ember::exporters::program_on_path("qemu-system-arm"))
    GTEST_SKIP() << "no Arm cross compiler or QEMU";
  // What a configure that died half-way leaves: a cache from a failed compiler check, no Makefile.
  const testing_support::ScratchDir scratch;
  const std::string root = scratch.path();
  ASSERT_EQ(::mkdir((root + "/cortex-m4f").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((root + "/cortex-m4f/CMakeFiles").c_str(), 0755), 0);
  ember::exporters::write_file_atomic(root + "/cortex-m4f/CMakeCache.txt",
                                      std::string("CMAKE_C_COMPILER:FILEPATH=CMAKE_C_COMPILER-NOTFOUND\n"));
  const std::vector<std::string> profile = {kEmber,       "profile", kModel,      "--target",
                                            "cortex-m4f", "--json",  "--repeats", "2"};
  const testing_support::Environment build_root = {{"EMBER_BUILD_ROOT", root}};
  auto r = run_command(profile, build_root);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"instructions\""), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("profile: configuring"), std::string::npos) << r.err;
  // The second run reuses the tree: no configure, no firmware build, same tables.
  r = run_command(profile, build_root);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("profile: configuring"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("profile: building"), std::string::npos) << r.err;
}
