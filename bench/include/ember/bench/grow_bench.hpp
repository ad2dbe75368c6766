// `ember bench --grow`: morphogenesis against fixed architectures on the 5D interpolator and on digits,
// several seeds each (docs/morphogenesis.md has the tables and the commands).
#ifndef EMBER_BENCH_GROW_BENCH_HPP
#define EMBER_BENCH_GROW_BENCH_HPP

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "ember/report/table_writer.hpp"

namespace ember::bench {

struct GrowBenchOptions {
  std::size_t seeds = 5;              // seeds 1..seeds
  std::size_t samples = 10000;        // 5D interpolator rows
  std::string digits_csv;             // empty: skip digits
  std::vector<std::uint16_t> seed_hidden = {8};
  std::size_t budget_params = 1000;   // the budget run on the 5D task
  std::size_t max_epochs = 0;         // 0: the recipes' own caps (for tests: a small number)
  std::string out_dir;                // empty: stdout only
  report::TableFormat format = report::TableFormat::markdown;
};

// Trains every arm for every seed and prints the tables on `out` (and saves them under out_dir).
void run_grow_bench(const GrowBenchOptions& options, std::FILE* out);

}  // namespace ember::bench

#endif  // EMBER_BENCH_GROW_BENCH_HPP
