// The morphogenesis benchmark's results in memory and the tables and figure made from them (one run per
// seed and arm). Private to bench/src.
#ifndef EMBER_BENCH_GROW_BENCH_TABLES_HPP
#define EMBER_BENCH_GROW_BENCH_TABLES_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ember/bench/report_table.hpp"
#include "ember/export/model_spec.hpp"
#include "ember/trainer/growth.hpp"

namespace ember::bench {

// One training run of one arm and seed.
struct GrowRun {
  double score = 0;  // test R² or accuracy
  std::size_t parameters = 0, blob_bytes = 0, epochs = 0;
  double cpu_seconds = 0, wall_seconds = 0;
  // The first validation check that reached the task's target (R² 0.99 or accuracy 0.95), if one did.
  std::optional<std::size_t> epochs_to_target;
  std::optional<double> seconds_to_target;
  std::vector<std::uint16_t> hidden;
  std::vector<trainer::MorphEvent> events;
  exporters::ModelSpec model;
};

struct GrowArm {
  std::string name;
  std::vector<GrowRun> runs;  // one per seed
  double instructions = -1;   // Cortex-M4F instructions per inference of the median-score run (-1: not measured)
};

struct GrowTask {
  std::string name;  // e.g. "5D interpolator 1000"
  std::string fixed_arm, grown_arm, pruned_arm;
  std::vector<GrowArm> arms;
  std::vector<GrowArm> family;  // the fixed-width family of the figure
  GrowArm& arm(const std::string& name);
  const GrowArm* find(const std::string& name) const;
};

struct SeedSummary {
  double mean = 0, sd = 0, half_ci = 0;
};
// Mean, sample standard deviation and the half-width of a 95 % Student-t interval.
SeedSummary score_summary(const std::vector<double>& values);
// The run whose score is the median of the arm's (the lower middle for an even count).
const GrowRun& median_run(const GrowArm& arm);

ReportTable results_table(const std::vector<GrowTask>& tasks, bool device);
ReportTable impact_table(const std::vector<GrowTask>& tasks);
// Grown arms against fixed [64,32,16] / [64,32]: the grown mean ± sd, the difference of the means, its 95 %
// paired (per seed, same test rows) and Welch intervals, and the parameter ratio, the "done when".
ReportTable goal_table(const std::vector<GrowTask>& tasks);
// `variants` and `point_arms` name arms; "" stands for each task's grown arm.
ReportTable ablation_table(const std::vector<GrowTask>& tasks, const std::vector<std::string>& variants);

// figures/grow_accuracy_params.png under dir (data and gnuplot script beside it); returns notes.
std::vector<std::string> draw_grow_figure(const std::string& dir, const std::vector<GrowTask>& tasks,
                                          const std::vector<std::string>& point_arms);

}  // namespace ember::bench

#endif  // EMBER_BENCH_GROW_BENCH_TABLES_HPP
