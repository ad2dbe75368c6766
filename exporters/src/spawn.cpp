#include "ember/export/spawn.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace ember::exporters {
namespace {

// The child's environment: ours with `overrides` replacing or adding NAME=value entries.
std::vector<std::string> child_environment(const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry = *e;
    bool replaced = false;
    for (const auto& [name, value] : overrides) replaced = replaced || entry.rfind(name + "=", 0) == 0;
    if (!replaced) env.push_back(entry);
  }
  for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Owns posix_spawn_file_actions_t so every return path destroys it.
struct FileActions {
  posix_spawn_file_actions_t actions;
  FileActions() { posix_spawn_file_actions_init(&actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
};

}  // namespace

SpawnResult spawn_and_wait(const std::vector<std::string>& argv, const SpawnOptions& options) {
  if (argv.empty() || argv.front().empty()) throw std::invalid_argument("spawn: no program given");
  for (const std::string& a : argv)
    if (a.find('\0') != std::string::npos) throw std::invalid_argument("spawn: an argument holds a NUL byte");

  std::vector<std::string> args = argv;
  std::vector<std::string> env = child_environment(options.environment);
  std::vector<char*> arg_pointers = pointers(args);
  std::vector<char*> env_pointers = pointers(env);

  SpawnResult result;
  FileActions files;
  int pipe_fds[2] = {-1, -1};
  if (options.capture_stdout) {
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
      result.error = std::string("pipe failed: ") + std::strerror(errno);
      return result;
    }
    posix_spawn_file_actions_adddup2(&files.actions, pipe_fds[1], STDOUT_FILENO);
  } else if (!options.stdout_path.empty()) {
    const int flags = O_WRONLY | O_CREAT | (options.append_output ? O_APPEND : O_TRUNC);
    posix_spawn_file_actions_addopen(&files.actions, STDOUT_FILENO, options.stdout_path.c_str(), flags, 0644);
  }
  if (options.stderr_path == "=stdout") {
    posix_spawn_file_actions_adddup2(&files.actions, STDOUT_FILENO, STDERR_FILENO);
  } else if (!options.stderr_path.empty()) {
    const int flags = O_WRONLY | O_CREAT | (options.append_output ? O_APPEND : O_TRUNC);
    posix_spawn_file_actions_addopen(&files.actions, STDERR_FILENO, options.stderr_path.c_str(), flags, 0644);
  }

  pid_t pid = 0;
  const int spawn_error =
      ::posix_spawnp(&pid, args.front().c_str(), &files.actions, nullptr, arg_pointers.data(), env_pointers.data());
  if (options.capture_stdout) ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    if (options.capture_stdout) ::close(pipe_fds[0]);
    result.error = "cannot run " + args.front() + ": " + std::strerror(spawn_error);
    return result;
  }
  result.started = true;
  if (options.capture_stdout) {
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      result.output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipe_fds[0]);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      result.error = std::string("waitpid failed: ") + std::strerror(errno);
      return result;
    }
  }
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  // glibc's posix_spawnp reports a failed exec as an error above; other C libraries let the child exit 127.
  return result;
}

bool program_on_path(const std::string& program) {
  if (program.empty()) return false;
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  const std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t begin = 0;
  while (begin <= dirs.size()) {
    std::size_t end = dirs.find(':', begin);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = end == begin ? "." : dirs.substr(begin, end - begin);
    if (::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    begin = end + 1;
  }
  return false;
}

}  // namespace ember::exporters
