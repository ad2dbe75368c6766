#include "ember/bench/training_bench.hpp"

#include <nlohmann/json.hpp>

#include <time.h>

#include <algorithm>
#include <stdexcept>

#include "ember/bench/child_process.hpp"
#include "ember/bench/memory_probe.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/model.hpp"

namespace ember::bench {
namespace {
using nlohmann::json;

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

json train_once(std::size_t samples, std::size_t max_epochs, bool want_model) {
  const trainer::Dataset data = task_data(samples);
  const trainer::TrainConfig config = task_config(max_epochs);
  json out;
  out["baseline_rss"] = current_rss_bytes();
  RssSampler sampler;
  sampler.start();
  const double start = now_seconds(), cpu_start = process_cpu_seconds();
  const trainer::TrainResult result = trainer::train(data, config);
  const double wall = now_seconds() - start;
  out["cpu_seconds"] = process_cpu_seconds() - cpu_start;
  sampler.stop();
  out["wall_seconds"] = wall;
  out["epochs"] = result.epochs_run;
  out["train_rows"] = result.train.rows;
  // The kernel's high-water mark, or the sampler's highest VmRSS when that is higher (VmRSS counts pages
  // ru_maxrss can miss, such as the sampler's own): a peak below the average would be no peak.
  out["peak_rss"] = std::max(peak_rss_bytes(), sampler.max_bytes());
  out["average_rss"] = sampler.average_bytes();
  out["r2"] = result.test.regression.r2;
  out["mse"] = result.test.regression.mse;
  out["rmse"] = result.test.regression.rmse;
  out["mae"] = result.test.regression.mae;
  if (want_model) {
    out["blob"] = exporters::write_blob(result.model);
    out["test_x"] = result.test_x;
    out["test_y"] = result.test_y;
  }
  return out;
}

TrainingRun run_from_json(const json& j) {
  TrainingRun r;
  r.wall_seconds = j.at("wall_seconds").get<double>();
  r.cpu_seconds = j.at("cpu_seconds").get<double>();
  r.epochs = j.at("epochs").get<std::size_t>();
  r.train_rows = j.at("train_rows").get<std::size_t>();
  r.baseline_rss = j.at("baseline_rss").get<std::size_t>();
  r.peak_rss = j.at("peak_rss").get<std::size_t>();
  r.average_rss = j.at("average_rss").get<double>();
  r.test.r2 = j.at("r2").get<double>();
  r.test.mse = j.at("mse").get<double>();
  r.test.rmse = j.at("rmse").get<double>();
  r.test.mae = j.at("mae").get<double>();
  return r;
}

// Loads the blob and predicts the test split with run_batch, in a child, sampling its memory.
PredictionMemory measure_prediction(const std::vector<std::uint8_t>& blob, const std::vector<float>& test_x) {
  const std::string payload = run_in_child("prediction memory", [&] {
    json out;
    out["baseline_rss"] = current_rss_bytes();
    RssSampler sampler(1);
    sampler.start();
    const double start = now_seconds();
    exporters::LoadedModel loaded(blob);
    Model& model = loaded.model();
    const std::size_t rows = test_x.size() / model.input_width();
    std::vector<float> predictions(rows * model.output_width());
    model.run_batch(test_x.data(), rows, predictions.data());
    out["seconds"] = now_seconds() - start;
    sampler.stop();
    out["peak_rss"] = std::max(peak_rss_bytes(), sampler.max_bytes());
    out["average_rss"] = sampler.average_bytes();
    return out.dump();
  });
  const json j = json::parse(payload);
  PredictionMemory m;
  m.baseline_rss = j.at("baseline_rss").get<std::size_t>();
  m.peak_rss = j.at("peak_rss").get<std::size_t>();
  m.average_rss = j.at("average_rss").get<double>();
  m.seconds = j.at("seconds").get<double>();
  return m;
}
}  // namespace

trainer::TrainConfig task_config(std::size_t max_epochs) {
  trainer::TrainConfig c;
  c.task = trainer::Task::regress;
  c.hidden = {64, 32, 16};
  c.hidden_activation = Activation::relu;
  // Optimizer, batch, weight decay, averaging and patience: Ember's default recipe for the data size
  // (trainer::choose_recipe), measured beside the peers' same-recipe and best-recipe runs. --max-epochs
  // below the bench's default of 1000 caps the run (quick modes); otherwise the recipe's own limit holds.
  if (max_epochs < 1000) c.max_epochs = max_epochs;
  c.split_train = 0.6;
  c.split_validation = 0.2;
  c.split_test = 0.2;
  c.seed = kTaskSeed;
  c.model_name = "interpolator-5d";
  return c;
}

trainer::Dataset task_data(std::size_t samples) {
  return trainer::make_sum_squares(samples, kTaskFeatures, kTaskNoise, kTaskSeed);
}

TrainingResults measure_training(const std::vector<std::size_t>& sizes, std::size_t repeats,
                                 std::size_t max_epochs) {
  if (sizes.empty() || repeats == 0) throw std::invalid_argument("training benchmark: no sizes or no repeats");
  TrainingResults results;
  // Warm-up: one untimed short run, so the first timed run does not pay for page faults in code and
  // libraries, or for the core's clock ramping up.
  run_in_child("warm-up training", [&] { return train_once(*std::min_element(sizes.begin(), sizes.end()),
                                                           std::min<std::size_t>(max_epochs, 3), false).dump(); });
  const std::size_t largest = *std::max_element(sizes.begin(), sizes.end());
  for (std::size_t samples : sizes) {
    SizeResults size;
    size.samples = samples;
    std::vector<double> walls, cpus;
    for (std::size_t r = 0; r < repeats; ++r) {
      const bool want_model = samples == largest && results.blob.empty();
      const std::string payload = run_in_child("training on " + std::to_string(samples) + " samples", [&] {
        return train_once(samples, max_epochs, want_model).dump();
      });
      const json j = json::parse(payload);
      size.runs.push_back(run_from_json(j));
      walls.push_back(size.runs.back().wall_seconds);
      cpus.push_back(size.runs.back().cpu_seconds);
      if (want_model) {
        results.blob = j.at("blob").get<std::vector<std::uint8_t>>();
        results.test_x = j.at("test_x").get<std::vector<float>>();
        results.test_y = j.at("test_y").get<std::vector<float>>();
      }
    }
    size.wall = summarize(walls);
    size.cpu = summarize(cpus);
    results.sizes.push_back(std::move(size));
  }
  // Prediction memory per size on the largest model: what differs between sizes is only the test rows.
  for (SizeResults& size : results.sizes) {
    const std::size_t rows = std::min(results.test_x.size() / kTaskFeatures, size.samples / 5);
    const std::vector<float> x(results.test_x.begin(), results.test_x.begin() + rows * kTaskFeatures);
    size.prediction = measure_prediction(results.blob, x);
  }
  return results;
}

}  // namespace ember::bench
