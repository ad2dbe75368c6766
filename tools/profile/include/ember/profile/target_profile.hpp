// `ember profile --target <t>`: builds (or reuses) the profile firmware for a model in
// build/profile-<t>, runs it under QEMU and returns the tables it prints.
#ifndef EMBER_PROFILE_TARGET_PROFILE_HPP
#define EMBER_PROFILE_TARGET_PROFILE_HPP

#include <string>
#include <vector>

#include "ember/report/table_writer.hpp"

namespace ember::target {

// Names accepted by --target: the cross presets in CMakePresets.json.
std::vector<std::string> profile_targets();

// Throws std::runtime_error naming the step that failed (export, configure, build or run). Build
// progress goes to stderr; the returned text is the firmware's stdout, in `format`.
std::string profile_on_target(const std::string& target, const std::string& model_path, report::TableFormat format);

}  // namespace ember::target

#endif  // EMBER_PROFILE_TARGET_PROFILE_HPP
