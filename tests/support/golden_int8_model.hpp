// The model behind tests/data/golden_v2_int8.ember: blob format v2 with float32 and int8 layers mixed,
// [5 -> 8 int8 relu -> 6 float32 tanh -> 4 int8 relu -> 3 int8 identity], so a run crosses every boundary:
// quantize at the input, int8 -> float32, float32 -> int8, int8 -> int8 (shared tensor), dequantize at the
// output. Integer formulas only (golden::pseudo), so the bytes can be rebuilt and reviewed.
#ifndef EMBER_TESTS_GOLDEN_INT8_MODEL_HPP
#define EMBER_TESTS_GOLDEN_INT8_MODEL_HPP

#include "golden_model.hpp"

namespace golden {

inline ember::exporters::QuantizedDense int8_layer(std::uint16_t in, std::uint16_t out, int k, float input_scale,
                                                    std::int32_t input_zero_point, float output_scale,
                                                    std::int32_t output_zero_point) {
  ember::exporters::QuantizedDense q;
  q.input_scale = input_scale;
  q.input_zero_point = input_zero_point;
  q.output_scale = output_scale;
  q.output_zero_point = output_zero_point;
  for (int i = 0; i < in * out; ++i) q.weights.push_back(static_cast<std::int8_t>(127 * pseudo(i, k + 20)));
  for (int o = 0; o < out; ++o) {
    q.bias.push_back(static_cast<std::int32_t>(2000 * pseudo(o + 70, k)));
    // Multipliers across [2^30, 2^31 - 1] and shifts of -9 … -6: outputs land inside the int8 range.
    q.multiplier.push_back(static_cast<std::int32_t>((1u << 30) + static_cast<std::uint32_t>(1000000 * (o * 37 % 1000))));
    q.shift.push_back(static_cast<std::int8_t>(-6 - (o + k) % 4));
    q.weight_scale.push_back(0.0f);  // not stored in the blob; read_blob derives it
  }
  return q;
}

inline ember::exporters::ModelSpec int8_model() {
  using ember::Activation;
  ember::exporters::ModelSpec spec = model();
  spec.name = "golden-v2-int8";
  spec.layers[0].activation = Activation::relu;
  spec.layers[0].int8 = int8_layer(5, 8, 0, 0.03f, -3, 0.05f, -128);
  spec.layers[0].weights.clear();
  spec.layers[0].bias.clear();
  // Layer 1 stays float32 tanh.
  spec.layers[2].activation = Activation::relu;
  spec.layers[2].int8 = int8_layer(6, 4, 2, 0.008f, 1, 0.02f, -128);
  spec.layers[2].weights.clear();
  spec.layers[2].bias.clear();
  spec.layers[3].activation = Activation::identity;
  spec.layers[3].int8 = int8_layer(4, 3, 3, 0.02f, -128, 0.04f, 5);
  spec.layers[3].weights.clear();
  spec.layers[3].bias.clear();
  return spec;
}

// The model behind tests/data/golden_v2_int16_input.ember: int8_model() with layer 0 of kind 3 (int16
// input, symmetric, docs/blob-format.md), its shifts 8 lower for the 2^8 finer input scale.
inline ember::exporters::ModelSpec int16_input_model() {
  ember::exporters::ModelSpec spec = int8_model();
  spec.name = "golden-v2-int16-input";
  ember::exporters::QuantizedDense& q = *spec.layers[0].int8;
  q.int16_input = true;
  q.input_scale = 0.03f / 256.0f;
  q.input_zero_point = 0;
  for (std::int8_t& s : q.shift) s = static_cast<std::int8_t>(s - 8);
  return spec;
}

// The model behind tests/data/golden_v3_float_output.ember: int8_model() with its last layer of kind 4 (int8
// weights, row-major; its int32 accumulators dequantized to the float32 output, docs/blob-format.md), so a
// run ends int8 -> int8 -> float32 without an int8 output tensor.
inline ember::exporters::ModelSpec float_output_model() {
  ember::exporters::ModelSpec spec = int8_model();
  spec.name = "golden-v3-float-output";
  ember::exporters::QuantizedDense& q = *spec.layers[3].int8;
  q.float_output = true;
  q.output_scale = 0.0f;
  q.output_zero_point = 0;
  q.multiplier.clear();
  q.shift.clear();
  q.weight_scale.clear();
  for (int o = 0; o < 3; ++o) {
    // 2^-10 · (1 + o/8) · the input scale: outputs of a few units, with every mantissa bit in play.
    q.accumulator_scale.push_back(0.02f * (1.0f + 0.125f * float(o)) / 1024.0f);
    q.weight_scale.push_back(0.0f);  // not stored in the blob; read_blob derives it
  }
  return spec;
}

}  // namespace golden

#endif  // EMBER_TESTS_GOLDEN_INT8_MODEL_HPP
