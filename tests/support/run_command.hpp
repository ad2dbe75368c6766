// Runs a program with an argument vector and captures its exit code, stdout and stderr, for tests that drive
// the `ember` binary the way a user does. No shell between the test and the program (the project's "no
// shell" rule, docs/reliability.md): every argument reaches it as written, quotes, spaces and `;` included.
#ifndef EMBER_TESTS_RUN_COMMAND_HPP
#define EMBER_TESTS_RUN_COMMAND_HPP

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ember/export/spawn.hpp"
#include "scratch_dir.hpp"

namespace testing_support {

struct CommandResult {
  int exit_code = -1;  // the program's exit code; 128 + the signal that ended it; 127 when it did not start
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// Environment variables set (or replaced) for the child only, as NAME, value.
using Environment = std::vector<std::pair<std::string, std::string>>;

// Runs argv[0] (a path, or a name searched on PATH) with `argv` and waits for it. Stdout comes back through
// a pipe; stderr through a file in a scratch folder of its own, so the two streams stay apart.
inline CommandResult run_command(const std::vector<std::string>& argv, const Environment& environment = {}) {
  const ScratchDir scratch;
  ember::exporters::SpawnOptions options;
  options.capture_stdout = true;
  options.stderr_path = scratch.file("stderr");
  options.environment = environment;
  const ember::exporters::SpawnResult spawned = ember::exporters::spawn_and_wait(argv, options);
  CommandResult r;
  r.out = spawned.output;
  r.err = slurp(options.stderr_path);
  if (!spawned.started) {
    r.exit_code = 127;  // what a shell reports for a program it cannot run
    r.err += spawned.error + "\n";
  } else {
    r.exit_code = spawned.signal != 0 ? 128 + spawned.signal : spawned.exit_status;
  }
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
