#include "ember/export/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace ember::exporters {
namespace {

// --- Temporary files removed when a signal ends the process -------------------------------------------------
// A fixed table, because the signal handler may only touch memory that needs no allocation or lock: a slot
// is claimed (free -> filling), its path copied, then published (filling -> ready); the handler unlinks the
// ready ones. unlink() is async-signal-safe.
constexpr int kTempSlots = 16;
enum SlotState : int { kFree = 0, kFilling = 1, kReady = 2 };
std::atomic<int> g_slot_state[kTempSlots];
char g_slot_path[kTempSlots][PATH_MAX];

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
struct sigaction g_previous[sizeof kCleanupSignals / sizeof kCleanupSignals[0]];

void remove_temporaries_and_reraise(int signal_number) {
  for (int i = 0; i < kTempSlots; ++i)
    if (g_slot_state[i].load() == kReady) ::unlink(g_slot_path[i]);
  for (std::size_t k = 0; k < sizeof kCleanupSignals / sizeof kCleanupSignals[0]; ++k) {
    if (kCleanupSignals[k] != signal_number) continue;
    const struct sigaction& before = g_previous[k];
    if ((before.sa_flags & SA_SIGINFO) == 0 && before.sa_handler != SIG_DFL && before.sa_handler != SIG_IGN) {
      before.sa_handler(signal_number);  // someone else's handler ran before us: let it run
      return;
    }
    // The default action (terminate), so the parent sees the signal as the cause of death.
    ::sigaction(signal_number, &before, nullptr);
    ::raise(signal_number);
    return;
  }
}

void install_cleanup_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (std::size_t k = 0; k < sizeof kCleanupSignals / sizeof kCleanupSignals[0]; ++k) {
      struct sigaction current {};
      ::sigaction(kCleanupSignals[k], nullptr, &current);
      g_previous[k] = current;
      if ((current.sa_flags & SA_SIGINFO) == 0 && current.sa_handler == SIG_IGN) continue;  // ignored stays ignored
      struct sigaction ours {};
      ours.sa_handler = remove_temporaries_and_reraise;
      sigemptyset(&ours.sa_mask);
      for (int s : kCleanupSignals) sigaddset(&ours.sa_mask, s);
      ::sigaction(kCleanupSignals[k], &ours, nullptr);
    }
  });
}

// Registers a temporary path for the lifetime of the object; -1 when the table is full (the write still
// happens, it is only not cleaned up on a signal).
class RegisteredTemporary {
 public:
  explicit RegisteredTemporary(const std::string& path) {
    install_cleanup_handlers();
    if (path.size() >= PATH_MAX) return;
    for (int i = 0; i < kTempSlots; ++i) {
      int expected = kFree;
      if (!g_slot_state[i].compare_exchange_strong(expected, kFilling)) continue;
      std::memcpy(g_slot_path[i], path.c_str(), path.size() + 1);
      g_slot_state[i].store(kReady);
      slot_ = i;
      return;
    }
  }
  ~RegisteredTemporary() {
    if (slot_ >= 0) g_slot_state[slot_].store(kFree);
  }
  RegisteredTemporary(const RegisteredTemporary&) = delete;
  RegisteredTemporary& operator=(const RegisteredTemporary&) = delete;

 private:
  int slot_ = -1;
};

[[noreturn]] void fail_read(const std::string& path, const std::string& reason) {
  throw std::runtime_error("cannot read " + path + ": " + reason);
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::vector<std::uint8_t> read_file(const std::string& path, std::uint64_t max_bytes) {
  if (path.empty()) fail_read("''", "empty path");
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever; it is then
  // refused below like every other file that is not a regular file.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (f.fd < 0) fail_read(path, std::strerror(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) fail_read(path, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) fail_read(path, "is a directory");
  if (!S_ISREG(st.st_mode)) fail_read(path, "is not a regular file (a FIFO, device or socket)");
  const std::string cap_message = "larger than the cap of " + std::to_string(max_bytes) +
                                  " bytes (caps::kMaxFileBytes, docs/reliability.md)";
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) fail_read(path, cap_message);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  // Reads until end of file, in case it grew since fstat, but never past the cap.
  for (;;) {
    if (done == bytes.size()) {
      if (bytes.size() >= max_bytes) {
        std::uint8_t probe = 0;
        const ssize_t extra = ::read(f.fd, &probe, 1);
        if (extra > 0) fail_read(path, cap_message);
        break;
      }
      bytes.resize(std::min<std::uint64_t>(max_bytes, bytes.size() + 65536));
    }
    const ssize_t n = ::read(f.fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_read(path, std::strerror(errno));
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

std::string read_text_file(const std::string& path, std::uint64_t max_bytes) {
  const std::vector<std::uint8_t> bytes = read_file(path, max_bytes);
  return std::string(bytes.begin(), bytes.end());
}

void write_file_atomic(const std::string& path, const void* data, std::size_t bytes) {
  if (path.empty()) throw std::runtime_error("cannot write '': empty path");
  // Same folder as the target, so rename() is atomic on POSIX file systems.
  std::string temp = path + ".tmp.XXXXXX";
  // Registered as soon as mkstemp has named and created it (a signal within that one call can still leave
  // it behind), and until rename() has moved it over the target.
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  const RegisteredTemporary registered(temp);
  const auto* p = static_cast<const std::uint8_t*>(data);
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t w = ::write(fd, p + done, bytes - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      throw std::runtime_error("cannot write " + path + ": " + reason);
    }
    done += static_cast<std::size_t>(w);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + reason);
  }
  ::chmod(temp.c_str(), 0644);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + reason);
  }
}

void write_file_atomic(const std::string& path, const std::string& text) {
  write_file_atomic(path, text.data(), text.size());
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  std::error_code ea, eb;
  const auto ca = std::filesystem::weakly_canonical(std::filesystem::absolute(a, ea), ea);
  const auto cb = std::filesystem::weakly_canonical(std::filesystem::absolute(b, eb), eb);
  if (ea || eb) return a == b;
  return ca == cb;
}

void refuse_output_over_input(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const NamedPath& out = outputs[i];
    if (out.path.empty()) throw std::runtime_error(out.option + " is empty: give a file name");
    for (const NamedPath& in : inputs)
      if (!in.path.empty() && same_file(out.path, in.path))
        throw std::runtime_error(out.option + " " + out.path + " is the same file as " + in.option + " " + in.path +
                                 "; writing it would destroy the input, choose another output path");
    for (std::size_t j = 0; j < i; ++j)
      if (same_file(out.path, outputs[j].path))
        throw std::runtime_error(out.option + " " + out.path + " is the same file as " + outputs[j].option + " " +
                                 outputs[j].path + "; one would replace the other, choose two paths");
  }
}

}  // namespace ember::exporters
