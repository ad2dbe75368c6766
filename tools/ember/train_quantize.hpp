// `ember train --quantize int8`: the int8 blob beside the float one, calibrated on the training split and
// scored against the float model on the test split.
#ifndef EMBER_TOOLS_TRAIN_QUANTIZE_HPP
#define EMBER_TOOLS_TRAIN_QUANTIZE_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ember/export/model_spec.hpp"
#include "ember/trainer/data_split.hpp"
#include "ember/trainer/trainer.hpp"
#include "quantize_report.hpp"

namespace ember::cli {

struct TrainedInt8 {
  exporters::ModelSpec model;
  std::vector<std::uint8_t> blob;
  Int8Comparison comparison;  // on the test split
};

// Throws std::runtime_error naming what failed.
TrainedInt8 quantize_trained_model(const trainer::TrainResult& result, const std::vector<std::uint8_t>& float_blob,
                                   const trainer::Dataset& data, const trainer::TrainConfig& config);

// The trainer's own training split (same data, fractions and seed): calibration rows for int8.
trainer::SplitRows training_split(const trainer::Dataset& data, const trainer::TrainConfig& config);

// "models/m.ember" -> "models/m-int8.ember" (or "<out>-int8.ember" without an extension).
std::string int8_path_for(const std::string& float_path);

}  // namespace ember::cli

#endif  // EMBER_TOOLS_TRAIN_QUANTIZE_HPP
