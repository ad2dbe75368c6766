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
};

// Throws std::invalid_argument for unusable options and std::runtime_error for failed measurements.
void run_bench(const BenchOptions& options, std::FILE* out);

}  // namespace ember::bench

#endif  // EMBER_BENCH_BENCH_RUN_HPP
