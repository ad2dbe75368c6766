// Activation ranges from calibration rows: every tensor of the float model, by its minimum and maximum
// or by percentiles that clip rare outliers.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "ember/export/quantize.hpp"
#include "ember/export/quantized_reference.hpp"

namespace ember::exporters {
namespace {
// The value at fraction `at` (0 … 1) of the sorted values, by nearest rank; reorders `values`.
double nearest_rank(std::vector<float>& values, double at) {
  const auto rank = static_cast<std::size_t>(std::llround(at * static_cast<double>(values.size() - 1)));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank), values.end());
  return values[rank];
}
}  // namespace

std::vector<TensorRange> calibrate_ranges(const ModelSpec& model, const std::vector<float>& rows, std::size_t row_count,
                                          double percentile) {
  if (!(percentile >= 50.0 && percentile <= 100.0))
    throw std::invalid_argument("percentile " + std::to_string(percentile) + " is outside 50..100");
  if (row_count == 0) throw std::invalid_argument("no calibration rows");
  for (float v : rows)
    if (!std::isfinite(v)) throw std::invalid_argument("calibration rows hold a non-finite value");
  std::vector<std::vector<float>> tensors = float_tensors(model, rows, row_count);
  std::vector<TensorRange> ranges(tensors.size());
  for (std::size_t t = 0; t < tensors.size(); ++t) {
    std::vector<float>& values = tensors[t];
    if (percentile == 100.0) {
      const auto [low, high] = std::minmax_element(values.begin(), values.end());
      ranges[t] = {*low, *high};
    } else {
      const double tail = (100.0 - percentile) / 100.0;
      ranges[t].low = nearest_rank(values, tail);
      ranges[t].high = nearest_rank(values, 1.0 - tail);
    }
    if (!std::isfinite(ranges[t].low) || !std::isfinite(ranges[t].high))
      throw std::invalid_argument("tensor " + std::to_string(t) + " of the float model is not finite on the calibration rows");
  }
  return ranges;
}

}  // namespace ember::exporters
