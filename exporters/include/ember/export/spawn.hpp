// Runs another program with an argument vector (posix_spawnp), never through a shell: no quoting rules to
// get wrong, so a folder or file name with quotes, `;` or `$(...)` reaches the program as one argument.
// The one way host tools start gnuplot, cmake, QEMU and the Python peers (docs/reliability.md, "no shell").
#ifndef EMBER_EXPORT_SPAWN_HPP
#define EMBER_EXPORT_SPAWN_HPP

#include <string>
#include <utility>
#include <vector>

namespace ember::exporters {

struct SpawnOptions {
  // Where the child's stdout goes: empty inherits ours; otherwise this file (created, or appended to with
  // append_output). Ignored when capture_stdout is set.
  std::string stdout_path;
  // Where the child's stderr goes: empty inherits ours; "=stdout" follows stdout (the `2>&1` of a shell).
  std::string stderr_path;
  bool append_output = false;
  // Collects the child's stdout into SpawnResult::output (through a pipe).
  bool capture_stdout = false;
  // Added to (or replacing in) our environment for the child only.
  std::vector<std::pair<std::string, std::string>> environment;
};

struct SpawnResult {
  bool started = false;   // false: the program was not found or could not be executed
  int exit_status = -1;   // the child's exit code when it exited normally
  int signal = 0;         // the signal that ended it, or 0
  std::string output;     // its stdout, with capture_stdout
  std::string error;      // why it did not start, when !started

  bool succeeded() const { return started && signal == 0 && exit_status == 0; }
};

// Runs argv[0] (searched on PATH) with argv and waits for it. Throws std::invalid_argument for an empty
// argv or an argument holding a NUL byte; everything else is reported in the result.
SpawnResult spawn_and_wait(const std::vector<std::string>& argv, const SpawnOptions& options = {});

// True when `program` names an executable file, directly (it holds a '/') or on PATH: the `command -v` of a
// shell, without one.
bool program_on_path(const std::string& program);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_SPAWN_HPP
