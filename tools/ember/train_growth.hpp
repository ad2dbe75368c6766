// `ember train --grow`: the morphogenesis flags, and the event table the run ends with
// (docs/morphogenesis.md). Kept beside cmd_train.cpp so that the training command only hooks them in.
#ifndef EMBER_TOOLS_TRAIN_GROWTH_HPP
#define EMBER_TOOLS_TRAIN_GROWTH_HPP

#include <CLI/CLI.hpp>

#include "ember/report/table_writer.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::cli {

struct GrowthOptions {
  bool grow = false;
  trainer::GrowthConfig config;
};

void add_growth_options(CLI::App& cmd, GrowthOptions& options);
// Sets config.growth when --grow was given; throws std::runtime_error (one line) for growth flags
// without --grow.
void apply_growth_options(const CLI::App& cmd, const GrowthOptions& options, trainer::TrainConfig& config);
// "grew in 4 events over 261 Adam epochs, then 320 L-BFGS iterations; kept best epoch 498".
std::string growth_stop_reason(const trainer::TrainResult& result);
// The "Morphogenesis events" table (nothing without growth).
void write_growth_report(report::TableWriter& table, const trainer::TrainResult& result);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_TRAIN_GROWTH_HPP
