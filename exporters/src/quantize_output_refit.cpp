// The output layer refitted to the features the int8 model gives it (QuantizeOptions::refit_output): a
// distillation of the float output layer by ridge least squares on the calibration rows.
#include <cmath>
#include <stdexcept>
#include <string>

#include "ember/export/quantize.hpp"
#include "ember/export/quantized_reference.hpp"

namespace ember::exporters {
namespace {
// Ridge on the weights, relative to the features' mean square: small enough to leave a well-posed fit as
// least squares, large enough to keep a feature that is constant on the rows (a dead ReLU) at weight ~0.
constexpr double relative_ridge = 1e-6;

// Solves a · x = b for a symmetric positive definite a (n × n, row-major) by Cholesky (on copies).
std::vector<double> solve_spd(std::vector<double> a, std::vector<double> b, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0.0)) throw std::invalid_argument("the output layer's refit is singular");
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


// The input of layer k as the quantized model computes it on the rows, in real units (row_count × in_width):
// the model up to layer k − 1 without the output's de-standardization.
std::vector<float> quantized_layer_input(const ModelSpec& quantized, std::size_t k, const std::vector<float>& rows,
                                         std::size_t row_count) {
  ModelSpec prefix = quantized;
  prefix.layers.resize(k);
  prefix.output_mean.clear();
  prefix.output_scale.clear();
  return reference_outputs(prefix, rows, row_count);
}
}  // namespace

void refit_output_layer(const ModelSpec& float_model, const std::vector<float>& rows, std::size_t row_count,
                        const std::vector<float>& targets, ModelSpec& quantized) {
  if (quantized.layers.size() != float_model.layers.size() || quantized.layers.empty())
    throw std::invalid_argument("the quantized model's layers do not match the float model's");
  const std::size_t last = quantized.layers.size() - 1;
  DenseLayerSpec& layer = quantized.layers[last];
  // Layer 0 as the output layer sees the float input itself: nothing of int8 to refit to.
  if (last == 0 || !layer.is_int8() || layer.activation != Activation::identity) return;
  const std::size_t in = layer.in_width;
  const std::size_t m = in + 1;  // weights and the bias
  const std::size_t n = row_count;
  const std::vector<float> x = quantized_layer_input(quantized, last, rows, row_count);
  const std::size_t outputs = layer.out_width;
  if (!targets.empty() && targets.size() != n * outputs)
    throw std::invalid_argument("refit targets: " + std::to_string(targets.size()) + " values are not " +
                                std::to_string(n) + " rows of " + std::to_string(outputs));
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
  // Normal equations of [x 1] · [w; b] ≈ y, shared by every output.
  std::vector<double> gram(m * m, 0.0);
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t i = 0; i < m; ++i) {
      const double xi = i < in ? x[r * in + i] : 1.0;
      for (std::size_t j = 0; j < m; ++j) gram[i * m + j] += xi * (j < in ? x[r * in + j] : 1.0);
    }
  double mean_square = 0;
  for (std::size_t i = 0; i < in; ++i) mean_square += gram[i * m + i];
  const double ridge = relative_ridge * (mean_square / static_cast<double>(in) + 1e-30);
  for (std::size_t i = 0; i < in; ++i) gram[i * m + i] += ridge;

  DenseLayerSpec refit = float_model.layers[last];
  for (std::size_t o = 0; o < outputs; ++o) {
    std::vector<double> rhs(m, 0.0);
    for (std::size_t r = 0; r < n; ++r) {
      const double target = y[r * outputs + o];
      for (std::size_t i = 0; i < m; ++i) rhs[i] += (i < in ? x[r * in + i] : 1.0) * target;
    }
    const std::vector<double> w = solve_spd(gram, rhs, m);
    for (std::size_t i = 0; i < in; ++i) refit.weights[o * in + i] = static_cast<float>(w[i]);
    refit.bias[o] = static_cast<float>(w[in]);
  }
  const QuantizedDense& q = *layer.int8;
  const TensorQuantization input{q.input_scale, q.input_zero_point};
  // A refit whose scales cannot be represented keeps the layer as quantized from the float weights: the
  // refit is an improvement, never a new way for quantization to fail.
  try {
    layer.int8 = q.float_output ? quantize_dense_float_output(refit, input)
                                : quantize_dense(refit, input, {q.output_scale, q.output_zero_point});
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace ember::exporters
