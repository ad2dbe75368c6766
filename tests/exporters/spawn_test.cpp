// spawn_and_wait runs a program with an argument vector: shell syntax in an argument is just bytes.
#include "ember/export/spawn.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;
using ember::exporters::SpawnOptions;
using ember::exporters::spawn_and_wait;

fs::path scratch(const char* name) {
  const fs::path dir = fs::temp_directory_path() / (std::string("ember_spawn_") + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(Spawn, PassesShellSyntaxThroughAsOneLiteralArgument) {
  const fs::path dir = scratch("literal");
  const std::string hostile = (dir / "x';touch INJECTED;'$(touch INJECTED2)").string();
  ASSERT_TRUE(spawn_and_wait({"touch", hostile}).succeeded());
  EXPECT_TRUE(fs::exists(hostile));
  EXPECT_FALSE(fs::exists("INJECTED"));
  EXPECT_FALSE(fs::exists(dir / "INJECTED"));
  EXPECT_FALSE(fs::exists(dir / "INJECTED2"));
  fs::remove_all(dir);
}

TEST(Spawn, ReportsTheExitStatusAndCapturesStdout) {
  SpawnOptions capture;
  capture.capture_stdout = true;
  const auto ok = spawn_and_wait({"printf", "%s|%s", "a b", "c;d"}, capture);
  EXPECT_TRUE(ok.succeeded());
  EXPECT_EQ(ok.output, "a b|c;d");
  const auto failed = spawn_and_wait({"false"});
  EXPECT_TRUE(failed.started);
  EXPECT_EQ(failed.exit_status, 1);
  EXPECT_FALSE(failed.succeeded());
}

TEST(Spawn, SaysWhenTheProgramDoesNotExist) {
  const auto missing = spawn_and_wait({"ember-no-such-program-here"});
  EXPECT_FALSE(missing.started);
  EXPECT_NE(missing.error.find("ember-no-such-program-here"), std::string::npos) << missing.error;
  EXPECT_FALSE(ember::exporters::program_on_path("ember-no-such-program-here"));
  EXPECT_TRUE(ember::exporters::program_on_path("sh"));
}

TEST(Spawn, AppendsStdoutAndStderrToOneFileAndSetsTheEnvironment) {
  const fs::path dir = scratch("log");
  SpawnOptions options;
  options.stdout_path = (dir / "log").string();
  options.stderr_path = "=stdout";
  options.append_output = true;
  options.environment = {{"EMBER_SPAWN_TEST", "value with spaces"}};
  ASSERT_TRUE(spawn_and_wait({"printenv", "EMBER_SPAWN_TEST"}, options).succeeded());
  ASSERT_FALSE(spawn_and_wait({"ls", (dir / "missing").string()}, options).succeeded());
  std::ifstream in(dir / "log");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().rfind("value with spaces\n", 0), 0u) << text.str();
  EXPECT_NE(text.str().find("missing"), std::string::npos) << text.str();
  fs::remove_all(dir);
}

TEST(Spawn, RefusesAnArgumentWithANulByte) {
  EXPECT_THROW(spawn_and_wait({"true", std::string("a\0b", 3)}), std::invalid_argument);
  EXPECT_THROW(spawn_and_wait({}), std::invalid_argument);
}

}  // namespace
