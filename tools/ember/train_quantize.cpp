#include "train_quantize.hpp"

#include <stdexcept>

#include "ember/export/blob_writer.hpp"
#include "ember/export/quantize.hpp"

namespace ember::cli {

trainer::SplitRows training_split(const trainer::Dataset& data, const trainer::TrainConfig& config) {
  return trainer::split_and_standardize(data, config.split_train, config.split_validation, config.split_test,
                                        config.seed)
      .train;
}

TrainedInt8 quantize_trained_model(const trainer::TrainResult& result, const std::vector<std::uint8_t>& float_blob,
                                   const trainer::Dataset& data, const trainer::TrainConfig& config) {
  const trainer::SplitRows train = training_split(data, config);  // calibration sees the training rows only
  exporters::QuantizeOptions options;  // the defaults of `ember quantize`: the output layer is kind 4
  // and refitted to the training labels (a regression's y_original is rows × outputs, as the refit takes it)
  if (train.y_original.size() == train.rows * result.model.output_width() && train.labels.empty())
    options.refit_targets = train.y_original;
  TrainedInt8 out;
  try {
    out.model = exporters::quantize_model(result.model, train.x_original, train.rows, options);
    out.blob = exporters::write_blob(out.model);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("--quantize int8: ") + e.what());
  }
  LabeledRows test;
  test.rows = result.test.rows;
  test.x = result.test_x;
  test.truth.assign(result.test_y.begin(), result.test_y.end());
  if (test.truth.size() != test.rows) test.truth.clear();  // several outputs: no single truth column
  out.comparison = compare_float_int8(float_blob, out.blob, test);
  return out;
}

std::string int8_path_for(const std::string& float_path) {
  const std::size_t slash = float_path.find_last_of('/');
  const std::size_t dot = float_path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return float_path + "-int8.ember";
  return float_path.substr(0, dot) + "-int8" + float_path.substr(dot);
}

}  // namespace ember::cli
