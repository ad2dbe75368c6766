#include "ember/bench/child_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace ember::bench {
namespace {
void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}
}  // namespace

std::string run_in_child(const std::string& what, const std::function<std::string()>& work) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(what + ": pipe failed: " + std::strerror(errno));
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(what + ": fork failed: " + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    int code = 0;
    std::string payload;
    try {
      payload = work();
    } catch (const std::exception& e) {
      payload = e.what();
      code = 3;
    }
    write_all(fds[1], payload);
    ::close(fds[1]);
    std::fflush(stdout);
    // _exit: the child must not run the parent's atexit handlers or flush its buffers a second time.
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string payload;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    payload.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return payload;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 3) throw std::runtime_error(what + ": " + payload);
  throw std::runtime_error(what + ": measurement process ended abnormally (status " + std::to_string(status) + ")");
}

}  // namespace ember::bench
