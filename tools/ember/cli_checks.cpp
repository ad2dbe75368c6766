#include "cli_checks.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ember::cli {
namespace {
std::string readable(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

// A whole parse of a finite double, or false.
bool parse_finite(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value) && errno != ERANGE;
}
}  // namespace

CLI::Validator output_path() {
  return CLI::Validator(
      [](std::string& path) { return path.empty() ? std::string("an empty path names no file") : std::string(); },
      "PATH");
}

CLI::Validator positive_finite() {
  return CLI::Validator(
      [](std::string& text) {
        double v = 0;
        if (parse_finite(text, v) && v > 0) return std::string();
        return "must be a positive finite number, not '" + text + "'";
      },
      "POSITIVE");
}

CLI::Validator finite_in(double low, double high) {
  return CLI::Validator(
      [low, high](std::string& text) {
        double v = 0;
        if (parse_finite(text, v) && v >= low && v <= high) return std::string();
        return "must be a finite number from " + readable(low) + " to " + readable(high) + ", not '" + text + "'";
      },
      "[" + readable(low) + " - " + readable(high) + "]");
}

CLI::Validator whole_number(unsigned long long low, unsigned long long high) {
  return CLI::Validator(
      [low, high](std::string& text) {
        const std::string expected =
            "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", not '" + text + "'";
        if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
          return expected;
        const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
        return v >= low && v <= high ? std::string() : expected;
      },
      "[" + std::to_string(low) + " - " + std::to_string(high) + "]");
}

std::string unknown_option(const CLI::App& command, int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) continue;
    const std::string name = arg.substr(0, arg.find('='));
    bool known = false;
    for (const CLI::Option* option : command.get_options())
      known = known || option->check_lname(name.substr(2));
    if (!known) return name;
  }
  return "";
}

void refuse_overwriting_inputs(const std::vector<exporters::NamedPath>& outputs,
                               const std::vector<exporters::NamedPath>& inputs) {
  std::vector<exporters::NamedPath> given;
  for (const exporters::NamedPath& o : outputs)
    if (!o.path.empty()) given.push_back(o);
  exporters::refuse_output_over_input(given, inputs);
}

}  // namespace ember::cli
