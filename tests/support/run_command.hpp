// Runs a command through the shell and captures its exit code, stdout and stderr, for tests that drive the
// `ember` binary the way a user does.
#ifndef EMBER_TESTS_RUN_COMMAND_HPP
#define EMBER_TESTS_RUN_COMMAND_HPP

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace testing_support {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// A fresh scratch folder per call, under the build tree's temporary directory.
inline std::string make_temp_dir() {
  char pattern[] = "/tmp/ember-test-XXXXXX";
  const char* dir = ::mkdtemp(pattern);
  return dir ? dir : "/tmp";
}

inline CommandResult run_command(const std::string& command) {
  static int counter = 0;
  const std::string base = "/tmp/ember-cmd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const std::string full = command + " >" + base + ".out 2>" + base + ".err";
  const int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

inline int count_lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

inline bool file_exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

}  // namespace testing_support

#endif  // EMBER_TESTS_RUN_COMMAND_HPP
