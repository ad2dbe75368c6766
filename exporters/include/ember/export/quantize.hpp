// Post-training int8 quantization of a float ModelSpec (docs/quantization.md): the TensorFlow Lite int8
// scheme that ember/dense_s8.hpp computes. Weights symmetric per output channel, int32 biases, int8
// activations with a scale and a zero point whose ranges come from calibration rows run through the float
// model. The model input is quantized after standardization and the output dequantized before it.
#ifndef EMBER_EXPORT_QUANTIZE_HPP
#define EMBER_EXPORT_QUANTIZE_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/export/model_spec.hpp"

namespace ember::exporters {

// A positive real multiplier as requantize() takes it: real = multiplier · 2^(shift − 31), multiplier in
// [2^30, 2^31 − 1], shift in [−31, 30].
struct QuantizedMultiplier {
  std::int32_t multiplier = 0;
  std::int32_t shift = 0;
};

// Nearest representable multiplier (frexp on the double, mantissa rounded to 31 bits). Throws
// std::invalid_argument for a value that is not finite and positive or lies outside
// [2^−32, (2^31 − 1) · 2^−1] (shift would leave [−31, 30]).
QuantizedMultiplier quantize_multiplier(double real_multiplier);

// The real number a QuantizedMultiplier stands for (exact in double).
double multiplier_value(const QuantizedMultiplier& m);

// Scale and zero point of one int8 tensor: real = scale · (q − zero_point).
struct TensorQuantization {
  float scale = 1.0f;
  std::int32_t zero_point = 0;
};

// The asymmetric int8 parameters of a real range [low, high] (widened to hold 0, so that 0 is exactly
// representable, as the TFLite scheme requires; a range of width 0 becomes [0, 1]). Throws
// std::invalid_argument for a non-finite bound or low > high.
TensorQuantization choose_tensor_quantization(double low, double high);

// q = clamp(round(real / scale) + zero_point, −128, 127), ties away from zero; and back.
std::int8_t quantize_value(float real, const TensorQuantization& q);
// The int16 input of layer kind 3: q = clamp(round(real / scale), −32768, 32767), ties away from zero, NaN
// to −32768 (the runtime's ops::quantize_code).
std::int16_t quantize_value_s16(float real, float scale);
// The symmetric int16 format of a range: scale = max(|low|, |high|) / 32767, zero point 0.
TensorQuantization choose_int16_quantization(double low, double high);
float dequantize_value(std::int8_t value, const TensorQuantization& q);

struct QuantizeOptions {
  // Activation ranges: 100 takes the calibration minimum and maximum of every tensor; P < 100 takes the
  // (100 − P)-th and P-th percentiles instead, clipping rare outliers for a finer scale. In [50, 100].
  double percentile = 100.0;
  // Headroom: every calibrated range grows by a fraction on each side that is not 0 (a ReLU output keeps
  // 0 as its low end), so that rows a little beyond the calibration rows do not saturate: on the 5D
  // interpolator one test row past the calibrated input range costs more than the coarser step. The
  // model input (unbounded features) has its own. Chosen on fresh rows of the task, not on its test split
  // (docs/quantization.md). Each in [0, 10].
  double input_margin = 0.15;
  double range_margin = 0.10;  // every other tensor
  // Bits of the model input when layer 0 becomes int8: 16 (layer kind 3, ember/dense_s16x8.hpp), 8, or 0 =
  // 16 when layer 0's int32 accumulator provably cannot wrap (in_width · 32768 · 127 + |bias| < 2^31), else
  // 8. On the 5D interpolator the 8-bit input alone costs about 4 % of test RMSE (docs/quantization.md).
  int input_bits = 0;
  // Layers to keep in float32, by index. Layers whose activation has no int8 form (tanh, sigmoid,
  // softmax) stay float whatever this says.
  std::vector<std::size_t> float_layers;
  // The output layer, when it is int8 (not in float_layers, identity or relu): `dequantized` (default)
  // gives it int8 weights and hands its int32 accumulators to the float32 output (layer kind 4,
  // ember/dense_s8_float_output.hpp), `int8` requantizes them to int8 codes like every other layer (kind 2),
  // `float32` keeps the layer float32. On the 5D interpolator kind 4 is the most accurate and the smallest
  // that keeps the output's precision (docs/quantization.md).
  enum class OutputLayer { dequantized, int8, float32 };
  OutputLayer output_layer = OutputLayer::dequantized;
  // Refit an int8 output layer with identity activation to the features the int8 model gives it: its
  // weights and bias by least squares from the dequantized int8 tensor it receives on the calibration rows
  // to their labels (refit_targets) or, without labels, to the float model's outputs on the same rows (a
  // distillation), then quantized as before. The int8 rounding of that tensor is noise the float weights
  // were not fitted to; on the 5D interpolator the refit lowers the int8 RMSE excess on fresh rows by 0.4
  // points on average with labels, 0.3 without (docs/quantization.md, "Output-layer refit").
  bool refit_output = true;
  // Refit every int8 layer before the output layer that reads int8 codes (layer kind 2), first to last:
  // each channel's weights and bias by ridge least squares from the int8 input the (refitted) layers before
  // it give it to the float layer's pre-activation, on the calibration rows where that is positive for a
  // ReLU channel (elsewhere the ReLU outputs 0 either way). On the 5D interpolator, with the output refit,
  // the excess on fresh rows goes from +3.55 to +3.48 % on average and on the validation splits from +3.52 to
  // +2.94 % (docs/quantization.md).
  bool refit_hidden = true;
  // The calibration rows' labels in the data's units, row_count × the model's output width, or empty.
  std::vector<float> refit_targets;
};

// The output layer's index: with it in QuantizeOptions::float_layers the output layer stays float32, as
// quantize_model did by default before layer kind 4 (the ONNX QDQ export, for example, needs that: opset 13
// has no int32 output path).
std::vector<std::size_t> default_float_layers(const ModelSpec& model);

// Calibration ranges of the model's tensors: [0] the standardized input, [k + 1] layer k's output after its
// activation. low ≤ 0 ≤ high is not implied here (choose_tensor_quantization widens).
struct TensorRange {
  double low = 0;
  double high = 0;
};
std::vector<TensorRange> calibrate_ranges(const ModelSpec& model, const std::vector<float>& rows, std::size_t row_count,
                                          double percentile);

// The int8 form of `model`: every layer not listed in options.float_layers whose activation is identity or
// relu, and that is not residual, becomes int8 (ModelSpec::layers[k].int8 set, float weights and bias cleared); the rest is copied.
// `rows` holds row_count calibration samples of input_width values each, in the data's own units (the
// model standardizes them). Throws std::invalid_argument for an invalid model, no rows, a row count that
// does not match, non-finite values, or a layer whose scales cannot be represented.
ModelSpec quantize_model(const ModelSpec& model, const std::vector<float>& rows, std::size_t row_count,
                         const QuantizeOptions& options);

// One int8 layer's QuantizedDense from float weights, bias and the scales of its input and output (public
// for tests).
// With int16_input the input is int16 (input.zero_point must be 0) and the layer becomes kind 3.
QuantizedDense quantize_dense(const DenseLayerSpec& layer, const TensorQuantization& input,
                              const TensorQuantization& output, bool int16_input = false);

// Layer kind 4: int8 weights and input as quantize_dense, int32 bias, no output format: the accumulator
// scale input.scale · weight_scale[o] (float32) dequantizes the int32 accumulator to the layer's output.
QuantizedDense quantize_dense_float_output(const DenseLayerSpec& layer, const TensorQuantization& input);

// QuantizeOptions::refit_hidden on `quantized`, the int8 form of `float_model` (rows as quantize_model takes
// them). A channel with no more rows to fit than inputs + 1 keeps its float weights; a layer whose refit
// cannot be represented stays as it was. A layer whose channels would cost more than 4 · 10^9 multiply-adds
// (rows · out_width · (in_width + 1)²) is fitted on every k-th row.
void refit_hidden_layers(const ModelSpec& float_model, const std::vector<float>& rows, std::size_t row_count,
                         ModelSpec& quantized);

// QuantizeOptions::refit_output on `quantized`, the int8 form of `float_model` (rows as quantize_model takes
// them): an int8 output layer with identity activation gets the weights and bias that best map, by least
// squares (a ridge of 10^-6 of the features' mean square on the weights), the real values of its int8 input
// on the rows (as the quantized layers before it compute them) to `targets` (row_count × output width, in
// the data's units) or, when `targets` is empty, to the float output layer's outputs on the same rows; they
// are quantized with the layer's own input format (and output format, kind 2). Any other output layer, and
// a refit whose scales cannot be represented, is left as it was. Throws std::invalid_argument for targets
// of the wrong size or not finite.
void refit_output_layer(const ModelSpec& float_model, const std::vector<float>& rows, std::size_t row_count,
                        const std::vector<float>& targets, ModelSpec& quantized);

// Whether an int16-input layer's int32 accumulator cannot wrap: in_width · 32768 · 127 + |bias[o]| < 2^31
// for every output.
bool int16_accumulator_fits(const QuantizedDense& q, std::size_t in_width);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_QUANTIZE_HPP
