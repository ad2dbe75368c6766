// The one capped reader and the atomic writer: non-regular files refused without blocking, a signal during
// a write removes the temporary file and leaves the old target intact, and outputs never name an input.
#include "ember/export/file_io.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;
using namespace ember::exporters;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("ember_file_io_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string error_of_read(const std::string& path, std::uint64_t cap = caps::kMaxFileBytes) {
  try {
    read_file(path, cap);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(read)";
}

TEST(FileIo, ReadFileRefusesDirectoriesDevicesAndFilesAboveTheCap) {
  const fs::path dir = scratch("read");
  EXPECT_EQ(error_of_read(dir.string()), "cannot read " + dir.string() + ": is a directory");
  EXPECT_NE(error_of_read("/dev/zero").find("not a regular file"), std::string::npos);
  { std::ofstream(dir / "ten") << "0123456789"; }
  EXPECT_EQ(read_file((dir / "ten").string(), 10).size(), 10u);
  EXPECT_NE(error_of_read((dir / "ten").string(), 9).find("cap of 9 bytes"), std::string::npos);
  EXPECT_NE(error_of_read("").find("empty path"), std::string::npos);
  fs::remove_all(dir);
}

void raise_sigterm(int) { ::raise(SIGTERM); }

// A child process is killed by SIGTERM in the middle of write_file_atomic: RLIMIT_FSIZE makes the kernel
// send SIGXFSZ once the temporary file reaches 4 KiB, and that handler raises SIGTERM, deterministically
// inside the write loop.
TEST(FileIo, AKillDuringAWriteLeavesNoTemporaryFileAndTheOldFileIntact) {
  const fs::path dir = scratch("kill");
  const std::string target = (dir / "model.ember").string();
  { std::ofstream(target) << "old contents"; }
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    struct rlimit limit {4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::signal(SIGXFSZ, raise_sigterm);
    const std::string big(1 << 20, 'x');
    try {
      write_file_atomic(target, big);
    } catch (...) {
    }
    ::_exit(0);  // reached only if the signal did not end the process
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child was not ended by the signal (status " << status << ")";
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  std::ifstream in(target);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "old contents");
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_EQ(entry.path().filename(), "model.ember") << "left behind: " << entry.path();
  fs::remove_all(dir);
}

TEST(FileIo, SameFileSeesLinksAndSpellingsOfOnePath) {
  const fs::path dir = scratch("same");
  const std::string a = (dir / "a.csv").string();
  { std::ofstream(a) << "x\n1\n"; }
  fs::create_hard_link(a, dir / "hard.csv");
  fs::create_symlink(a, dir / "soft.csv");
  EXPECT_TRUE(same_file(a, (dir / "hard.csv").string()));
  EXPECT_TRUE(same_file(a, (dir / "soft.csv").string()));
  EXPECT_TRUE(same_file(a, (dir / "." / "a.csv").string()));
  EXPECT_TRUE(same_file((dir / "new.h").string(), (dir / "sub" / ".." / "new.h").string()));
  EXPECT_FALSE(same_file(a, (dir / "b.csv").string()));
  fs::remove_all(dir);
}

TEST(FileIo, RefusesAnOutputOverAnInputAnotherOutputOrEmpty) {
  const fs::path dir = scratch("refuse");
  const std::string data = (dir / "d.csv").string();
  { std::ofstream(data) << "x\n1\n"; }
  try {
    refuse_output_over_input({{"--out", data}}, {{"--data", data}});
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--out " + data + " is the same file as --data " + data), std::string::npos)
        << e.what();
  }
  const std::string x = (dir / "x").string();
  EXPECT_THROW(refuse_output_over_input({{"--out", x}, {"--header", x}}, {{"--data", data}}), std::runtime_error);
  EXPECT_THROW(refuse_output_over_input({{"--out", ""}}, {}), std::runtime_error);
  EXPECT_NO_THROW(refuse_output_over_input({{"--out", x}, {"--header", x + ".h"}}, {{"--data", data}, {"--target", ""}}));
  fs::remove_all(dir);
}

}  // namespace
