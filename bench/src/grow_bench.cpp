// The morphogenesis benchmark: per task and seed, a fixed network, the grown one, grown + pruned, the
// grown one's final shape trained from scratch (did growth find a good shape, or grow well?), the
// ablation variants, a fixed-width family for the figure, growth within half the fixed network's
// parameters (issue 12's allowance), and on the 5D tasks a parameter-budget run against the best fixed
// network under the same budget.
#include "ember/bench/grow_bench.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "ember/bench/device_bench.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/file_io.hpp"
#include "ember/trainer/growth.hpp"
#include "ember/trainer/trainer.hpp"
#include "grow_bench_tables.hpp"

namespace ember::bench {
namespace {

using Shape = std::vector<std::uint16_t>;

std::string widths_text(const Shape& hidden) {
  std::string s;
  for (auto w : hidden) s += (s.empty() ? "" : ",") + std::to_string(w);
  return s;
}

// The targets of "epochs and time to reach": validation R² 0.99 (regression; the validation MSE is in
// units of the training split's target variance) or validation accuracy 0.95.
bool reached_target(const trainer::EpochRecord& e, trainer::Task task) {
  return task == trainer::Task::classify ? e.validation_accuracy >= 0.95 : 1 - e.validation_loss >= 0.99;
}

GrowRun train_one(const trainer::Dataset& data, trainer::TrainConfig config) {
  config.task = data.task;
  const std::clock_t start = std::clock();
  const trainer::TrainResult r = trainer::train(data, config);
  GrowRun run;
  run.cpu_seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  run.wall_seconds = r.wall_seconds;
  run.score = data.task == trainer::Task::classify ? r.test.accuracy : r.test.regression.r2;
  run.parameters = r.model.parameter_count();
  run.blob_bytes = exporters::write_blob(r.model).size();
  run.epochs = r.epochs_run;
  for (const trainer::EpochRecord& e : r.history)
    if (reached_target(e, data.task)) {
      run.epochs_to_target = e.epoch;
      run.seconds_to_target = e.elapsed_seconds;
      break;
    }
  for (std::size_t k = 0; k + 1 < r.model.layers.size(); ++k) run.hidden.push_back(r.model.layers[k].out_width);
  run.events = r.growth.events;
  run.model = r.model;
  return run;
}

// Scales `shape` by `factor` (at least 1 neuron per layer): the fixed-width family of the figure.
Shape scaled(const Shape& shape, double factor) {
  Shape s;
  for (auto w : shape) s.push_back(static_cast<std::uint16_t>(std::max(1.0, w * factor)));
  return s;
}

struct TaskSpec {
  std::string name;
  Shape fixed, seed;
  bool five_d = false;
  std::size_t samples = 0;
  std::size_t features = 5, outputs = 1;
  trainer::Dataset data;  // digits; the 5D data are drawn per seed
};

// Issue 12's allowance: half the fixed network's parameters (the exporter's count), as a growth budget.
std::size_t half_parameters(const TaskSpec& spec) {
  std::vector<std::size_t> widths{spec.features};
  widths.insert(widths.end(), spec.fixed.begin(), spec.fixed.end());
  widths.push_back(spec.outputs);
  const Activation output = spec.five_d ? Activation::identity : Activation::softmax;
  return trainer::footprint_of(widths, Activation::relu, output).parameters / 2;
}

// The arm's name is the same on every task (the figure and the tables find it by name); the budget
// itself is in a note of the results table.
constexpr const char* half_arm = "grown, half the fixed's parameters";

void run_task(TaskSpec& spec, const GrowBenchOptions& o, GrowTask& task) {
  task.name = spec.name;
  task.fixed_arm = "fixed " + widths_text(spec.fixed);
  task.grown_arm = "grown from " + widths_text(spec.seed);
  task.pruned_arm = "grown + pruned";
  const std::string budget_arm = "grown, --budget-params " + std::to_string(o.budget_params);
  const std::vector<double> family_factors = {0.125, 0.25, 0.5, 1.0};
  task.family.resize(family_factors.size());
  for (std::size_t seed = 1; seed <= o.seeds; ++seed) {
    std::fprintf(stderr, "bench --grow: %s, seed %zu of %zu\n", spec.name.c_str(), seed, o.seeds);
    if (spec.five_d) spec.data = trainer::make_sum_squares(spec.samples, 5, 0.1, seed);
    trainer::TrainConfig base;
    base.seed = seed;
    if (o.max_epochs != 0) base.max_epochs = o.max_epochs;
    trainer::TrainConfig fixed = base;
    fixed.hidden = spec.fixed;
    const GrowRun fixed_run = train_one(spec.data, fixed);
    task.arm(task.fixed_arm).runs.push_back(fixed_run);
    trainer::TrainConfig grown = base;
    grown.hidden = spec.seed;
    grown.growth = trainer::GrowthConfig{};
    const GrowRun g = train_one(spec.data, grown);
    task.arm(task.grown_arm).runs.push_back(g);
    trainer::TrainConfig pruned = grown;
    pruned.growth->prune = true;
    task.arm(task.pruned_arm).runs.push_back(train_one(spec.data, pruned));
    trainer::TrainConfig scratch = base;
    scratch.hidden = g.hidden;
    task.arm("grown shape from scratch").runs.push_back(train_one(spec.data, scratch));
    // Ablation: division alone, and the growth loop of Adam epochs between events (validation plateaus)
    // instead of L-BFGS stages.
    trainer::TrainConfig division = grown;
    division.growth->insert_layers = false;
    task.arm("grown, division only").runs.push_back(train_one(spec.data, division));
    // + residual additions: connection growth as residual blocks instead of identity layers.
    trainer::TrainConfig residual = pruned;
    residual.growth->residual = true;
    task.arm("grown + pruned + residual").runs.push_back(train_one(spec.data, residual));
    trainer::TrainConfig adam = pruned;
    adam.growth->lbfgs_stages = false;
    task.arm("grown + pruned, Adam epochs between events").runs.push_back(train_one(spec.data, adam));
    trainer::TrainConfig half = grown;
    half.growth->budget.parameters = half_parameters(spec);
    task.arm(half_arm).runs.push_back(train_one(spec.data, half));
    if (spec.five_d) {
      trainer::TrainConfig budget = grown;
      budget.growth->budget.parameters = o.budget_params;
      task.arm(budget_arm).runs.push_back(train_one(spec.data, budget));
      // The best fixed network under the same budget: the best of a small family of shapes that fit it.
      GrowRun best;
      best.score = -1e300;
      for (const Shape& shape : {Shape{128}, Shape{32, 16}, Shape{24, 24}}) {
        trainer::TrainConfig f = base;
        f.hidden = shape;
        GrowRun r = train_one(spec.data, f);
        if (r.parameters <= o.budget_params && r.score > best.score) best = std::move(r);
      }
      task.arm("best fixed <= " + std::to_string(o.budget_params) + " params of [128] [32,16] [24,24]")
          .runs.push_back(std::move(best));
    }
    for (std::size_t k = 0; k < family_factors.size(); ++k) {
      trainer::TrainConfig f = base;
      f.hidden = scaled(spec.fixed, family_factors[k]);
      task.family[k].name = widths_text(f.hidden);
      task.family[k].runs.push_back(family_factors[k] == 1.0 ? fixed_run : train_one(spec.data, f));
    }
  }
}

// Profiles the median-score run of every arm on the device target; the blobs go under dir/models.
void profile_medians(std::vector<GrowTask>& tasks, const std::string& target, const std::string& dir) {
  const std::string models = (dir.empty() ? std::filesystem::temp_directory_path().string() : dir) + "/models";
  std::filesystem::create_directories(models);
  std::size_t index = 0;
  for (GrowTask& task : tasks)
    for (GrowArm& arm : task.arms) {
      const std::string path = models + "/median_" + std::to_string(index++) + ".ember";
      const std::vector<std::uint8_t> blob = exporters::write_blob(median_run(arm).model);
      exporters::write_file_atomic(path, blob.data(), blob.size());
      arm.instructions = measure_devices(path, {target}).front().instructions_single;
    }
}

}  // namespace

void run_grow_bench(const GrowBenchOptions& o, std::FILE* out) {
  std::vector<TaskSpec> specs;
  for (std::size_t samples : o.samples)
    specs.push_back({"5D interpolator " + std::to_string(samples), {64, 32, 16}, o.seed_5d, true, samples, 5, 1, {}});
  if (!o.digits_csv.empty()) {
    trainer::Dataset digits = trainer::dataset_from_csv(o.digits_csv, "digit", trainer::Task::classify);
    if (o.digits_rows != 0 && o.digits_rows < digits.rows) {
      digits.rows = o.digits_rows;
      digits.x.resize(digits.rows * digits.features);
      digits.y.resize(digits.rows);
    }
    const std::size_t classes = static_cast<std::size_t>(digits.classes);
    const std::size_t features = digits.features;
    specs.push_back({"digits", {64, 32}, o.seed_digits, false, 0, features, classes, std::move(digits)});
  }
  std::vector<GrowTask> tasks(specs.size());
  for (std::size_t k = 0; k < specs.size(); ++k) run_task(specs[k], o, tasks[k]);
  if (!o.device_target.empty()) profile_medians(tasks, o.device_target, o.out_dir);

  std::vector<ReportTable> tables;
  tables.push_back(results_table(tasks, !o.device_target.empty()));
  std::string budgets;
  for (const TaskSpec& spec : specs)
    budgets += (budgets.empty() ? "" : ", ") + spec.name + " " + std::to_string(half_parameters(spec));
  tables.back().notes.push_back(std::string(half_arm) + ": the grown arm with --budget-params set to half the fixed "
                                "network's parameters (" + budgets + ").");
  tables.push_back(goal_table(tasks));
  tables.push_back(impact_table(tasks));
  tables.push_back(ablation_table(
      tasks, {"grown, division only", "", "grown + pruned", "grown + pruned + residual", "grown + pruned, Adam epochs between events"}));
  tables.back().notes.push_back(
      "division only: no identity layers; grown: + identity-layer insertion (connection growth); grown + pruned: "
      "+ pruning; + residual: connection growth as residual blocks instead of identity layers, the full method; the last row is grown + pruned "
      "with last session's loop of Adam epochs and validation plateaus instead of L-BFGS stages.");
  if (!o.out_dir.empty()) {
    std::filesystem::create_directories(o.out_dir);
    for (const std::string& note :
         draw_grow_figure(o.out_dir, tasks,
                          {"", "grown + pruned", "grown, --budget-params " + std::to_string(o.budget_params), half_arm}))
      tables.front().notes.push_back(note);
  }
  for (const ReportTable& t : tables) {
    std::fputs(render(t, o.format).c_str(), out);
    std::fputs("\n", out);
    if (!o.out_dir.empty()) save(t, o.out_dir);
  }
}

}  // namespace ember::bench
