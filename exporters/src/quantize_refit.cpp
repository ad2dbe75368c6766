// Least-squares refits of int8 layers on the calibration rows (QuantizeOptions::refit_hidden and
// refit_output): each layer's weights and bias refitted to the int8 input the quantized layers before it
// give it, then quantized again with the layer's own formats.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "ember/export/quantize.hpp"
#include "ember/export/quantized_reference.hpp"

namespace ember::exporters {
namespace {
// Ridge on the weights, relative to the features' mean square. The output layer's is negligible: its
// features are ReLU outputs, not centred, so a ridge shrinks the output towards its bias (10^-3 already
// costs a point of RMSE on the 5D interpolator). A hidden channel fits only the rows where its ReLU passes,
// fewer and more collinear, and 10^-4 did better there than 10^-6 on held-out rows (docs/quantization.md).
constexpr double output_ridge = 1e-6;
constexpr double hidden_ridge = 1e-4;
// Each hidden channel has normal equations of its own (its ReLU passes on its own rows): rows · (in + 1)²
// multiply-adds per channel. Beyond this many for a layer (a few seconds), every k-th row is used, so that a
// wide layer with many calibration rows stays fast; the 5D interpolator's largest layer needs 8 · 10^8.
constexpr double hidden_refit_budget = 4e9;

// Solves a · x = b for a symmetric positive definite a (n × n, row-major) by Cholesky (on copies); throws
// std::invalid_argument if a is not positive definite.
std::vector<double> solve_spd(std::vector<double> a, std::vector<double> b, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0.0)) throw std::invalid_argument("a least-squares refit is singular");
    a[j * n + j] = std::sqrt(d);
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / a[j * n + j];
    }
  }
  for (std::size_t i = 0; i < n; ++i) {  // L y = b
    for (std::size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {  // Lᵀ x = y
    for (std::size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return b;
}

// The input of int8 layer k as it computes with it on the rows, in real units (row_count × in_width): the
// model up to layer k − 1, without the output's de-standardization (the standardized rows for k = 0), then
// rounded to the layer's int8 input codes and back (a no-op after an int8 layer, whose codes these are; the
// rounding of a float input, or of layer 0's 8-bit input, otherwise).
std::vector<float> int8_layer_input(const ModelSpec& quantized, std::size_t k, const std::vector<float>& rows,
                                    std::size_t row_count) {
  std::vector<float> x;
  if (k == 0) {  // standardized as ember::Model::run (and reference_outputs) does it
    const std::size_t width = quantized.input_width();
    x = rows;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!quantized.input_mean.empty()) x[i] = x[i] - quantized.input_mean[i % width];
      if (!quantized.input_scale.empty()) x[i] = x[i] / quantized.input_scale[i % width];
    }
  } else {
    ModelSpec prefix = quantized;
    prefix.layers.resize(k);
    prefix.output_mean.clear();
    prefix.output_scale.clear();
    x = reference_outputs(prefix, rows, row_count);
  }
  const QuantizedDense& q = *quantized.layers[k].int8;
  const TensorQuantization format{q.input_scale, q.input_zero_point};
  for (float& v : x) v = dequantize_value(quantize_value(v, format), format);
  return x;
}

// Normal equations of [x 1] · [w; b] ≈ y, one row at a time (x: in values), solved with a ridge on w.
struct NormalEquations {
  explicit NormalEquations(std::size_t in) : in(in), gram((in + 1) * (in + 1), 0.0), rhs(in + 1, 0.0) {}
  void add(const float* x, double y) {
    const std::size_t m = in + 1;
    for (std::size_t i = 0; i < m; ++i) {
      const double xi = i < in ? x[i] : 1.0;
      rhs[i] += xi * y;
      for (std::size_t j = 0; j < m; ++j) gram[i * m + j] += xi * (j < in ? x[j] : 1.0);
    }
    ++rows;
  }
  // Weights then bias.
  std::vector<double> solve(double relative_ridge) const {
    const std::size_t m = in + 1;
    std::vector<double> a = gram;
    double mean_square = 0;
    for (std::size_t i = 0; i < in; ++i) mean_square += a[i * m + i];
    const double ridge = relative_ridge * (mean_square / static_cast<double>(in) + 1e-30);
    for (std::size_t i = 0; i < in; ++i) a[i * m + i] += ridge;
    return solve_spd(a, rhs, m);
  }
  std::size_t in;
  std::vector<double> gram, rhs;
  std::size_t rows = 0;
};

// The layer quantized again from `refit` with its own formats; left as it was if the scales of the refit
// cannot be represented (a refit is an improvement, never a new way for quantization to fail).
void requantize_layer(DenseLayerSpec& layer, const DenseLayerSpec& refit) {
  const QuantizedDense& q = *layer.int8;
  const TensorQuantization input{q.input_scale, q.input_zero_point};
  try {
    layer.int8 = q.float_output ? quantize_dense_float_output(refit, input)
                                : quantize_dense(refit, input, {q.output_scale, q.output_zero_point}, q.int16_input);
  } catch (const std::invalid_argument&) {
  }
}
}  // namespace

void refit_hidden_layers(const ModelSpec& float_model, const std::vector<float>& rows, std::size_t row_count,
                         ModelSpec& quantized) {
  if (quantized.layers.size() != float_model.layers.size())
    throw std::invalid_argument("the quantized model's layers do not match the float model's");
  const std::vector<std::vector<float>> tensors = float_tensors(float_model, rows, row_count);
  for (std::size_t k = 0; k + 1 < quantized.layers.size(); ++k) {
    DenseLayerSpec& layer = quantized.layers[k];
    // Kind 2 only: the int16 input of kind 3 is the float input itself, to 1/32767 of its range.
    if (!layer.is_int8() || layer.int8->int16_input || layer.int8->float_output) continue;
    const DenseLayerSpec& original = float_model.layers[k];
    const std::size_t in = layer.in_width;
    const std::vector<float> x = int8_layer_input(quantized, k, rows, row_count);
    const std::vector<float>& float_x = tensors[k];
    DenseLayerSpec refit = original;
    const double work = static_cast<double>(row_count) * static_cast<double>(layer.out_width) *
                        static_cast<double>(in + 1) * static_cast<double>(in + 1);
    const auto stride = static_cast<std::size_t>(std::max(1.0, std::ceil(work / hidden_refit_budget)));
    for (std::size_t o = 0; o < layer.out_width; ++o) {
      NormalEquations equations(in);
      for (std::size_t r = 0; r < row_count; r += stride) {
        double pre = original.bias[o];
        for (std::size_t i = 0; i < in; ++i)
          pre += static_cast<double>(original.weights[o * in + i]) * float_x[r * in + i];
        // Below 0 a ReLU channel outputs 0 whatever its exact pre-activation: those rows do not count.
        if (layer.activation == Activation::relu && !(pre > 0.0)) continue;
        equations.add(x.data() + r * in, pre);
      }
      if (equations.rows <= in) continue;  // too few rows to fit: the float weights stay
      const std::vector<double> w = equations.solve(hidden_ridge);
      for (std::size_t i = 0; i < in; ++i) refit.weights[o * in + i] = static_cast<float>(w[i]);
      refit.bias[o] = static_cast<float>(w[in]);
    }
    requantize_layer(layer, refit);
  }
}

void refit_output_layer(const ModelSpec& float_model, const std::vector<float>& rows, std::size_t row_count,
                        const std::vector<float>& targets, ModelSpec& quantized) {
  if (quantized.layers.size() != float_model.layers.size() || quantized.layers.empty())
    throw std::invalid_argument("the quantized model's layers do not match the float model's");
  const std::size_t last = quantized.layers.size() - 1;
  DenseLayerSpec& layer = quantized.layers[last];
  // Layer 0 as the output layer sees the float input itself: nothing of int8 to refit to.
  if (last == 0 || !layer.is_int8() || layer.activation != Activation::identity) return;
  const std::size_t in = layer.in_width;
  const std::size_t outputs = layer.out_width;
  if (!targets.empty() && targets.size() != row_count * outputs)
    throw std::invalid_argument("refit targets: " + std::to_string(targets.size()) + " values are not " +
                                std::to_string(row_count) + " rows of " + std::to_string(outputs));
  const std::vector<float> x = int8_layer_input(quantized, last, rows, row_count);
  // What the layer should compute, before the output's de-standardization: the labels standardized as the
  // trainer did, or the float layer's outputs.
  std::vector<float> y;
  if (targets.empty()) {
    y = float_tensors(float_model, rows, row_count)[last + 1];
  } else {
    y.resize(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const std::size_t o = i % outputs;
      float v = targets[i];
      if (!float_model.output_mean.empty()) v = v - float_model.output_mean[o];
      if (!float_model.output_scale.empty()) v = v / float_model.output_scale[o];
      if (!std::isfinite(v)) throw std::invalid_argument("refit targets hold a non-finite value");
      y[i] = v;
    }
  }
  DenseLayerSpec refit = float_model.layers[last];
  for (std::size_t o = 0; o < outputs; ++o) {
    NormalEquations equations(in);
    for (std::size_t r = 0; r < row_count; ++r) equations.add(x.data() + r * in, y[r * outputs + o]);
    const std::vector<double> w = equations.solve(output_ridge);
    for (std::size_t i = 0; i < in; ++i) refit.weights[o * in + i] = static_cast<float>(w[i]);
    refit.bias[o] = static_cast<float>(w[in]);
  }
  requantize_layer(layer, refit);
}

}  // namespace ember::exporters
