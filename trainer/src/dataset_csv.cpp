// A training set from a numeric CSV file: every column but the target is a feature.
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "ember/export/input_caps.hpp"

#include "ember/trainer/csv.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::trainer {
namespace {
std::string readable(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}
}  // namespace

Dataset dataset_from_csv(const std::string& path, const std::string& target, Task task) {
  const CsvTable table = read_csv(path);
  const std::size_t target_column = table.column_index(target);
  if (table.columns.size() < 2) throw std::runtime_error(path + ": needs at least one feature column besides " + target);
  if (table.columns.size() - 1 > 65535) throw std::runtime_error(path + ": more than 65535 feature columns");
  Dataset d;
  d.rows = table.rows;
  d.features = table.columns.size() - 1;
  d.task = task;
  d.target_name = target;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (c != target_column) d.feature_names.push_back(table.columns[c]);
  d.x.reserve(d.rows * d.features);
  d.y.reserve(d.rows);
  double max_label = 0;
  for (std::size_t r = 0; r < table.rows; ++r) {
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      if (c != target_column) d.x.push_back(static_cast<float>(table.at(r, c)));
    const double y = table.at(r, target_column);
    if (task == Task::classify) {
      // CsvTable keeps no line numbers per row, so the message names the data row (1 = first after the header).
      // The class count sizes the output layer and the classes x classes confusion matrix: capped.
      constexpr double kLargestClass = static_cast<double>(exporters::caps::kMaxClasses - 1);
      if (y < 0 || y != std::floor(y) || y > kLargestClass)
        throw std::runtime_error(path + ": data row " + std::to_string(r + 1) + ": target '" + target +
                                 "' must be a class index 0.." + std::to_string(exporters::caps::kMaxClasses - 1) +
                                 " for --task classify (caps::kMaxClasses), not " + readable(y));
      if (y > max_label) max_label = y;
    }
    d.y.push_back(static_cast<float>(y));
  }
  if (task == Task::classify) {
    d.classes = static_cast<std::size_t>(max_label) + 1;
    if (d.classes < 2) throw std::runtime_error(path + ": --task classify needs at least two classes in '" + target + "'");
  }
  return d;
}

}  // namespace ember::trainer
