#include "ember/profile/target_profile.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "ember/export/c_header_writer.hpp"
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
    {"cortex-m4f", "mps2-an386"}, {"cortex-m3", "mps2-an385"}, {"cortex-m33", "mps2-an505"}, {"cortex-m7", "mps2-an500"}};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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

}  // namespace

std::vector<std::string> profile_targets() {
  std::vector<std::string> names;
  for (const TargetBoard& b : kBoards) names.emplace_back(b.target);
  return names;
}

std::string profile_on_target(const std::string& target, const std::string& model_path, report::TableFormat format) {
  const TargetBoard* board = nullptr;
  for (const TargetBoard& b : kBoards)
    if (target == b.target) board = &b;
  if (board == nullptr) throw std::runtime_error("profile: unknown target '" + target + "'");

  const std::string source = EMBER_SOURCE_DIR;
  const std::string build = source + "/build/profile-" + target;
  const std::string header = build + "/profiled_model.h";
  std::string header_text;
  try {
    header_text = exporters::write_c_header(exporters::read_file(model_path), "profiled_model");
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(model_path + ": " + e.what());
  }
  std::error_code made;
  std::filesystem::create_directories(build, made);
  if (made) throw std::runtime_error("profile: cannot create " + build + ": " + made.message());
  const std::string log = build + "/ember-profile-build.log";
  // Rewritten only when the model changed, so a second profile of the same model rebuilds nothing.
  if (slurp(header) != header_text) exporters::write_file_atomic(header, header_text);

  if (std::ifstream(build + "/CMakeCache.txt").good() == false) {
    run_step("configure",
             {"cmake", "-S", source, "-B", build, "-DCMAKE_TOOLCHAIN_FILE=" + source + "/targets/toolchains/" + target + ".cmake",
              "-DCMAKE_BUILD_TYPE=Release", "-DEMBER_PROFILE_MODEL_HEADER=" + header},
             log);
  }
  run_step("build", {"cmake", "--build", build, "--target", "ember_profile_firmware", "-j2"}, log);
  std::vector<std::string> qemu = {source + "/targets/qemu-run.sh", board->qemu_machine,
                                   build + "/targets/profile/ember_profile_firmware.elf"};
  for (const std::string& flag : format_flag(format)) qemu.push_back(flag);
  return capture(qemu);
}

}  // namespace ember::target
