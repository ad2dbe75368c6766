// `ember profile model.ember [--target cortex-m4f]`: latency per batch size and per layer, arena and stack
// high-water, and (on a target) the image's flash and RAM split. The host's tables come first; with
// --target the device's follow, printed by the firmware itself through the same table code.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "ember/profile/host_profile.hpp"
#include "ember/profile/target_profile.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {

struct ProfileOptions {
  std::string model;
  std::string target;
  std::size_t max_batch = 16;
  std::uint32_t repeats = 50;
  OutputFormat format;
};

void print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

// The host's batch-of-1 figure is the fastest of --repeats calls; how much it moves from one round of
// repeats to the next is its noise on this machine, printed so that `ember bench` (which prints the same
// rounds) can be compared with it. Markdown and CSV only: the JSON lines carry the tables the firmware has.
std::string host_noise_note(const ProfileOptions& o) {
  constexpr std::uint32_t rounds = 5;
  std::vector<double> ns = target::host_single_inference_rounds(o.model, rounds, o.repeats);
  std::sort(ns.begin(), ns.end());
  const double median = ns[ns.size() / 2];
  char text[240];
  std::snprintf(text, sizeof text,
                "Host noise of the batch-1 figure: %u rounds of %u repeats gave %.1f to %.1f ns per inference "
                "(median %.1f ns, spread %.0f %% of the median).\n\n",
                rounds, o.repeats, ns.front(), ns.back(), median, median > 0 ? 100.0 * (ns.back() - ns.front()) / median : 0.0);
  return text;
}

void profile_model(const ProfileOptions& o) {
  const report::TableFormat format = o.format.table_format();
  // Validate the target before spending time on the host run.
  if (!o.target.empty()) target::check_target_tools(o.target);
  print(target::profile_on_host(o.model, format, o.max_batch, o.repeats));
  if (format != report::TableFormat::json) print(host_noise_note(o));
  std::fflush(stdout);
  if (!o.target.empty()) print(target::profile_on_target(o.target, o.model, format));
}

}  // namespace

void add_profile_command(CLI::App& app) {
  auto options = std::make_shared<ProfileOptions>();
  std::string targets;
  for (const std::string& t : target::profile_targets()) targets += (targets.empty() ? "" : ", ") + t;
  CLI::App* cmd = app.add_subcommand(
      "profile",
      "Profile a model: latency per inference and per layer, arena and stack high-water; with --target, also on "
      "a Cortex-M under QEMU (instructions, flash and RAM), beside the host's figures");
  cmd->add_option("model", options->model, "a model blob (.ember)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-t,--target", options->target,
                  "also run the model on this target under QEMU, with the preset's profile firmware (built once in "
                  "build/<target>, reused for every model): " + targets);
  cmd->add_option("--repeats", options->repeats, "host: repeat each measurement and keep the fastest")
      ->check(CLI::Range(1u, 100000u))
      ->capture_default_str();
  add_output_flags(*cmd, options->format);
  cmd->callback([options] { profile_model(*options); });
}

}  // namespace ember::cli
