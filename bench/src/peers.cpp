#include "ember/bench/peers.hpp"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "ember/trainer/data_split.hpp"  // the trainer's own split, so peers see the very same rows
#include "ember/bench/training_bench.hpp"
#include "ember/export/file_io.hpp"
#include "ember/export/spawn.hpp"

#ifndef EMBER_PEERS_DIR
#error "EMBER_PEERS_DIR must name bench/peers"
#endif

namespace ember::bench {
namespace {
void write_floats(const std::string& path, const std::vector<float>& values) {
  exporters::write_file_atomic(path, values.data(), values.size() * sizeof(float));
}

// Runs a peer's Python with stdout and stderr captured together; no shell in between.
exporters::SpawnResult run_python(const std::vector<std::string>& args, bool quiet_errors) {
  std::vector<std::string> argv = {peer_python()};
  argv.insert(argv.end(), args.begin(), args.end());
  exporters::SpawnOptions options;
  options.capture_stdout = true;
  options.stderr_path = quiet_errors ? "/dev/null" : "=stdout";
  // One thread each, so the peers' timings compare with Ember's single-threaded trainer.
  options.environment = {{"OMP_NUM_THREADS", "1"}, {"OPENBLAS_NUM_THREADS", "1"}, {"MKL_NUM_THREADS", "1"}};
  return exporters::spawn_and_wait(argv, options);
}

std::string last_line(const std::string& text) {
  std::size_t end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return "";
  const std::size_t begin = text.rfind('\n', end);
  return text.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}
}  // namespace

std::string peer_python() {
  const char* env = std::getenv("EMBER_PEER_PYTHON");
  return env != nullptr && *env != '\0' ? env : "/usr/bin/python3";
}

std::string peers_missing_message() {
  if (run_python({"-c", "import numpy, sklearn, torch"}, true).succeeded()) return "";
  return "peers unavailable: " + peer_python() + " cannot import numpy, sklearn and torch; install them with: sudo " +
         std::string(EMBER_PEERS_DIR) + "/setup.sh";
}

void write_peer_data(const std::string& dir, std::size_t samples) {
  write_peer_data(dir, task_data(samples), task_config(1));
}

void write_peer_data(const std::string& dir, const trainer::Dataset& data, const trainer::TrainConfig& config) {
  ::mkdir(dir.c_str(), 0755);
  const trainer::SplitData split = trainer::split_and_standardize(data, config.split_train, config.split_validation,
                                                                  config.split_test, config.seed);
  const std::pair<const char*, const trainer::SplitRows*> parts[] = {
      {"train", &split.train}, {"validation", &split.validation}, {"test", &split.test}};
  nlohmann::json meta;
  meta["features"] = data.features;
  meta["outputs"] = data.outputs;
  for (const auto& [name, rows] : parts) {
    write_floats(dir + "/x_" + name + ".f32", rows->x_original);
    write_floats(dir + "/y_" + name + ".f32", rows->y_original);
    meta["rows"][name] = rows->rows;
  }
  exporters::write_file_atomic(dir + "/meta.json", meta.dump() + "\n");
}

PeerResult run_peer(const std::string& script, const std::string& data_dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {std::string(EMBER_PEERS_DIR) + "/" + script, data_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  const exporters::SpawnResult run = run_python(argv, false);
  const std::string line = last_line(run.output);
  if (!run.succeeded() || line.empty() || line[0] != '{')
    throw std::runtime_error("peer " + script + " failed: " + (!run.started ? run.error : line.empty() ? std::string("no output") : line));
  const nlohmann::json j = nlohmann::json::parse(line);
  PeerResult r;
  r.peer = j.at("peer").get<std::string>();
  r.train_seconds = j.at("train_seconds").get<double>();
  r.cpu_seconds = j.value("cpu_seconds", 0.0);
  r.epochs = j.value("epochs", std::size_t{0});
  r.rss_after_imports = j.at("rss_after_imports").get<std::size_t>();
  r.peak_rss = j.at("peak_rss").get<std::size_t>();
  r.model_bytes = j.at("model_bytes").get<std::size_t>();
  r.test.r2 = j.at("test").at("r2").get<double>();
  r.test.mse = j.at("test").at("mse").get<double>();
  r.test.rmse = j.at("test").at("rmse").get<double>();
  r.test.mae = j.at("test").at("mae").get<double>();
  r.single_seconds = j.value("single_seconds", 0.0);
  r.batch_seconds = j.value("batch_seconds", 0.0);
  r.batch = j.value("batch", std::size_t{0});
  return r;
}

}  // namespace ember::bench
