// Checks shared by every `ember` subcommand, so that bad values get the same one-line, readable message
// everywhere: unknown options named before anything else, numbers with readable ranges (no 310-digit
// doubles), empty output paths refused, and no output that would overwrite an input (docs/reliability.md).
#ifndef EMBER_TOOLS_CLI_CHECKS_HPP
#define EMBER_TOOLS_CLI_CHECKS_HPP

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "ember/export/file_io.hpp"

namespace ember::cli {

// A path an option writes: refuses "" (`--out ''` would otherwise write nothing, silently).
CLI::Validator output_path();
// A finite number above 0 (--lr, --eps): "must be a positive finite number".
CLI::Validator positive_finite();
// A finite number in [low, high], printed with at most 6 significant digits.
CLI::Validator finite_in(double low, double high);
// Digits only (no sign, no exponent: "-1" must not wrap to 2^64-1) and within [low, high].
CLI::Validator whole_number(unsigned long long low, unsigned long long high);

// The first "--name" in argv[first..] that the subcommand `command` does not know, or "" when all are
// known. Run before parsing so that `train --bogus` names --bogus instead of "--data is required".
std::string unknown_option(const CLI::App& command, int argc, char** argv, int first);

// exporters::refuse_output_over_input for the outputs that were given (non-empty) and every input.
void refuse_overwriting_inputs(const std::vector<exporters::NamedPath>& outputs,
                               const std::vector<exporters::NamedPath>& inputs);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_CLI_CHECKS_HPP
