#include "train_growth.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ember::cli {
namespace {

constexpr const char* growth_flags[] = {"--bottleneck-threshold", "--morph-patience", "--max-events", "--grow-retries", "--grow-residual", "--prune",
                                        "--prune-tolerance", "--prune-fraction", "--budget-params", "--budget-flash", "--budget-macs",
                                        "--budget-arena"};

std::string widths_text(const std::vector<std::size_t>& hidden) {
  std::string s;
  for (std::size_t w : hidden) s += (s.empty() ? "" : ",") + std::to_string(w);
  return s.empty() ? "none" : s;
}

}  // namespace

void add_growth_options(CLI::App& cmd, GrowthOptions& o) {
  auto& g = o.config;
  cmd.add_flag("--grow", o.grow,
               "morphogenesis: start from --hidden as a seed and grow it when training stalls (neuron division, "
               "identity layers), within the --budget-* limits; up to 20,000 training rows in L-BFGS stages, above "
               "with Adam epochs (docs/morphogenesis.md)");
  cmd.add_option("--bottleneck-threshold", g.bottleneck_threshold,
                 "--grow: a plateau is --morph-patience epochs (L-BFGS: validation checks) in which the best validation "
                 "loss (L-BFGS: nor the training objective) fell by less than this fraction; a growth that ends more "
                 "than this fraction above the loss before it is undone")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.999));
  cmd.add_option_function<std::size_t>(
         "--morph-patience", [&g](const std::size_t& v) { g.morph_patience = v; },
         "--grow: epochs (L-BFGS stages: validation checks) of a plateau window (default: 8; 30 in L-BFGS stages up "
         "to 4,000 training rows, where the recipe waits 500 iterations)")
      ->check(CLI::Range(1, 1000000));
  cmd.add_option("--max-events", g.max_events, "--grow: at most this many growth events kept")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  cmd.add_option("--grow-retries", g.growth_retries,
                 "--grow (L-BFGS stages): after an undone growth event, try up to this many other events in a row "
                 "(another layer's division, or a division instead of a new layer) before growth ends")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  cmd.add_flag("--grow-residual", g.residual,
               "--grow: connection growth adds residual blocks (y = x + act(W x + b), starting as the identity; "
               "blob format v2) instead of identity layers");
  cmd.add_flag("--prune", g.prune,
               "--grow: after growth, remove dead neurons, then try removing the least salient --prune-fraction of a "
               "layer, kept while the validation loss stays within --prune-tolerance");
  cmd.add_option("--prune-tolerance", g.prune_tolerance,
                 "--grow --prune: relative validation-loss increase a pruning may cost")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  cmd.add_option("--prune-fraction", g.prune_fraction,
                 "--grow --prune: share of one layer's neurons a pruning trial removes, least salient first")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 0.99));
  auto budget = [&cmd](const char* name, std::optional<std::size_t>& field, const char* help) {
    cmd.add_option_function<std::size_t>(name, [&field](const std::size_t& v) { field = v; }, help);
  };
  budget("--budget-params", g.budget.parameters, "--grow: the network never has more parameters than this");
  budget("--budget-flash", g.budget.flash_bytes, "--grow: the exported blob never has more bytes than this");
  budget("--budget-macs", g.budget.macs, "--grow: multiply-accumulates per inference never exceed this");
  budget("--budget-arena", g.budget.arena_bytes, "--grow: the runtime arena the blob needs never exceeds this (bytes)");
}

void apply_growth_options(const CLI::App& cmd, const GrowthOptions& o, trainer::TrainConfig& config) {
  if (!o.grow) {
    for (const char* flag : growth_flags)
      if (cmd.count(flag) > 0) throw std::runtime_error(std::string(flag) + " needs --grow");
    return;
  }
  config.growth = o.config;
}

std::string growth_stop_reason(const trainer::TrainResult& r) {
  std::size_t kept = 0;
  for (const auto& e : r.growth.events) kept += e.accepted;
  std::string text = std::to_string(kept) + " of " + std::to_string(r.growth.events.size()) + " morphogenesis events kept over " +
                     (r.growth.stage_iterations > 0 ? std::to_string(r.growth.stage_iterations) + " iterations of L-BFGS stages"
                                                    : std::to_string(r.growth.adam_epochs) + " Adam epochs");
  if (r.growth.finish_iterations > 0)
    text += ", then " + std::to_string(r.growth.finish_iterations) + " L-BFGS iterations";
  return text + "; kept best epoch " + std::to_string(r.best_epoch);
}

void write_growth_report(report::TableWriter& t, const trainer::TrainResult& r) {
  using report::Cell;
  if (r.growth.hidden_per_epoch.empty()) return;
  const report::Column cols[] = {{"epoch", ""},          {"kind", ""},           {"layer", ""},
                                 {"hidden before", ""},  {"hidden after", ""},   {"parameters before", ""},
                                 {"parameters after", ""}, {"val loss before", ""}, {"val loss after", ""},
                                 {"val loss later", ""}, {"kept", ""},           {"why", ""}};
  t.begin("Morphogenesis events", cols, 12);
  for (const auto& e : r.growth.events) {
    const std::string before = widths_text(e.hidden_before), after = widths_text(e.hidden_after);
    const Cell later = std::isfinite(e.validation_later) ? Cell::decimal(e.validation_later, 6) : Cell::text("-");
    const Cell row[] = {Cell::integer(static_cast<int64_t>(e.epoch)),
                        Cell::text(trainer::morph_kind_name(e.kind)),
                        Cell::integer(static_cast<int64_t>(e.layer)),
                        Cell::text(before.c_str()),
                        Cell::text(after.c_str()),
                        Cell::integer(static_cast<int64_t>(e.parameters_before)),
                        Cell::integer(static_cast<int64_t>(e.parameters_after)),
                        Cell::decimal(e.validation_before, 6),
                        Cell::decimal(e.validation_after, 6),
                        later,
                        Cell::text(e.accepted ? "yes" : "undone"),
                        Cell::text(e.why.c_str())};
    t.row(row, 12);
  }
  t.end();
}

}  // namespace ember::cli
