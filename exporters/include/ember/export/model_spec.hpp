// A trained network as the exporters see it: plain vectors, independent of how it was trained.
#ifndef EMBER_EXPORT_MODEL_SPEC_HPP
#define EMBER_EXPORT_MODEL_SPEC_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ember/activation.hpp"

namespace ember::exporters {

// The int8 form of a dense layer (TFLite int8 scheme, arithmetic in ember/dense_s8.hpp): symmetric
// per-output-channel weights, int32 bias, int8 input and output with a scale and a zero point.
// real value = scale · (q − zero_point).
struct QuantizedDense {
  float input_scale = 0.0f;
  std::int32_t input_zero_point = 0;
  float output_scale = 0.0f;
  std::int32_t output_zero_point = 0;
  std::vector<float> weight_scale;        // out_width: one scale per output channel (zero point 0)
  std::vector<std::int8_t> weights;       // out_width rows of in_width, row-major, in −127 … 127
  std::vector<std::int32_t> bias;         // out_width: round(bias / (input_scale · weight_scale[o]))
  std::vector<std::int32_t> multiplier;   // out_width: Q31 part of input_scale · weight_scale[o] / output_scale
  std::vector<std::int8_t> shift;         // out_width: its power-of-two exponent, in −31 … 30
  // The input is int16, symmetric (input_zero_point 0), real = input_scale · q: layer kind 3
  // (ember/dense_s16x8.hpp), allowed as layer 0 only, where the model input is quantized from float.
  bool int16_input = false;
  // The output is float32: the int32 accumulator dequantized, y[o] = accumulator_scale[o] · acc, instead of
  // requantized to int8 codes (layer kind 4, ember/dense_s8_float_output.hpp), allowed as the last layer only.
  // Then output_scale and output_zero_point are 0, multiplier and shift empty, the weights row-major in the
  // blob too.
  bool float_output = false;
  std::vector<float> accumulator_scale;  // out_width: input_scale · weight_scale[o], rounded to float32
};

struct DenseLayerSpec {
  std::uint16_t in_width = 0;
  std::uint16_t out_width = 0;
  Activation activation = Activation::identity;
  std::vector<float> weights;  // out_width rows of in_width (row-major), as in the blob
  std::vector<float> bias;     // out_width
  // A residual layer adds its input to its output: y = x + act(W x + b). Float32 only, in_width ==
  // out_width; the blob carries it as a layer flag (format v2, docs/blob-format.md, "Residual layers").
  bool residual = false;
  // Set for an int8 layer; then the float weights and bias above may be empty (they are not written).
  // An int8 layer's activation is identity or relu (folded into the output clamp).
  bool is_int8() const { return int8.has_value(); }
  std::optional<QuantizedDense> int8;
};

struct ModelSpec {
  std::string name;                 // at most 31 bytes of printable UTF-8 (docs/blob-format.md, Model name)
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
