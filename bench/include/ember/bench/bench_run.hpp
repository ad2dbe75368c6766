// `ember bench`: every measurement of the benchmark report, in order, printed as tables on stdout and
// saved as CSV, JSON and PNG figures under the output folder.
#ifndef EMBER_BENCH_BENCH_RUN_HPP
#define EMBER_BENCH_BENCH_RUN_HPP

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "ember/report/table_writer.hpp"

namespace ember::bench {

struct BenchOptions {
  std::vector<std::size_t> sizes = {1000, 5000, 10000};
  std::vector<std::size_t> batches = {1, 100, 1000, 5000, 10000};
  std::size_t repeats = 5;
  std::size_t max_epochs = 1000;
  std::string out_dir;  // empty: tables on stdout only
  bool peers = false;
  report::TableFormat format = report::TableFormat::markdown;
  double seconds_per_repeat = 0.05;  // per inference repeat
  double peak_seconds = 0.1;         // per peak-FLOP/s microbenchmark
  // A model blob to benchmark instead of the built-in 5D task: inference vs batch, per layer, memory and
  // model size of that model (no training); empty: the 5D task, trained here.
  std::string model_path;
  // Cortex-M presets to run the model on as well (`ember profile --target`): the device rows and figure.
  std::vector<std::string> targets;
};

// Throws std::invalid_argument for unusable options and std::runtime_error for failed measurements.
void run_bench(const BenchOptions& options, std::FILE* out);

}  // namespace ember::bench

#endif  // EMBER_BENCH_BENCH_RUN_HPP
