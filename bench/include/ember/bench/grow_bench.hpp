// `ember bench --grow`: morphogenesis against fixed architectures on the 5D interpolator (several sizes)
// and on digits, several seeds each (docs/morphogenesis.md has the tables, the figure and the commands).
#ifndef EMBER_BENCH_GROW_BENCH_HPP
#define EMBER_BENCH_GROW_BENCH_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "ember/report/table_writer.hpp"

namespace ember::bench {

struct GrowBenchOptions {
  std::size_t seeds = 5;                             // seeds 1..seeds
  std::vector<std::size_t> samples = {1000, 10000};  // 5D interpolator rows, one task per size
  std::string digits_csv;                            // empty: skip digits
  std::size_t digits_rows = 0;                       // 0: every row; else the first ones (for tests)
  std::vector<std::uint16_t> seed_5d = {8};          // the seed architecture of the grown arms
  std::vector<std::uint16_t> seed_digits = {8, 8};
  std::size_t budget_params = 1000;  // the budget run on the 5D tasks
  std::size_t max_epochs = 0;        // 0: the recipes' own caps (for tests: a small number)
  std::string device_target;         // e.g. cortex-m4f: profile each row's median model there
  std::string out_dir;               // empty: stdout only (the figure needs it)
  report::TableFormat format = report::TableFormat::markdown;
};

// Trains every arm for every seed and prints the tables on `out` (and saves them and the figure under
// out_dir).
void run_grow_bench(const GrowBenchOptions& options, std::FILE* out);

}  // namespace ember::bench

#endif  // EMBER_BENCH_GROW_BENCH_HPP
