// `ember profile --target <t>`: builds (or reuses) the preset's profile firmware in build/<t>, runs it
// under QEMU on the model (which it reads at run time) and returns the tables it prints.
#ifndef EMBER_PROFILE_TARGET_PROFILE_HPP
#define EMBER_PROFILE_TARGET_PROFILE_HPP

#include <string>
#include <vector>

#include "ember/report/table_writer.hpp"

namespace ember::target {

// Names accepted by --target: the cross presets in CMakePresets.json.
std::vector<std::string> profile_targets();

// Throws std::runtime_error with one line naming what is missing for `target` (cross compiler, newlib,
// QEMU, cmake) and the apt-get command that installs it.
void check_target_tools(const std::string& target);

// Throws std::runtime_error naming the step that failed (configure, build or run). One line per build
// step goes to stderr, the build's output to a log; the returned text is the firmware's stdout, in `format`.
std::string profile_on_target(const std::string& target, const std::string& model_path, report::TableFormat format);

}  // namespace ember::target

#endif  // EMBER_PROFILE_TARGET_PROFILE_HPP
