// A trained network as the exporters see it: plain vectors, independent of how it was trained.
#ifndef EMBER_EXPORT_MODEL_SPEC_HPP
#define EMBER_EXPORT_MODEL_SPEC_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ember/activation.hpp"

namespace ember::exporters {

struct DenseLayerSpec {
  std::uint16_t in_width = 0;
  std::uint16_t out_width = 0;
  Activation activation = Activation::identity;
  std::vector<float> weights;  // out_width rows of in_width (row-major), as in the blob
  std::vector<float> bias;     // out_width
};

struct ModelSpec {
  std::string name;                 // at most 31 bytes
  std::vector<float> input_mean;    // input_width; empty means 0
  std::vector<float> input_scale;   // input_width; empty means 1
  std::vector<float> output_mean;   // output_width; empty means 0
  std::vector<float> output_scale;  // output_width; empty means 1
  std::vector<DenseLayerSpec> layers;

  std::uint16_t input_width() const { return layers.empty() ? 0 : layers.front().in_width; }
  std::uint16_t output_width() const { return layers.empty() ? 0 : layers.back().out_width; }
  std::size_t parameter_count() const;
};

// Throws std::invalid_argument naming the first problem (empty model, widths that do not chain, wrong
// vector lengths, non-finite values, a name too long).
void validate(const ModelSpec& spec);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_MODEL_SPEC_HPP
