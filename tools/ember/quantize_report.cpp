#include "quantize_report.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "ember/export/loaded_model.hpp"
#include "ember/export/text_escape.hpp"
#include "ember/trainer/csv.hpp"

namespace ember::cli {
namespace {
using report::Cell;
using report::Column;

bool is_classifier(const Model& m) {
  return m.layer(static_cast<std::uint16_t>(m.layer_count() - 1)).activation == Activation::softmax;
}

std::vector<float> run_rows(const std::vector<std::uint8_t>& blob, const LabeledRows& rows, const char* which,
                            bool& classify) {
  std::unique_ptr<exporters::LoadedModel> loaded;
  try {
    loaded = std::make_unique<exporters::LoadedModel>(blob);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string(which) + " blob: " + e.what());
  }
  Model& model = loaded->model();
  classify = is_classifier(model);
  const std::size_t in = model.input_width(), out = model.output_width();
  std::vector<float> y(rows.rows * out);
  for (std::size_t r = 0; r < rows.rows; ++r) {
    const Status s = model.run(rows.x.data() + r * in, y.data() + r * out);
    if (s != Status::ok) throw std::runtime_error(std::string(which) + " model: run failed: " + status_message(s));
  }
  return y;
}

ModelScores score(const std::vector<float>& y, const LabeledRows& rows, std::size_t outputs, bool classify,
                  std::size_t blob_bytes) {
  ModelScores s;
  s.blob_bytes = blob_bytes;
  if (rows.truth.empty()) return s;
  if (classify) {
    std::vector<int> truth(rows.rows), predicted(rows.rows);
    for (std::size_t r = 0; r < rows.rows; ++r) {
      const float* p = y.data() + r * outputs;
      predicted[r] = static_cast<int>(std::max_element(p, p + outputs) - p);
      truth[r] = static_cast<int>(rows.truth[r]);
    }
    s.accuracy = trainer::accuracy(truth, predicted);
  } else if (outputs == 1) {
    s.regression = trainer::regression_metrics(rows.truth, std::vector<double>(y.begin(), y.end()), 1);
  }
  return s;
}
}  // namespace

LabeledRows read_labeled_rows(const std::string& path, const std::string& target, std::size_t input_width) {
  const trainer::CsvTable table = trainer::read_csv(path);
  std::size_t target_column = table.columns.size();
  if (!target.empty()) {
    const auto named = std::find(table.columns.begin(), table.columns.end(), target);
    if (named != table.columns.end()) target_column = static_cast<std::size_t>(named - table.columns.begin());
  }
  const std::size_t features = table.columns.size() - (target_column < table.columns.size() ? 1 : 0);
  if (features != input_width)
    throw std::runtime_error(exporters::printable(path) + ": has " + std::to_string(features) + " feature columns, the model expects " +
                             std::to_string(input_width) + (target.empty() ? " (name the label column with --target)" : ""));
  if (table.rows == 0) throw std::runtime_error(exporters::printable(path) + ": has no data rows");
  LabeledRows rows;
  rows.rows = table.rows;
  rows.x.reserve(table.rows * input_width);
  for (std::size_t r = 0; r < table.rows; ++r) {
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      if (c != target_column) rows.x.push_back(static_cast<float>(table.at(r, c)));
    if (target_column < table.columns.size()) rows.truth.push_back(table.at(r, target_column));
  }
  return rows;
}

Int8Comparison compare_float_int8(const std::vector<std::uint8_t>& float_blob,
                                  const std::vector<std::uint8_t>& int8_blob, const LabeledRows& rows) {
  Int8Comparison c;
  bool int8_classify = false;
  const std::vector<float> f = run_rows(float_blob, rows, "float", c.classify);
  const std::vector<float> q = run_rows(int8_blob, rows, "int8", int8_classify);
  const std::size_t outputs = rows.rows == 0 ? 0 : f.size() / rows.rows;
  c.rows = rows.rows;
  // One truth column scores a classifier or a one-output regression; other models get the differences only.
  c.has_truth = !rows.truth.empty() && (c.classify || outputs == 1);
  c.float_model = score(f, rows, outputs, c.classify, float_blob.size());
  c.int8_model = score(q, rows, outputs, c.classify, int8_blob.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    const double d = std::fabs(static_cast<double>(f[i]) - q[i]);
    c.max_abs_difference = std::max(c.max_abs_difference, d);
    c.mean_abs_difference += d / static_cast<double>(f.size());
  }
  return c;
}

void write_int8_comparison(report::TableWriter& t, const Int8Comparison& c, const std::string& rows_source) {
  const std::string title = c.rows == 0 ? std::string("Float vs int8 blob size")
                                         : "Float vs int8 on " + rows_source + " (" + std::to_string(c.rows) + " rows)";
  const std::pair<const char*, const ModelScores*> models[] = {{"float32", &c.float_model}, {"int8", &c.int8_model}};
  if (c.has_truth && c.classify) {
    const Column cols[] = {{"model", ""}, {"blob", "bytes"}, {"accuracy", ""}, {"vs float32", "points"}};
    t.begin(title.c_str(), cols, 4);
    for (const auto& [name, s] : models) {
      const Cell row[] = {Cell::text(name), Cell::integer(static_cast<int64_t>(s->blob_bytes)),
                          Cell::decimal(s->accuracy, 4),
                          Cell::decimal(100.0 * (s->accuracy - c.float_model.accuracy), 2)};
      t.row(row, 4);
    }
  } else if (c.has_truth) {
    const Column cols[] = {{"model", ""}, {"blob", "bytes"}, {"R2", ""},
                           {"RMSE", ""},  {"MAE", ""},        {"RMSE vs float32", "%"}};
    t.begin(title.c_str(), cols, 6);
    const double float_rmse = c.float_model.regression.rmse;
    for (const auto& [name, s] : models) {
      const Cell row[] = {Cell::text(name),
                          Cell::integer(static_cast<int64_t>(s->blob_bytes)),
                          Cell::decimal(s->regression.r2, 5),
                          Cell::decimal(s->regression.rmse, 6),
                          Cell::decimal(s->regression.mae, 6),
                          Cell::decimal(float_rmse > 0 ? 100.0 * (s->regression.rmse / float_rmse - 1.0) : 0.0, 2)};
      t.row(row, 6);
    }
  } else {
    const Column cols[] = {{"model", ""}, {"blob", "bytes"}};
    t.begin(title.c_str(), cols, 2);
    for (const auto& [name, s] : models) {
      const Cell row[] = {Cell::text(name), Cell::integer(static_cast<int64_t>(s->blob_bytes))};
      t.row(row, 2);
    }
  }
  t.end();
  if (c.rows == 0) return;
  const Column cols[] = {{"max abs output difference", ""}, {"mean abs output difference", ""}};
  t.begin("int8 outputs against float32 outputs, in the data's units", cols, 2);
  const Cell row[] = {Cell::decimal(c.max_abs_difference, 6), Cell::decimal(c.mean_abs_difference, 6)};
  t.row(row, 2);
  t.end();
}

void write_int8_layers(report::TableWriter& t, const exporters::ModelSpec& m) {
  const Column cols[] = {{"layer", ""},        {"shape", ""},      {"activation", ""},
                         {"type", ""},         {"input scale", ""}, {"input zero point", ""},
                         {"output scale", ""}, {"output zero point", ""}};
  t.begin("Layers", cols, 8);
  for (std::size_t k = 0; k < m.layers.size(); ++k) {
    const exporters::DenseLayerSpec& l = m.layers[k];
    const std::string shape = std::to_string(l.in_width) + "x" + std::to_string(l.out_width);
    if (l.is_int8() && l.int8->float_output) {  // kind 4: int8 in, the accumulators out as float32
      const Cell row[] = {Cell::integer(static_cast<int64_t>(k)),   Cell::text(shape.c_str()),
                          Cell::text(activation_name(l.activation)), Cell::text("int8, float32 output"),
                          Cell::decimal(l.int8->input_scale, 6),     Cell::integer(l.int8->input_zero_point),
                          Cell::text("-"),                           Cell::text("-")};
      t.row(row, 8);
    } else if (l.is_int8()) {
      const Cell row[] = {Cell::integer(static_cast<int64_t>(k)),      Cell::text(shape.c_str()),
                          Cell::text(activation_name(l.activation)),
                          Cell::text(l.int8->int16_input ? "int8, int16 input" : "int8"),
                          Cell::decimal(l.int8->input_scale, l.int8->int16_input ? 9 : 6),
                          Cell::integer(l.int8->input_zero_point),
                          Cell::decimal(l.int8->output_scale, 6),      Cell::integer(l.int8->output_zero_point)};
      t.row(row, 8);
    } else {
      const Cell row[] = {Cell::integer(static_cast<int64_t>(k)), Cell::text(shape.c_str()),
                          Cell::text(activation_name(l.activation)), Cell::text("float32"),
                          Cell::text("-"), Cell::text("-"), Cell::text("-"), Cell::text("-")};
      t.row(row, 8);
    }
  }
  t.end();
}

}  // namespace ember::cli
