// The input stream of `ember analyze`: rows of a CSV file, in order, or a synthetic stream of sines.
#ifndef EMBER_ANALYSIS_ANALYSIS_DATA_HPP
#define EMBER_ANALYSIS_ANALYSIS_DATA_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ember::analysis {

struct StreamData {
  std::size_t rows = 0;
  std::vector<float> inputs;  // rows x input_width
  std::vector<int> labels;    // one per row (0 = normal) when the label column exists, else empty
  std::string source;
};

struct StreamColumns {
  std::string target;  // left out of the inputs (e.g. "digit"); empty for none
  std::string label;   // anomaly label column, left out of the inputs; used when present
  bool label_required = false;  // the user named it: missing is an error
};

// `spec`: a CSV path (header row; every column but target and label is an input, in order), or a
// synthetic stream "sines:F1,F2,...[/ROWS]": input i at row t is sum_k sin(2 pi F_k t / rate + 0.7 i (k+1)) / (k+1),
// ROWS defaulting to 2048. Throws std::runtime_error with a one-line message.
StreamData load_stream(const std::string& spec, std::uint16_t input_width, const StreamColumns& columns, float rate_hz);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_ANALYSIS_DATA_HPP
