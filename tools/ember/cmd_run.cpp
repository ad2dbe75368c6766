// `ember run model.ember --input data.csv`: predictions through the runtime, as CSV.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/trainer/csv.hpp"
#include "ember/trainer/metrics.hpp"
#include "model_file.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {
struct RunOptions {
  std::string model;
  std::string input;
  std::string output;
  std::string target;
  OutputFormat format;
};

bool is_classifier(const Model& m) {
  return m.layer(static_cast<std::uint16_t>(m.layer_count() - 1)).activation == Activation::softmax;
}

void run_model(const RunOptions& o) {
  refuse_overwriting_inputs({{"--output", o.output}}, {{"model", o.model}, {"--input", o.input}});
  const auto file = load_model_file(o.model);
  Model& model = file->model();
  const trainer::CsvTable table = trainer::read_csv(o.input);
  const std::size_t target_column = o.target.empty() ? table.columns.size() : table.column_index(o.target);
  std::vector<std::size_t> feature_columns;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (c != target_column) feature_columns.push_back(c);
  if (feature_columns.size() != model.input_width())
    throw std::runtime_error(o.input + ": has " + std::to_string(feature_columns.size()) + " feature columns, " +
                             o.model + " expects " + std::to_string(model.input_width()) +
                             (o.target.empty() ? " (name the label column with --target)" : ""));

  const bool classify = is_classifier(model);
  const std::size_t outs = model.output_width();
  std::vector<std::string> columns;
  for (std::size_t j = 0; j < outs; ++j) columns.push_back(outs == 1 ? "prediction" : "y" + std::to_string(j));
  if (classify) columns.push_back("class");

  std::vector<float> x(model.input_width()), y(outs);
  std::vector<double> rows, truth, predicted;
  std::vector<int> true_class, predicted_class;
  for (std::size_t r = 0; r < table.rows; ++r) {
    for (std::size_t i = 0; i < feature_columns.size(); ++i) x[i] = static_cast<float>(table.at(r, feature_columns[i]));
    const Status s = model.run(x.data(), y.data());
    if (s != Status::ok) throw std::runtime_error(std::string("run failed: ") + status_message(s));
    std::size_t best = 0;
    for (std::size_t j = 0; j < outs; ++j) {
      rows.push_back(y[j]);
      if (y[j] > y[best]) best = j;
    }
    if (classify) rows.push_back(static_cast<double>(best));
    if (!o.target.empty()) {
      if (classify) {
        true_class.push_back(static_cast<int>(table.at(r, target_column)));
        predicted_class.push_back(static_cast<int>(best));
      } else if (outs == 1) {
        truth.push_back(table.at(r, target_column));
        predicted.push_back(y[0]);
      }
    }
  }

  // Predictions: to --output as CSV; else on stdout, as JSON lines with --json, as one plain CSV table
  // (header and rows, nothing else, so any CSV reader takes stdout as it is) otherwise.
  if (!o.output.empty()) {
    trainer::write_csv(o.output, columns, rows);
  } else if (o.format.json) {
    std::string text;
    auto t = string_table(report::TableFormat::json, text);
    std::vector<report::Column> cols;
    for (const std::string& c : columns) cols.push_back({c.c_str(), ""});
    t.begin("Predictions", cols.data(), cols.size());
    std::vector<report::Cell> cells(columns.size(), report::Cell::integer(0));
    for (std::size_t r = 0; r < rows.size() / columns.size(); ++r) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const double v = rows[r * columns.size() + c];
        cells[c] = classify && c + 1 == columns.size() ? report::Cell::integer(static_cast<std::int64_t>(v))
                                                        : report::Cell::decimal(v, 9);
      }
      t.row(cells.data(), cells.size());
    }
    t.end();
    std::fputs(text.c_str(), stdout);
  } else {
    std::string text;
    for (std::size_t c = 0; c < columns.size(); ++c) text += (c ? "," : "") + columns[c];
    std::printf("%s\n", text.c_str());
    for (std::size_t i = 0; i < rows.size(); ++i)
      std::printf("%.9g%c", rows[i], (i + 1) % columns.size() == 0 ? '\n' : ',');
  }

  if (o.target.empty()) return;
  // The metrics join the predictions on stdout as JSON lines; with --csv stdout holds the predictions
  // table alone, so they go to stderr, as they do whenever the predictions are on stdout.
  FILE* stream = o.format.json || (!o.output.empty() && !o.format.csv) ? stdout : stderr;
  std::string text;
  auto t = string_table(o.format.table_format(), text);
  const report::Column cols[] = {{"metric", ""}, {"value", ""}};
  t.begin("Accuracy on the input rows", cols, 2);
  auto add = [&](const char* name, double value) {
    const report::Cell row[] = {report::Cell::text(name), report::Cell::decimal(value, 6)};
    t.row(row, 2);
  };
  if (classify) {
    add("accuracy", trainer::accuracy(true_class, predicted_class));
  } else if (outs == 1) {
    const auto m = trainer::regression_metrics(truth, predicted, 1);
    add("R2", m.r2);
    add("MSE", m.mse);
    add("RMSE", m.rmse);
    add("MAE", m.mae);
  }
  t.end();
  std::fputs(text.c_str(), stream);
}
}  // namespace

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a model blob on the rows of a CSV file and print predictions");
  cmd->add_option("model", options->model, "model blob (.ember)")->required();
  cmd->add_option("-i,--input", options->input, "CSV with a header row; one column per model input")->required();
  cmd->add_option("-o,--output", options->output, "write predictions here (atomically) instead of stdout")
      ->check(output_path());
  cmd->add_option("-t,--target", options->target,
                  "label column: left out of the inputs and used to report R2/MSE/RMSE/MAE or accuracy");
  add_output_flags(*cmd, options->format);
  cmd->callback([options] { run_model(*options); });
}

}  // namespace ember::cli
