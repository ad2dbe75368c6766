// The morphogenesis benchmark: per task and seed, a fixed network, the grown one, grown + pruned, the
// grown one's final shape trained from scratch (did growth find a good shape, or grow well?), and on the
// 5D task a parameter-budget run against the best fixed network under the same budget.
#include "ember/bench/grow_bench.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>

#include "ember/bench/report_table.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::bench {
namespace {

struct Run {
  double score = 0;  // test R² or accuracy
  std::size_t parameters = 0, blob_bytes = 0, epochs = 0;
  double cpu_seconds = 0;
  std::vector<std::uint16_t> hidden;
  std::vector<trainer::MorphEvent> events;
};

struct Task {
  std::string name;
  trainer::Dataset data;  // 5D: regenerated per seed
  std::vector<std::uint16_t> fixed;
};

std::string widths_text(const std::vector<std::uint16_t>& hidden) {
  std::string s;
  for (auto w : hidden) s += (s.empty() ? "" : ",") + std::to_string(w);
  return s;
}

Run train_one(const trainer::Dataset& data, trainer::TrainConfig config) {
  config.task = data.task;
  const std::clock_t start = std::clock();
  const trainer::TrainResult r = trainer::train(data, config);
  Run run;
  run.cpu_seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  run.score = data.task == trainer::Task::classify ? r.test.accuracy : r.test.regression.r2;
  run.parameters = r.model.parameter_count();
  run.blob_bytes = exporters::write_blob(r.model).size();
  run.epochs = r.epochs_run;
  for (std::size_t k = 0; k + 1 < r.model.layers.size(); ++k) run.hidden.push_back(r.model.layers[k].out_width);
  run.events = r.growth.events;
  return run;
}

struct Summary {
  double mean = 0, sd = 0, half_ci = 0;
};

// Mean, sample standard deviation and the half-width of a 95 % Student-t interval.
Summary summarize(const std::vector<double>& v) {
  static const double t975[] = {0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};
  Summary s;
  if (v.empty()) return s;
  for (double x : v) s.mean += x;
  s.mean /= static_cast<double>(v.size());
  if (v.size() < 2) return s;
  for (double x : v) s.sd += (x - s.mean) * (x - s.mean);
  s.sd = std::sqrt(s.sd / static_cast<double>(v.size() - 1));
  const double t = v.size() - 1 < 10 ? t975[v.size() - 1] : 1.96;
  s.half_ci = t * s.sd / std::sqrt(static_cast<double>(v.size()));
  return s;
}

template <typename F>
std::vector<double> column(const std::vector<Run>& runs, F f) {
  std::vector<double> v;
  for (const Run& r : runs) v.push_back(f(r));
  return v;
}

void add_arm(ReportTable& t, const std::string& task, const std::string& arm, const std::vector<Run>& runs) {
  const Summary score = summarize(column(runs, [](const Run& r) { return r.score; }));
  const Summary params = summarize(column(runs, [](const Run& r) { return static_cast<double>(r.parameters); }));
  const Summary blob = summarize(column(runs, [](const Run& r) { return static_cast<double>(r.blob_bytes); }));
  const Summary cpu = summarize(column(runs, [](const Run& r) { return r.cpu_seconds; }));
  std::string shapes;
  for (const Run& r : runs) shapes += (shapes.empty() ? "" : " ") + widths_text(r.hidden);
  t.add_row({ReportCell::of_text(task), ReportCell::of_text(arm), ReportCell::of_integer(static_cast<int64_t>(runs.size())),
             ReportCell::of_decimal(score.mean, 5), ReportCell::of_decimal(score.sd, 5),
             ReportCell::of_decimal(score.half_ci, 5), ReportCell::of_decimal(params.mean, 0),
             ReportCell::of_decimal(blob.mean, 0), ReportCell::of_decimal(cpu.mean, 2), ReportCell::of_text(shapes)});
}

}  // namespace

void run_grow_bench(const GrowBenchOptions& o, std::FILE* out) {
  ReportTable results("grow_results", "Morphogenesis vs fixed architectures (test split, mean over seeds)",
                      {{"task", ""}, {"arm", ""}, {"seeds", ""}, {"test score", ""}, {"sd", ""}, {"95 % CI ±", ""},
                       {"parameters", ""}, {"blob", "bytes"}, {"CPU", "s"}, {"final hidden per seed", ""}});
  ReportTable impact("grow_events", "Event impact (all grown and grown + pruned runs)",
                     {{"task", ""}, {"kind", ""}, {"per run", ""}, {"mean val-loss change after", "%"},
                      {"median epoch", ""}, {"kept", "%"}});
  std::vector<Task> tasks;
  tasks.push_back({"5D interpolator " + std::to_string(o.samples), {}, {64, 32, 16}});
  if (!o.digits_csv.empty())
    tasks.push_back({"digits", trainer::dataset_from_csv(o.digits_csv, "digit", trainer::Task::classify), {64, 32}});

  for (Task& task : tasks) {
    const bool five_d = task.fixed.size() == 3;
    std::map<std::string, std::vector<Run>> arms;
    std::vector<std::string> order;
    auto record = [&](const std::string& arm, Run run) {
      if (arms.find(arm) == arms.end()) order.push_back(arm);
      arms[arm].push_back(std::move(run));
    };
    for (std::size_t seed = 1; seed <= o.seeds; ++seed) {
      if (five_d) task.data = trainer::make_sum_squares(o.samples, 5, 0.1, seed);
      trainer::TrainConfig base;
      base.seed = seed;
      if (o.max_epochs != 0) base.max_epochs = o.max_epochs;
      trainer::TrainConfig fixed = base;
      fixed.hidden = task.fixed;
      record("fixed " + widths_text(task.fixed), train_one(task.data, fixed));
      trainer::TrainConfig grown = base;
      grown.hidden = o.seed_hidden;
      grown.growth = trainer::GrowthConfig{};
      const Run g = train_one(task.data, grown);
      record("grown from " + widths_text(o.seed_hidden), g);
      trainer::TrainConfig pruned = grown;
      pruned.growth->prune = true;
      record("grown + pruned", train_one(task.data, pruned));
      trainer::TrainConfig scratch = base;
      scratch.hidden = g.hidden;
      record("grown shape from scratch", train_one(task.data, scratch));
      if (five_d) {
        trainer::TrainConfig budget = grown;
        budget.growth->budget.parameters = o.budget_params;
        record("grown, --budget-params " + std::to_string(o.budget_params), train_one(task.data, budget));
        // The best fixed network under the same budget: the best of a small family of shapes that fit it.
        Run best;
        best.score = -1e300;
        for (const std::vector<std::uint16_t>& shape :
             {std::vector<std::uint16_t>{128}, std::vector<std::uint16_t>{32, 16}, std::vector<std::uint16_t>{24, 24}}) {
          trainer::TrainConfig f = base;
          f.hidden = shape;
          Run r = train_one(task.data, f);
          if (r.parameters <= o.budget_params && r.score > best.score) best = r;
        }
        record("best fixed <= " + std::to_string(o.budget_params) + " params of [128] [32,16] [24,24]", best);
      }
    }
    for (const std::string& arm : order) add_arm(results, task.name, arm, arms[arm]);

    std::map<std::string, std::vector<const trainer::MorphEvent*>> by_kind;
    std::size_t runs = 0;
    for (const std::string& arm : order) {
      if (arm.rfind("grown from", 0) != 0 && arm != "grown + pruned") continue;
      for (const Run& r : arms[arm]) {
        ++runs;
        for (const auto& e : r.events) by_kind[trainer::morph_kind_name(e.kind)].push_back(&e);
      }
    }
    for (const auto& [kind, events] : by_kind) {
      std::vector<double> change, epochs;
      std::size_t kept = 0;
      for (const auto* e : events) {
        if (std::isfinite(e->validation_later) && e->validation_before > 0)
          change.push_back(100 * (e->validation_later - e->validation_before) / e->validation_before);
        epochs.push_back(static_cast<double>(e->epoch));
        kept += e->accepted;
      }
      std::sort(epochs.begin(), epochs.end());
      impact.add_row({ReportCell::of_text(task.name), ReportCell::of_text(kind),
                      ReportCell::of_decimal(static_cast<double>(events.size()) / static_cast<double>(runs), 2),
                      ReportCell::of_decimal(summarize(change).mean, 1),
                      ReportCell::of_decimal(epochs[epochs.size() / 2], 0),
                      ReportCell::of_decimal(100.0 * static_cast<double>(kept) / static_cast<double>(events.size()), 0)});
    }
  }
  results.notes.push_back("test score: R² (5D) or accuracy (digits); CPU: process CPU seconds of one training run");
  impact.notes.push_back("val-loss change: best validation loss --morph-patience epochs after the event vs before it");
  if (!o.out_dir.empty()) std::filesystem::create_directories(o.out_dir);
  for (const ReportTable* t : {&results, &impact}) {
    std::fputs(render(*t, o.format).c_str(), out);
    std::fputs("\n", out);
    if (!o.out_dir.empty()) save(*t, o.out_dir);
  }
}

}  // namespace ember::bench
