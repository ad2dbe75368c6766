// Splitting a Dataset into train / validation / test rows and standardizing them with statistics of the
// training rows only (the same statistics end up in the blob, so the runtime standardizes identically).
// Public so that the benchmarks can hand the peers the very rows the trainer uses.
#ifndef EMBER_TRAINER_DATA_SPLIT_HPP
#define EMBER_TRAINER_DATA_SPLIT_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/trainer/trainer.hpp"

namespace ember::trainer {

struct Standardization {
  std::vector<float> mean;
  std::vector<float> scale;  // population standard deviation; 1 for a constant column
};

struct SplitRows {
  std::size_t rows = 0;
  std::vector<float> x_original;  // rows x features
  std::vector<float> x;           // rows x features, standardized
  std::vector<float> y_original;  // rows x outputs (regression) or rows (classification)
  std::vector<float> y;           // regression: rows x outputs, standardized
  std::vector<int> labels;        // classification: rows
};

struct SplitData {
  SplitRows train, validation, test;
  Standardization input, output;  // output: mean 0, scale 1 for classification
};

// Row counts are rounded from the fractions (normalized to sum 1); the test split takes the remainder.
// Throws std::invalid_argument if any split would be empty.
SplitData split_and_standardize(const Dataset& data, double train, double validation, double test,
                                std::uint64_t seed);

Standardization fit_standardization(const std::vector<float>& values, std::size_t rows, std::size_t width);

// out = (x - mean) / scale in float, exactly as ember::Model::run computes it.
std::vector<float> standardize(const std::vector<float>& values, std::size_t rows, const Standardization& s);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_DATA_SPLIT_HPP
