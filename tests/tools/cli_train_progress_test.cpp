// `ember train`'s progress as a user sees it: under a pseudo-terminal of 80 columns every redraw fits one
// line (no wrapped, stale lines), and the output ends with one line that says why training stopped.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "run_command.hpp"

using testing_support::run_command;

namespace {
const std::string kEmber = EMBER_CLI;

// Runs argv[0] (a path) with `argv`, its stderr on a pseudo-terminal of `columns` columns and its stdout
// discarded, and returns every byte the terminal received. fork + exec rather than spawn_and_wait: the child
// must be a session leader on the terminal (forkpty), which posix_spawn cannot arrange.
std::string run_on_terminal(std::vector<std::string> argv, unsigned short columns) {
  std::vector<char*> pointers;  // built before the fork: the child only calls async-signal-safe functions
  for (std::string& a : argv) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  winsize size{};
  size.ws_col = columns;
  size.ws_row = 24;
  int terminal = -1;
  const pid_t child = ::forkpty(&terminal, nullptr, nullptr, &size);
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null < 0 || ::dup2(null, STDOUT_FILENO) < 0) ::_exit(126);
    ::execv(pointers[0], pointers.data());
    ::_exit(127);
  }
  std::string received;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(terminal, buffer, sizeof buffer);
    if (n > 0) received.append(buffer, static_cast<std::size_t>(n));
    else if (n < 0 && errno == EINTR) continue;
    else break;  // EIO once the child has closed the terminal
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(terminal);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << received;
  return received;
}

// The lines a terminal ends up showing: "\r" returns to the line's start, "\033[K" clears it.
struct Screen {
  std::vector<std::string> lines;
  std::size_t widest_draw = 0;
};
Screen render(const std::string& bytes) {
  Screen screen;
  std::string line;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes.compare(i, 3, "\033[K") == 0) {
      line.clear();
      i += 2;
    } else if (bytes[i] == '\r') {
      screen.widest_draw = std::max(screen.widest_draw, line.size());
      // A carriage return followed by a newline (the terminal's own "\n" -> "\r\n") ends the line.
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
    } else if (bytes[i] == '\n') {
      screen.widest_draw = std::max(screen.widest_draw, line.size());
      screen.lines.push_back(line);
      line.clear();
    } else {
      line += bytes[i];
    }
  }
  if (!line.empty()) screen.lines.push_back(line);
  return screen;
}
}  // namespace

TEST(TrainProgress, RedrawsFitAnEightyColumnTerminalAndTheLastLineSaysWhyTrainingStopped) {
  // Long enough for several redraws (one every 0.1 s); early stopping ends it before the epoch cap.
  const std::string bytes = run_on_terminal(
      {kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "6000", "--seed", "3", "--patience", "10"}, 80);
  const Screen screen = render(bytes);
  std::size_t redraws = 0;
  for (std::size_t at = bytes.find("\r\033[K"); at != std::string::npos; at = bytes.find("\r\033[K", at + 1)) ++redraws;
  EXPECT_GE(redraws, 2u) << "the first epoch and the final state are drawn at least";
  EXPECT_LT(screen.widest_draw, 80u) << bytes;
  // One line for the bar (redrawn in place), one for the reason: nothing wrapped, nothing left behind.
  ASSERT_EQ(screen.lines.size(), 2u) << bytes;
  EXPECT_EQ(screen.lines[0].rfind("epoch ", 0), 0u) << screen.lines[0];
  EXPECT_EQ(screen.lines[0].find("ETA"), std::string::npos) << "the final draw promises no more time";
  EXPECT_EQ(screen.lines[1].rfind("stopped early at epoch ", 0), 0u) << screen.lines[1];
  EXPECT_NE(screen.lines[1].find("best epoch"), std::string::npos) << screen.lines[1];
}

TEST(TrainProgress, ANarrowTerminalStillGetsOneRedrawnLine) {
  const Screen screen = render(run_on_terminal(
      {kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "500", "--max-epochs", "30"}, 40));
  EXPECT_LT(screen.widest_draw, 40u);
  // The bar, then the reason broken at a space to fit.
  ASSERT_EQ(screen.lines.size(), 3u);
  EXPECT_EQ(screen.lines[1] + " " + screen.lines[2], "stopped at the epoch cap (30 epochs); kept best epoch 30");
}

TEST(TrainProgress, LogsEndWithTheStopReasonAndAnUnsavedModelIsSaidToBeSo) {
  const auto r =
      run_command({kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "500", "--max-epochs", "12"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string last = r.err.substr(r.err.rfind('\n', r.err.size() - 2) + 1);
  EXPECT_EQ(last, "stopped at the epoch cap (12 epochs); kept best epoch 12\n") << r.err;
  EXPECT_NE(r.out.find("model not saved"), std::string::npos) << r.out;
  // JSON lines carry no notes: there the warning goes to stderr.
  const auto json = run_command(
      {kEmber, "train", "--data", "synthetic:sum-squares", "--samples", "300", "--max-epochs", "3", "-q", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.err.find("model not saved"), std::string::npos) << json.err;
}
