// Float vs int8 in `ember bench`: the benchmark's trained model quantized with the training split as
// calibration (exporters/quantize.hpp, the defaults of `ember quantize`), both blobs scored on the test
// split and timed through Model::run; with --target, instructions per inference on each Cortex-M.
#ifndef EMBER_BENCH_QUANT_BENCH_HPP
#define EMBER_BENCH_QUANT_BENCH_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ember/bench/device_bench.hpp"
#include "ember/bench/report_table.hpp"
#include "ember/bench/stopwatch.hpp"
#include "ember/trainer/metrics.hpp"

namespace ember::bench {

struct QuantizedModelRow {
  std::string element_type;  // "float32" or "int8"
  std::size_t blob_bytes = 0;
  trainer::RegressionMetrics test;
  TimingSummary seconds_per_inference;  // Model::run, one sample
};

struct QuantizationResults {
  std::vector<QuantizedModelRow> rows;  // float32 first, then int8
  double max_abs_difference = 0;         // int8 vs float32 predictions on the test split
  double mean_abs_difference = 0;
  std::vector<std::uint8_t> int8_blob;   // for the device rows (`ember bench --target`)
};

// The training split of the benchmark task, original units: what `ember quantize --calibrate train.csv
// --target y` reads.
struct CalibrationRows {
  std::vector<float> x;  // rows × input_width
  std::vector<float> y;  // rows (one output)
};

// calibration: the training split; quantized with `ember quantize`'s defaults, its labels for the output
// layer's refit. test_x / test_y: the test split. Throws std::runtime_error if quantizing or a run fails.
QuantizationResults measure_quantization(const std::vector<std::uint8_t>& float_blob, const CalibrationRows& calibration,
                                         const std::vector<float>& test_x, const std::vector<float>& test_y,
                                         std::size_t repeats, double seconds_per_repeat);

// The training split of the benchmark task at `samples` (task_data, task_config's split and seed).
CalibrationRows task_training_rows(std::size_t samples);

// float_devices / int8_devices: the two blobs' device rows for --target (same targets, same order), or
// both empty; each target adds an instructions-per-inference column.
ReportTable float_vs_int8_table(const QuantizationResults& results, const std::vector<DeviceRow>& float_devices,
                                const std::vector<DeviceRow>& int8_devices);

}  // namespace ember::bench

#endif  // EMBER_BENCH_QUANT_BENCH_HPP
