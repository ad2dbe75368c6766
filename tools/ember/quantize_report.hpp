// Float vs int8 side by side for `ember quantize` and `ember train --quantize int8`: both blobs run through
// the runtime on the same rows, scored against the truth and against each other.
#ifndef EMBER_TOOLS_QUANTIZE_REPORT_HPP
#define EMBER_TOOLS_QUANTIZE_REPORT_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ember/export/model_spec.hpp"
#include "ember/report/table_writer.hpp"
#include "ember/trainer/metrics.hpp"

namespace ember::cli {

// Rows of a CSV file as model inputs: every column but `target` (which may be empty: then there is no
// truth). Throws std::runtime_error naming the file when the feature count is not `input_width`.
struct LabeledRows {
  std::size_t rows = 0;
  std::vector<float> x;      // rows × input_width
  std::vector<double> truth;  // rows, empty without a target
};
LabeledRows read_labeled_rows(const std::string& path, const std::string& target, std::size_t input_width);

struct ModelScores {
  std::size_t blob_bytes = 0;
  trainer::RegressionMetrics regression;  // one-output regression models
  double accuracy = 0;                     // classifiers (softmax output)
};

struct Int8Comparison {
  bool classify = false;
  bool has_truth = false;
  std::size_t rows = 0;
  ModelScores float_model, int8_model;
  double max_abs_difference = 0;   // over every output of every row, in the data's units
  double mean_abs_difference = 0;
};

// Runs both blobs through ember::Model. Throws std::runtime_error if either is invalid or a run fails.
Int8Comparison compare_float_int8(const std::vector<std::uint8_t>& float_blob,
                                  const std::vector<std::uint8_t>& int8_blob, const LabeledRows& rows);

void write_int8_comparison(report::TableWriter& table, const Int8Comparison& c, const std::string& rows_source);
// One row per layer: widths, activation, element type, input and output scale and zero point.
void write_int8_layers(report::TableWriter& table, const exporters::ModelSpec& int8_model);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_QUANTIZE_REPORT_HPP
