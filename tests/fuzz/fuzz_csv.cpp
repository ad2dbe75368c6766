// Fuzz target: arbitrary bytes as a CSV file (`ember train --data`, `run --input`, `analyze --data`). The
// reader must refuse with a message or return a table whose every value is a finite float32.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "ember/trainer/csv.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ember_fuzz::expect_clean_refusal([&] {
    const ember::trainer::CsvTable table = ember::trainer::parse_csv(text, "fuzz.csv");
    if (table.columns.empty() || table.rows == 0) ember_fuzz::finding("an empty table was accepted");
    if (table.values.size() != table.rows * table.columns.size()) ember_fuzz::finding("values != rows x columns");
    for (double v : table.values)
      if (!std::isfinite(v) || std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max()))
        ember_fuzz::finding("a value beyond float32 range was accepted");
    for (const std::string& name : table.columns)
      if (name.empty()) ember_fuzz::finding("an empty column name was accepted");
  });
  return 0;
}
