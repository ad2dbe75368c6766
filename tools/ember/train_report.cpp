#include "train_report.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace ember::cli {
namespace {
using report::Cell;
using report::Column;

void write_scores(report::TableWriter& t, const trainer::TrainResult& r, trainer::Task task) {
  const std::pair<const char*, const trainer::SplitScores*> splits[] = {
      {"train", &r.train}, {"validation", &r.validation}, {"test", &r.test}};
  if (task == trainer::Task::classify) {
    const Column cols[] = {{"split", ""}, {"rows", ""}, {"accuracy", ""}};
    t.begin("Scores", cols, 3);
    for (const auto& [name, s] : splits) {
      const Cell row[] = {Cell::text(name), Cell::integer(static_cast<int64_t>(s->rows)), Cell::decimal(s->accuracy, 4)};
      t.row(row, 3);
    }
  } else {
    const Column cols[] = {{"split", ""}, {"rows", ""}, {"R2", ""}, {"MSE", ""}, {"RMSE", ""}, {"MAE", ""}};
    t.begin("Scores", cols, 6);
    for (const auto& [name, s] : splits) {
      const auto& m = s->regression;
      const Cell row[] = {Cell::text(name),       Cell::integer(static_cast<int64_t>(s->rows)),
                          Cell::decimal(m.r2, 5), Cell::decimal(m.mse, 6),
                          Cell::decimal(m.rmse, 6), Cell::decimal(m.mae, 6)};
      t.row(row, 6);
    }
  }
  t.end();
}

void write_run(report::TableWriter& t, const trainer::TrainResult& r, std::size_t blob_bytes) {
  const Column cols[] = {{"epochs", ""},      {"best epoch", ""}, {"wall time", "s"},
                         {"peak memory", "MiB"}, {"parameters", ""}, {"blob", "bytes"}};
  t.begin("Training run", cols, 6);
  const Cell row[] = {Cell::integer(static_cast<int64_t>(r.epochs_run)),
                      Cell::integer(static_cast<int64_t>(r.best_epoch)),
                      Cell::decimal(r.wall_seconds, 3),
                      Cell::decimal(static_cast<double>(r.peak_rss_bytes) / (1024.0 * 1024.0), 1),
                      Cell::integer(static_cast<int64_t>(r.model.parameter_count())),
                      Cell::integer(static_cast<int64_t>(blob_bytes))};
  t.row(row, 6);
  t.end();
}

// Which recipe ran, why, and every setting it resolved to (the flags that change each are in --help).
void write_recipe(report::TableWriter& t, const trainer::Recipe& r) {
  char settings[360];
  const char* init = r.init == trainer::Init::he ? "he" : r.init == trainer::Init::xavier ? "xavier" : "auto";
  if (r.optimizer == trainer::Optimizer::lbfgs) {
    std::snprintf(settings, sizeof settings,
                  "--optimizer lbfgs --weight-decay %.3g --lbfgs-history %zu --lbfgs-warm-start %zu --validate-every %zu "
                  "--patience %zu --max-epochs %zu --restarts %zu --init %s",
                  r.weight_decay, r.history, r.warm_start_iterations, r.validation_interval, r.patience, r.max_epochs,
                  r.restarts, init);
  } else {
    std::snprintf(settings, sizeof settings,
                  "--optimizer adam --batch %zu --lr %.3g --lr-patience %zu --lr-decay %.3g --average %.6g "
                  "--weight-decay %.3g --patience %zu --max-epochs %zu --restarts %zu --init %s",
                  r.batch, r.learning_rate, r.lr_patience, r.lr_decay, r.weight_average, r.weight_decay, r.patience,
                  r.max_epochs, r.restarts, init);
  }
  const Column cols[] = {{"recipe", ""}, {"why", ""}, {"settings", ""}};
  t.begin("Recipe", cols, 3);
  const Cell row[] = {Cell::text(r.name.c_str()), Cell::text(r.reason.c_str()), Cell::text(settings)};
  t.row(row, 3);
  t.end();
}

void write_confusion(report::TableWriter& t, const trainer::TrainResult& r) {
  const std::size_t classes = r.confusion.size();
  if (classes == 0) return;
  // Column names must outlive end(): keep them here.
  std::vector<std::string> names{"true"};
  for (std::size_t c = 0; c < classes; ++c) names.push_back(std::to_string(c));
  std::vector<Column> cols;
  for (const auto& n : names) cols.push_back({n.c_str(), ""});
  t.begin("Confusion matrix on the test split (rows: true class, columns: predicted)", cols.data(), cols.size());
  std::vector<Cell> row(classes + 1);
  for (std::size_t truth = 0; truth < classes; ++truth) {
    row[0] = Cell::integer(static_cast<int64_t>(truth));
    for (std::size_t p = 0; p < classes; ++p) row[p + 1] = Cell::integer(static_cast<int64_t>(r.confusion[truth][p]));
    t.row(row.data(), row.size());
  }
  t.end();
}
}  // namespace

void write_train_report(report::TableWriter& table, const trainer::TrainResult& result, trainer::Task task,
                        std::size_t blob_bytes) {
  write_scores(table, result, task);
  write_run(table, result, blob_bytes);
  write_recipe(table, result.recipe);
  if (task == trainer::Task::classify) write_confusion(table, result);
}

}  // namespace ember::cli
