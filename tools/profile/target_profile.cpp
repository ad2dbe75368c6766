#include "ember/profile/target_profile.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "ember/export/file_io.hpp"
#include "ember/export/spawn.hpp"

namespace ember::target {
namespace {

struct TargetBoard {
  const char* target;
  const char* qemu_machine;
};

// Mirrors targets/toolchains/<target>.cmake.
constexpr TargetBoard kBoards[] = {
    {"cortex-m4f", "mps2-an386"}, {"cortex-m3", "mps2-an385"}, {"cortex-m33", "mps2-an505"},
    {"cortex-m7", "mps2-an500"},  {"cortex-m0", "microbit"}};

// What a Cortex-M profile needs beyond the host build, and the Debian package that brings it.
struct Requirement {
  const char* program;      // looked up on PATH, or an absolute file when it starts with '/'
  const char* packages;
};
constexpr Requirement kRequirements[] = {
    {"cmake", "cmake"},
    {"arm-none-eabi-gcc", "gcc-arm-none-eabi"},
    {"/usr/lib/arm-none-eabi/newlib/nano.specs", "libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib"},
    {"qemu-system-arm", "qemu-system-arm"},
};

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

// Runs a build step with its output appended to `log`, so that stdout carries only the tables and stderr
// only a one-line error that points at the log.
// Each step is an argument vector started without a shell (ember/export/spawn.hpp).
void run_step(const std::string& what, const std::vector<std::string>& argv, const std::string& log) {
  exporters::SpawnOptions options;
  options.stdout_path = log;
  options.stderr_path = "=stdout";
  options.append_output = true;
  const exporters::SpawnResult result = exporters::spawn_and_wait(argv, options);
  if (!result.started) throw std::runtime_error("profile: " + what + ": " + result.error);
  if (!result.succeeded()) throw std::runtime_error("profile: " + what + " failed; its output is in " + log);
}

std::string capture(const std::vector<std::string>& argv) {
  exporters::SpawnOptions options;
  options.capture_stdout = true;
  const exporters::SpawnResult result = exporters::spawn_and_wait(argv, options);
  if (!result.started) throw std::runtime_error("profile: " + result.error);
  if (!result.succeeded())
    throw std::runtime_error("profile: the firmware failed under QEMU: " + argv.front() + "\n" + result.output);
  return result.output;
}

std::vector<std::string> format_flag(report::TableFormat format) {
  if (format == report::TableFormat::json) return {"--json"};
  if (format == report::TableFormat::csv) return {"--csv"};
  return {};
}

const TargetBoard& board_for(const std::string& target) {
  for (const TargetBoard& b : kBoards)
    if (target == b.target) return b;
  throw std::runtime_error("profile: unknown target '" + target + "'");
}

// QEMU's -semihosting-config separates the firmware's arguments with commas and the firmware splits its
// command line at spaces: a path holding either travels as a copy under /tmp instead.
class ModelPathForFirmware {
 public:
  explicit ModelPathForFirmware(const std::string& model_path) {
    char resolved[PATH_MAX];
    if (::realpath(model_path.c_str(), resolved) == nullptr) throw std::runtime_error("profile: cannot read " + model_path);
    path_ = resolved;
    if (path_.find_first_of(", \t") == std::string::npos) return;
    char pattern[] = "/tmp/ember-profile-XXXXXX";
    const int fd = ::mkstemp(pattern);
    if (fd < 0) throw std::runtime_error("profile: cannot create a copy of " + model_path + " under /tmp");
    ::close(fd);
    copy_ = pattern;
    const std::vector<std::uint8_t> bytes = exporters::read_file(model_path);
    exporters::write_file_atomic(copy_, bytes.data(), bytes.size());
    path_ = copy_;
  }
  ~ModelPathForFirmware() {
    if (!copy_.empty()) std::remove(copy_.c_str());
  }
  ModelPathForFirmware(const ModelPathForFirmware&) = delete;
  ModelPathForFirmware& operator=(const ModelPathForFirmware&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_, copy_;
};

}  // namespace

std::vector<std::string> profile_targets() {
  std::vector<std::string> names;
  for (const TargetBoard& b : kBoards) names.emplace_back(b.target);
  return names;
}

void check_target_tools(const std::string& target) {
  board_for(target);
  std::string missing, packages;
  for (const Requirement& r : kRequirements) {
    if (r.program[0] == '/' ? ::access(r.program, R_OK) == 0 : exporters::program_on_path(r.program)) continue;
    const std::string program = r.program;
    missing += (missing.empty() ? "" : ", ") + program.substr(program.find_last_of('/') + 1);
    packages += std::string(" ") + r.packages;
  }
  if (!missing.empty())
    throw std::runtime_error("profile: --target " + target + " needs " + missing +
                             "; run: sudo apt-get install -y --no-install-recommends" + packages);
}

std::string profile_on_target(const std::string& target, const std::string& model_path, report::TableFormat format) {
  const TargetBoard& board = board_for(target);
  check_target_tools(target);
  const std::string source = EMBER_SOURCE_DIR;
  // The preset's own build tree, shared with `cmake --preset <target>` and scripts/test.sh; under
  // $EMBER_BUILD_ROOT instead of <source>/build when that is set (out-of-tree builds, and the test of a
  // half-configured tree, which must not touch the real one).
  const char* root_override = std::getenv("EMBER_BUILD_ROOT");
  const std::string root = root_override != nullptr && *root_override != 0 ? root_override : source + "/build";
  const std::string build = root + "/" + target;
  const std::string firmware = build + "/targets/profile/ember_profile_firmware.elf";
  ::mkdir(root.c_str(), 0755);
  ::mkdir(build.c_str(), 0755);
  const std::string log = build + "/ember-profile-build.log";

  // A tree whose configure never finished has a cache but no Makefile; configuring again over it can keep
  // what the failed run cached, so it starts from scratch (only those two entries; nothing else is removed).
  if (!exists(build + "/Makefile")) {
    std::fprintf(stderr, "profile: configuring %s (preset %s; log in %s)\n", build.c_str(), target.c_str(), log.c_str());
    std::remove((build + "/CMakeCache.txt").c_str());
    std::error_code ignored;
    std::filesystem::remove_all(build + "/CMakeFiles", ignored);
    run_step("configure", {"cmake", "-S", source, "-B", build, "--preset", target}, log);
  }
  if (!exists(firmware)) std::fprintf(stderr, "profile: building the profile firmware in %s\n", build.c_str());
  // Up to date after the first build: the firmware reads the model at run time, so nothing recompiles.
  run_step("build", {"cmake", "--build", build, "--target", "ember_profile_firmware", "-j2"}, log);
  const ModelPathForFirmware model(model_path);
  std::vector<std::string> qemu = {source + "/targets/qemu-run.sh", board.qemu_machine, firmware, model.path()};
  for (const std::string& flag : format_flag(format)) qemu.push_back(flag);
  return capture(qemu);
}

}  // namespace ember::target
