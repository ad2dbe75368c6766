#include "ember/analysis/analysis_data.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "ember/export/input_caps.hpp"
#include "ember/trainer/csv.hpp"

namespace ember::analysis {
namespace {

constexpr const char* kSinesPrefix = "sines:";

namespace caps = exporters::caps;

// rows x width floats for the stream, in 64 bits against the caps before anything is allocated.
void check_stream_size(const std::string& spec, std::uint64_t rows, std::uint64_t width) {
  caps::check_cap(rows, caps::kMaxStreamRows, spec + ": the number of rows", "rows", "caps::kMaxStreamRows");
  caps::checked_product(rows, width, caps::kMaxStreamValues, spec + ": rows x inputs", "floats",
                        "caps::kMaxStreamValues");
}

StreamData synthetic_sines(const std::string& spec, std::uint16_t width, float rate_hz) {
  std::string body = spec.substr(std::string(kSinesPrefix).size());
  std::uint64_t rows = 2048;
  const auto slash = body.find('/');
  if (slash != std::string::npos) {
    // Digits only: std::stoul would take "-1" and wrap it to 2^64-1.
    const std::string digits = body.substr(slash + 1);
    if (digits.empty() || digits.size() > 19 || digits.find_first_not_of("0123456789") != std::string::npos)
      throw std::runtime_error("--data " + spec + ": ROWS must be a whole number of rows");
    rows = std::stoull(digits);
    body = body.substr(0, slash);
  }
  check_stream_size(spec, rows, width);
  try {
    std::vector<double> freqs;
    std::stringstream list(body);
    for (std::string item; std::getline(list, item, ',');) {
      std::size_t used = 0;
      freqs.push_back(std::stod(item, &used));
      if (used != item.size() || !(freqs.back() >= 0) || !std::isfinite(freqs.back()))
        throw std::invalid_argument("frequency");
    }
    if (freqs.empty() || rows == 0) throw std::invalid_argument("empty");
    StreamData d;
    d.source = spec;
    d.rows = rows;
    d.inputs.resize(rows * width);
    const double two_pi = 6.283185307179586;
    for (std::size_t t = 0; t < rows; ++t)
      for (std::uint16_t i = 0; i < width; ++i) {
        double v = 0;
        for (std::size_t k = 0; k < freqs.size(); ++k)
          v += std::sin(two_pi * freqs[k] * static_cast<double>(t) / rate_hz + 0.7 * i * static_cast<double>(k + 1)) /
               static_cast<double>(k + 1);
        d.inputs[t * width + i] = static_cast<float>(v);
      }
    return d;
  } catch (const std::logic_error&) {
    throw std::runtime_error("--data " + spec + ": expected sines:F1,F2,...[/ROWS] with frequencies in Hz");
  }
}

}  // namespace

StreamData load_stream(const std::string& spec, std::uint16_t input_width, const StreamColumns& columns,
                       float rate_hz) {
  if (spec.rfind(kSinesPrefix, 0) == 0) return synthetic_sines(spec, input_width, rate_hz);
  const trainer::CsvTable table = trainer::read_csv(spec);
  std::size_t target = table.columns.size(), label = table.columns.size();
  if (!columns.target.empty()) target = table.column_index(columns.target);
  if (!columns.label.empty()) {
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      if (table.columns[c] == columns.label) label = c;
    if (label == table.columns.size() && columns.label_required) table.column_index(columns.label);
  }
  std::vector<std::size_t> features;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (c != target && c != label) features.push_back(c);
  if (features.size() != input_width)
    throw std::runtime_error(spec + ": has " + std::to_string(features.size()) + " input columns, the model expects " +
                             std::to_string(input_width) + (columns.target.empty() ? " (name the label column with --target)" : ""));
  check_stream_size(spec, table.rows, input_width);
  StreamData d;
  d.source = spec;
  d.rows = table.rows;
  d.inputs.reserve(table.rows * input_width);
  for (std::size_t r = 0; r < table.rows; ++r) {
    for (std::size_t c : features) d.inputs.push_back(static_cast<float>(table.at(r, c)));
    if (label != table.columns.size()) d.labels.push_back(table.at(r, label) != 0.0 ? 1 : 0);
  }
  return d;
}

}  // namespace ember::analysis
