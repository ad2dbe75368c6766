#include "ember/bench/quant_bench.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/export/quantize.hpp"
#include "ember/bench/training_bench.hpp"
#include "ember/model.hpp"
#include "ember/trainer/data_split.hpp"

namespace ember::bench {
namespace {
using C = ReportCell;

// Model::run over the test rows: the predictions, and seconds per call over repeats of about
// `seconds_per_repeat` each after one untimed pass.
QuantizedModelRow run_model(const std::vector<std::uint8_t>& blob, const char* element_type,
                            const std::vector<float>& test_x, const std::vector<float>& test_y, std::size_t repeats,
                            double seconds_per_repeat, std::vector<float>& predictions) {
  std::unique_ptr<exporters::LoadedModel> loaded;
  try {
    loaded = std::make_unique<exporters::LoadedModel>(blob);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string(element_type) + " benchmark blob: " + e.what());
  }
  Model& model = loaded->model();
  const std::size_t in = model.input_width(), rows = test_x.size() / in;
  if (rows == 0 || model.output_width() != 1 || test_y.size() != rows)
    throw std::runtime_error("quantization benchmark: needs test rows of a one-output model");
  predictions.assign(rows, 0.0f);
  auto pass = [&] {
    for (std::size_t r = 0; r < rows; ++r)
      if (model.run(test_x.data() + r * in, &predictions[r]) != Status::ok)
        throw std::runtime_error(std::string(element_type) + " model: run failed");
  };
  pass();
  std::vector<double> per_call;
  for (std::size_t k = 0; k < repeats; ++k) {
    std::size_t calls = 0;
    const double start = now_seconds();
    double elapsed = 0;
    do {
      pass();
      calls += rows;
      elapsed = now_seconds() - start;
    } while (elapsed < seconds_per_repeat);
    per_call.push_back(elapsed / static_cast<double>(calls));
  }
  QuantizedModelRow row;
  row.element_type = element_type;
  row.blob_bytes = blob.size();
  row.test = trainer::regression_metrics(std::vector<double>(test_y.begin(), test_y.end()),
                                         std::vector<double>(predictions.begin(), predictions.end()), 1);
  row.seconds_per_inference = summarize(per_call);
  return row;
}
}  // namespace

QuantizationResults measure_quantization(const std::vector<std::uint8_t>& float_blob, const CalibrationRows& calibration,
                                         const std::vector<float>& test_x, const std::vector<float>& test_y,
                                         std::size_t repeats, double seconds_per_repeat) {
  std::vector<std::uint8_t> int8_blob;
  try {
    const exporters::ModelSpec model = exporters::read_blob(float_blob);
    // `ember quantize`'s defaults: every layer int8, the output layer of kind 4, both refits, labels given.
    exporters::QuantizeOptions options;
    const std::size_t rows = calibration.x.size() / model.input_width();
    if (model.output_width() == 1 && calibration.y.size() == rows) options.refit_targets = calibration.y;
    int8_blob = exporters::write_blob(exporters::quantize_model(model, calibration.x, rows, options));
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("quantization benchmark: ") + e.what());
  }
  QuantizationResults results;
  std::vector<float> f, q;
  results.rows.push_back(run_model(float_blob, "float32", test_x, test_y, repeats, seconds_per_repeat, f));
  results.rows.push_back(run_model(int8_blob, "int8", test_x, test_y, repeats, seconds_per_repeat, q));
  results.int8_blob = int8_blob;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const double d = std::fabs(static_cast<double>(f[i]) - q[i]);
    results.max_abs_difference = std::max(results.max_abs_difference, d);
    results.mean_abs_difference += d / static_cast<double>(f.size());
  }
  return results;
}

CalibrationRows task_training_rows(std::size_t samples) {
  const trainer::TrainConfig config = task_config(1);
  trainer::SplitData split = trainer::split_and_standardize(task_data(samples), config.split_train,
                                                            config.split_validation, config.split_test, config.seed);
  return {std::move(split.train.x_original), std::move(split.train.y_original)};
}

ReportTable float_vs_int8_table(const QuantizationResults& r, const std::vector<DeviceRow>& float_devices,
                                const std::vector<DeviceRow>& int8_devices) {
  std::vector<std::pair<std::string, std::string>> columns = {{"model", ""},
                                                              {"blob", "bytes"},
                                                              {"test R2", ""},
                                                              {"test RMSE", ""},
                                                              {"RMSE vs float", "%"},
                                                              {"host time", "ns/inference"},
                                                              {"spread", "%"}};
  const bool devices = !float_devices.empty() && float_devices.size() == int8_devices.size();
  if (devices)
    for (const DeviceRow& d : float_devices) columns.push_back({d.target, "instructions/inference"});
  ReportTable t("float_vs_int8", "Float vs int8 (the model trained on the largest size, its test split, Model::run on one core)",
                columns);
  const double float_rmse = r.rows.empty() ? 0 : r.rows.front().test.rmse;
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    const QuantizedModelRow& row = r.rows[k];
    std::vector<ReportCell> cells = {C::of_text(row.element_type), C::of_integer(static_cast<std::int64_t>(row.blob_bytes)),
                                     C::of_decimal(row.test.r2, 5), C::of_decimal(row.test.rmse, 6),
                                     C::of_decimal(float_rmse > 0 ? 100.0 * (row.test.rmse / float_rmse - 1.0) : 0.0, 2),
                                     C::of_decimal(row.seconds_per_inference.median * 1e9, 1),
                                     C::of_decimal(100.0 * row.seconds_per_inference.spread(), 1)};
    if (devices)
      for (const DeviceRow& d : k == 0 ? float_devices : int8_devices) cells.push_back(C::of_decimal(d.instructions_single, 1));
    t.add_row(std::move(cells));
  }
  char text[160];
  std::snprintf(text, sizeof text, "int8 vs float32 predictions: max abs difference %.4f, mean %.4f.",
                r.max_abs_difference, r.mean_abs_difference);
  t.notes.push_back(text);
  t.notes.push_back("int8: `ember quantize` defaults (calibrated on the training split, range margins 0.15 on the input and 0.10 elsewhere, int16 "
                    "model input, output layer of kind 4, hidden and output layers refitted on the training split with its labels). Device instructions: `ember bench --target T` (QEMU -icount, one inference, as "
                    "`ember profile --target` counts them).");
  return t;
}

}  // namespace ember::bench
