#include "ember/profile/target_profile.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "ember/export/c_header_writer.hpp"
#include "ember/export/file_io.hpp"

namespace ember::target {
namespace {

struct TargetBoard {
  const char* target;
  const char* qemu_machine;
};

// Mirrors targets/toolchains/<target>.cmake.
constexpr TargetBoard kBoards[] = {
    {"cortex-m4f", "mps2-an386"}, {"cortex-m3", "mps2-an385"}, {"cortex-m33", "mps2-an505"}, {"cortex-m7", "mps2-an500"}};

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a build step with its output appended to `log`, so that stdout carries only the tables and stderr
// only a one-line error that points at the log.
void run_step(const std::string& what, const std::string& command, const std::string& log) {
  if (std::system((command + " >>" + quoted(log) + " 2>&1").c_str()) != 0)
    throw std::runtime_error("profile: " + what + " failed; its output is in " + log);
}

std::string capture(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("profile: cannot run " + command);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0) throw std::runtime_error("profile: the firmware failed under QEMU: " + command + "\n" + out);
  return out;
}

const char* format_flag(report::TableFormat format) {
  return format == report::TableFormat::json ? " --json" : format == report::TableFormat::csv ? " --csv" : "";
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
  if (std::system(("mkdir -p " + quoted(build)).c_str()) != 0)
    throw std::runtime_error("profile: cannot create " + build);
  const std::string log = build + "/ember-profile-build.log";
  // Rewritten only when the model changed, so a second profile of the same model rebuilds nothing.
  if (slurp(header) != header_text) exporters::write_file_atomic(header, header_text);

  if (std::ifstream(build + "/CMakeCache.txt").good() == false) {
    run_step("configure", "cmake -S " + quoted(source) + " -B " + quoted(build) + " -DCMAKE_TOOLCHAIN_FILE=" +
                              quoted(source + "/targets/toolchains/" + target + ".cmake") +
                              " -DCMAKE_BUILD_TYPE=Release -DEMBER_PROFILE_MODEL_HEADER=" + quoted(header),
             log);
  }
  run_step("build", "cmake --build " + quoted(build) + " --target ember_profile_firmware -j2", log);
  return capture(quoted(source + "/targets/qemu-run.sh") + " " + board->qemu_machine + " " +
                 quoted(build + "/targets/profile/ember_profile_firmware.elf") + format_flag(format));
}

}  // namespace ember::target
