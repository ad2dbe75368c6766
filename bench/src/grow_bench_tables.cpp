#include "grow_bench_tables.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "ember/bench/figures.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/text_escape.hpp"

namespace ember::bench {
namespace {
using C = ReportCell;

// Two-sided 95 % Student-t quantiles by degrees of freedom (1..30); 1.96 beyond.
double t975(double df) {
  static const double t[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                             2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
                             2.074, 2.069,  2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  const auto k = static_cast<std::size_t>(std::floor(df));
  return k < 1 ? t[1] : k <= 30 ? t[k] : 1.96;
}

template <typename F>
std::vector<double> column(const GrowArm& arm, F f) {
  std::vector<double> v;
  for (const GrowRun& r : arm.runs) v.push_back(f(r));
  return v;
}

std::string widths_text(const std::vector<std::uint16_t>& hidden) {
  std::string s;
  for (auto w : hidden) s += (s.empty() ? "" : ",") + std::to_string(w);
  return s;
}

double parameters_mean(const GrowArm& arm) {
  return score_summary(column(arm, [](const GrowRun& r) { return static_cast<double>(r.parameters); })).mean;
}
}  // namespace

GrowArm& GrowTask::arm(const std::string& arm_name) {
  for (GrowArm& a : arms)
    if (a.name == arm_name) return a;
  arms.push_back({arm_name, {}, -1});
  return arms.back();
}

const GrowArm* GrowTask::find(const std::string& arm_name) const {
  for (const GrowArm& a : arms)
    if (a.name == arm_name) return &a;
  return nullptr;
}

SeedSummary score_summary(const std::vector<double>& v) {
  SeedSummary s;
  if (v.empty()) return s;
  for (double x : v) s.mean += x;
  s.mean /= static_cast<double>(v.size());
  if (v.size() < 2) return s;
  for (double x : v) s.sd += (x - s.mean) * (x - s.mean);
  s.sd = std::sqrt(s.sd / static_cast<double>(v.size() - 1));
  s.half_ci = t975(static_cast<double>(v.size() - 1)) * s.sd / std::sqrt(static_cast<double>(v.size()));
  return s;
}

const GrowRun& median_run(const GrowArm& arm) {
  std::vector<const GrowRun*> sorted;
  for (const GrowRun& r : arm.runs) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [](const GrowRun* a, const GrowRun* b) { return a->score < b->score; });
  return *sorted[(sorted.size() - 1) / 2];
}

ReportTable results_table(const std::vector<GrowTask>& tasks, bool device) {
  ReportTable t("grow_results", "Morphogenesis vs fixed architectures (test split, mean over seeds)",
                {{"task", ""},
                 {"arm", ""},
                 {"seeds", ""},
                 {"test score", ""},
                 {"sd", ""},
                 {"95 % CI ±", ""},
                 {"parameters", ""},
                 {"blob", "bytes"},
                 {"epochs to target", ""},
                 {"time to target", "s"},
                 {"epochs to stop", ""},
                 {"wall to stop", "s"},
                 {"CPU", "s"},
                 {"M4F instructions", ""},
                 {"final hidden per seed", ""}});
  for (const GrowTask& task : tasks)
    for (const GrowArm& arm : task.arms) {
      auto mean = [&](auto f) { return score_summary(column(arm, f)).mean; };
      const SeedSummary score = score_summary(column(arm, [](const GrowRun& r) { return r.score; }));
      std::vector<double> to_epochs, to_seconds;
      for (const GrowRun& r : arm.runs)
        if (r.epochs_to_target) {
          to_epochs.push_back(static_cast<double>(*r.epochs_to_target));
          to_seconds.push_back(*r.seconds_to_target);
        }
      // Runs that never reached the target are left out of the mean and counted.
      const std::string missed = to_epochs.size() == arm.runs.size()
                                     ? ""
                                     : " (" + std::to_string(arm.runs.size() - to_epochs.size()) + " never)";
      auto to_text = [&](const std::vector<double>& v, int decimals) {
        if (v.empty()) return C::of_text("never");
        char text[48];
        std::snprintf(text, sizeof text, "%.*f", decimals, score_summary(v).mean);
        return C::of_text(text + missed);
      };
      std::string shapes;
      for (const GrowRun& r : arm.runs) shapes += (shapes.empty() ? "" : " ") + widths_text(r.hidden);
      t.add_row({C::of_text(task.name), C::of_text(arm.name), C::of_integer(static_cast<std::int64_t>(arm.runs.size())),
                 C::of_decimal(score.mean, 5), C::of_decimal(score.sd, 5), C::of_decimal(score.half_ci, 5),
                 C::of_decimal(parameters_mean(arm), 0),
                 C::of_decimal(mean([](const GrowRun& r) { return static_cast<double>(r.blob_bytes); }), 0),
                 to_text(to_epochs, 0), to_text(to_seconds, 2),
                 C::of_decimal(mean([](const GrowRun& r) { return static_cast<double>(r.epochs); }), 0),
                 C::of_decimal(mean([](const GrowRun& r) { return r.wall_seconds; }), 2),
                 C::of_decimal(mean([](const GrowRun& r) { return r.cpu_seconds; }), 2),
                 arm.instructions < 0 ? C::of_text("-") : C::of_decimal(arm.instructions, 0), C::of_text(shapes)});
    }
  t.notes.push_back(
      "test score: R² (5D) or accuracy (digits). Target: validation R² 0.99 (1 - validation MSE in standardized "
      "units) or validation accuracy 0.95, at the first validation check that reaches it; epochs are Adam epochs or "
      "L-BFGS iterations (growth stages and finish counted together; with restarts, of the attempt kept, whose wall "
      "time includes the attempts before it). Wall and CPU: one training run on a shared machine.");
  if (device)
    t.notes.push_back(
        "M4F instructions: `ember profile --target cortex-m4f` (QEMU icount, one inference) of the "
        "run with the median test score in each row.");
  return t;
}

ReportTable impact_table(const std::vector<GrowTask>& tasks) {
  ReportTable t("grow_events", "Event impact (grown, grown + pruned and grown + pruned + residual runs)",
                {{"task", ""},
                 {"kind", ""},
                 {"per run", ""},
                 {"mean val-loss change after", "%"},
                 {"median epoch", ""},
                 {"kept", "%"}});
  for (const GrowTask& task : tasks) {
    std::map<std::string, std::vector<const trainer::MorphEvent*>> by_kind;
    std::size_t runs = 0;
    for (const std::string& name : {task.grown_arm, task.pruned_arm, std::string("grown + pruned + residual")}) {
      const GrowArm* arm = task.find(name);
      if (arm == nullptr) continue;
      for (const GrowRun& r : arm->runs) {
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
      t.add_row({C::of_text(task.name), C::of_text(kind),
                 C::of_decimal(static_cast<double>(events.size()) / static_cast<double>(runs), 2),
                 C::of_decimal(score_summary(change).mean, 1), C::of_decimal(epochs[epochs.size() / 2], 0),
                 C::of_decimal(100.0 * static_cast<double>(kept) / static_cast<double>(events.size()), 0)});
    }
  }
  t.notes.push_back(
      "val-loss change: the best validation loss of the stage (L-BFGS) or --morph-patience epochs "
      "(Adam) after the event against the best before it; epoch: Adam epoch or L-BFGS iteration");
  return t;
}

ReportTable goal_table(const std::vector<GrowTask>& tasks) {
  ReportTable t("grow_goal", "Grown against the fixed network (issue 12: its score with at most half its parameters)",
                {{"task", ""},
                 {"arm", ""},
                 {"score (mean ± sd)", ""},
                 {"score − fixed", ""},
                 {"95 % CI (paired)", ""},
                 {"95 % CI (Welch)", ""},
                 {"parameters / fixed", "%"}});
  for (const GrowTask& task : tasks) {
    const GrowArm* fixed = task.find(task.fixed_arm);
    if (fixed == nullptr) continue;
    const SeedSummary f = score_summary(column(*fixed, [](const GrowRun& r) { return r.score; }));
    for (const GrowArm& arm : task.arms) {
      if (arm.name.rfind("grown", 0) != 0 || arm.name == "grown shape from scratch") continue;
      const SeedSummary g = score_summary(column(arm, [](const GrowRun& r) { return r.score; }));
      const double n = static_cast<double>(arm.runs.size()), m = static_cast<double>(fixed->runs.size());
      const double vg = g.sd * g.sd / n, vf = f.sd * f.sd / m, se = std::sqrt(vg + vf);
      const double df = se > 0 ? (vg + vf) * (vg + vf) / (vg * vg / (n - 1) + vf * vf / (m - 1)) : 1;
      const double diff = g.mean - f.mean, half = t975(df) * se;
      // Seed k of every arm has the same split, so the same test rows: the per-seed differences are paired.
      std::vector<double> differences;
      for (std::size_t k = 0; k < std::min(arm.runs.size(), fixed->runs.size()); ++k)
        differences.push_back(arm.runs[k].score - fixed->runs[k].score);
      const SeedSummary paired = score_summary(differences);
      char score[64], welch[64], pair[64];
      std::snprintf(score, sizeof score, "%.5f ± %.5f", g.mean, g.sd);
      std::snprintf(welch, sizeof welch, "[%+.5f, %+.5f]", diff - half, diff + half);
      std::snprintf(pair, sizeof pair, "[%+.5f, %+.5f]", paired.mean - paired.half_ci, paired.mean + paired.half_ci);
      t.add_row({C::of_text(task.name), C::of_text(arm.name), C::of_text(score), C::of_decimal(diff, 5),
                 C::of_text(pair), C::of_text(welch),
                 C::of_decimal(100 * parameters_mean(arm) / parameters_mean(*fixed), 0)});
    }
  }
  t.notes.push_back(
      "paired: a Student-t interval of the per-seed differences (seed k of every arm trains and tests on the same "
      "split); Welch: of the difference of two independent means, as if the seeds were not paired.");
  return t;
}

ReportTable ablation_table(const std::vector<GrowTask>& tasks, const std::vector<std::string>& variants) {
  ReportTable t("grow_ablation", "Ablation (same seeds and data)",
                {{"task", ""},
                 {"variant", ""},
                 {"test score", ""},
                 {"sd", ""},
                 {"95 % CI ±", ""},
                 {"parameters", ""},
                 {"events kept per run", ""},
                 {"CPU", "s"}});
  for (const GrowTask& task : tasks)
    for (const std::string& variant : variants) {
      const std::string& name = variant.empty() ? task.grown_arm : variant;
      const GrowArm* arm = task.find(name);
      if (arm == nullptr) continue;
      const SeedSummary s = score_summary(column(*arm, [](const GrowRun& r) { return r.score; }));
      const double kept = score_summary(column(*arm, [](const GrowRun& r) {
                            double k = 0;
                            for (const auto& e : r.events) k += e.accepted;
                            return k;
                          })).mean;
      t.add_row({C::of_text(task.name), C::of_text(name), C::of_decimal(s.mean, 5), C::of_decimal(s.sd, 5),
                 C::of_decimal(s.half_ci, 5), C::of_decimal(parameters_mean(*arm), 0), C::of_decimal(kept, 2),
                 C::of_decimal(score_summary(column(*arm, [](const GrowRun& r) { return r.cpu_seconds; })).mean, 2)});
    }
  return t;
}

std::vector<std::string> draw_grow_figure(const std::string& dir, const std::vector<GrowTask>& tasks,
                                          const std::vector<std::string>& point_arms) {
  const std::string fig = dir + "/figures";
  std::filesystem::create_directories(fig);
  std::ostringstream script;
  script << "set multiplot layout 1," << tasks.size() << " title 'Test score against parameters (5 seeds; "
         << "line: fixed-width family, mean and sd; points: one run each)'\nset logscale x\nset key bottom right\n"
         << "set xlabel 'parameters'\n";
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    const GrowTask& task = tasks[k];
    std::ostringstream family;
    family << "# parameters mean_score sd hidden\n";
    for (const GrowArm& arm : task.family) {
      const SeedSummary s = score_summary(column(arm, [](const GrowRun& r) { return r.score; }));
      family << parameters_mean(arm) << ' ' << s.mean << ' ' << s.sd << ' ' << arm.name << '\n';
    }
    const std::string family_file = fig + "/grow_family_" + std::to_string(k) + ".dat";
    exporters::write_file_atomic(family_file, family.str());
    script << "set title " << exporters::gnuplot_string(task.name) << "\nset ylabel '"
           << (task.name == "digits" ? "test accuracy" : "test R2") << "'\nplot "
           << exporters::gnuplot_string(family_file)
           << " using 1:2:3 with yerrorlines lw 2 title 'fixed family', '' using 1:2:4 with labels offset 0,1 notitle";
    for (std::size_t a = 0; a < point_arms.size(); ++a) {
      const GrowArm* arm = task.find(point_arms[a].empty() ? task.grown_arm : point_arms[a]);
      if (arm == nullptr) continue;
      std::ostringstream points;
      points << "# parameters score\n";
      for (const GrowRun& r : arm->runs) points << r.parameters << ' ' << r.score << '\n';
      const std::string file = fig + "/grow_points_" + std::to_string(k) + "_" + std::to_string(a) + ".dat";
      exporters::write_file_atomic(file, points.str());
      script << ", " << exporters::gnuplot_string(file) << " using 1:2 with points pt " << 5 + 2 * a << " ps 1.2 title "
             << exporters::gnuplot_string(arm->name);
    }
    script << "\n";
  }
  script << "unset multiplot\n";
  return plot_figure(dir, "grow_accuracy_params", script.str(), "1500,480");
}

}  // namespace ember::bench
