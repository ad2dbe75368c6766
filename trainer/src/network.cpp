#include "network.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>

#include "gemm.hpp"
#include "random.hpp"

namespace ember::trainer {
namespace {

void initialize(LayerParameters& p, std::size_t fan_in, std::size_t fan_out, bool he, Random& rng) {
  float* w = p.weights.data();
  if (he) {
    // He et al. (2015): N(0, 2 / fan_in) keeps the activation variance through ReLU layers.
    const double sd = std::sqrt(2.0 / static_cast<double>(fan_in));
    for (std::size_t i = 0; i < p.weights.size(); ++i) w[i] = static_cast<float>(sd * rng.normal());
  } else {
    // Glorot and Bengio (2010): U(-a, a) with a = sqrt(6 / (fan_in + fan_out)).
    const double limit = std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
    for (std::size_t i = 0; i < p.weights.size(); ++i) w[i] = static_cast<float>(rng.uniform(-limit, limit));
  }
  p.bias.fill(0.0f);
}

// z[r][o] = act(z[r][o] + bias[o]) for every row; one pass over the gemm output.
void add_bias_and_activate(Activation activation, const float* bias, float* z, std::size_t rows, std::size_t width) {
  if (activation == Activation::relu) {
    for (std::size_t r = 0; r < rows; ++r) {
      float* row = z + r * width;
      for (std::size_t o = 0; o < width; ++o) {
        const float v = row[o] + bias[o];
        row[o] = v > 0.0f ? v : 0.0f;
      }
    }
    return;
  }
  for (std::size_t r = 0; r < rows; ++r) {
    float* row = z + r * width;
    for (std::size_t o = 0; o < width; ++o) row[o] += bias[o];
  }
  // The runtime's own activation functions, so that the trained model and the blob agree to the last bit
  // of every activation (docs/trainer.md, "Trainer and runtime agree").
  if (activation == Activation::softmax) {
    for (std::size_t r = 0; r < rows; ++r) apply_activation(activation, z + r * width, static_cast<uint32_t>(width));
  } else if (activation != Activation::identity) {
    apply_activation(activation, z, static_cast<uint32_t>(rows * width));
  }
}

// delta *= act'(a), with the derivative written in terms of the activation's output a.
void multiply_by_derivative(Activation activation, const float* a, float* delta, std::size_t count) {
  switch (activation) {
    case Activation::relu:
      for (std::size_t i = 0; i < count; ++i) delta[i] = a[i] > 0.0f ? delta[i] : 0.0f;
      return;
    case Activation::tanh:
      for (std::size_t i = 0; i < count; ++i) delta[i] *= 1.0f - a[i] * a[i];
      return;
    case Activation::sigmoid:
      for (std::size_t i = 0; i < count; ++i) delta[i] *= a[i] * (1.0f - a[i]);
      return;
    case Activation::identity:
      return;
    case Activation::softmax:
      throw std::invalid_argument("softmax is only supported on the last layer");
  }
}

}  // namespace

Network::Network(const std::vector<std::size_t>& widths, Activation hidden, Activation output, Init init,
                 std::size_t max_rows, Random& rng)
    : widths_(widths), max_rows_(max_rows) {
  if (widths.size() < 2) throw std::invalid_argument("a network needs an input and an output width");
  const std::size_t layers = widths.size() - 1;
  for (std::size_t k = 0; k < layers; ++k) {
    const std::size_t in = widths[k], out = widths[k + 1];
    activation_.push_back(k + 1 == layers ? output : hidden);
    LayerParameters p{xt::xtensor<float, 2>::from_shape({out, in}), xt::xtensor<float, 1>::from_shape({out})};
    const bool he = init == Init::he || (init == Init::automatic && activation_.back() == Activation::relu);
    initialize(p, in, out, he, rng);
    params_.push_back(p);
    grads_.push_back(p);
    deltas_.push_back(xt::xtensor<float, 2>::from_shape({max_rows, out}));
  }
  for (std::size_t width : widths) activations_.push_back(xt::xtensor<float, 2>::from_shape({max_rows, width}));
  branch_.resize(layers);
  output_grads_.resize(layers);
}

Network::Network(std::vector<LayerParameters> params, Activation hidden, Activation output, std::size_t max_rows)
    : max_rows_(max_rows), params_(std::move(params)) {
  if (params_.empty()) throw std::invalid_argument("a network needs at least one layer");
  widths_.push_back(params_.front().weights.shape()[1]);
  for (std::size_t k = 0; k < params_.size(); ++k) {
    const std::size_t in = params_[k].weights.shape()[1], out = params_[k].weights.shape()[0];
    if (in != widths_.back() || params_[k].bias.size() != out)
      throw std::invalid_argument("layer parameters whose widths do not chain");
    widths_.push_back(out);
    activation_.push_back(k + 1 == params_.size() ? output : hidden);
    grads_.push_back(params_[k]);
    deltas_.push_back(xt::xtensor<float, 2>::from_shape({max_rows, out}));
  }
  for (std::size_t width : widths_) activations_.push_back(xt::xtensor<float, 2>::from_shape({max_rows, width}));
  branch_.resize(params_.size());
  output_grads_.resize(params_.size());
  check_residual_layers();
  for (std::size_t k = 0; k < params_.size(); ++k)
    if (params_[k].residual) {
      branch_[k] = xt::xtensor<float, 2>::from_shape({max_rows_, widths_[k + 1]});
      output_grads_[k] = xt::xtensor<float, 2>::from_shape({max_rows_, widths_[k + 1]});
    }
}

// Residual layers: hidden, as wide as their input. Their buffers are allocated here, so that forward() and
// backward() allocate nothing; parameters() may be replaced later (morphogenesis swaps weights in and
// out), which is why forward() checks again.
void Network::check_residual_layers() const {
  for (std::size_t k = 0; k < params_.size(); ++k) {
    if (!params_[k].residual) continue;
    if (k + 1 == params_.size()) throw std::invalid_argument("the output layer cannot be residual");
    if (widths_[k] != widths_[k + 1])
      throw std::invalid_argument("residual layer " + std::to_string(k) + " maps " + std::to_string(widths_[k]) +
                                  " inputs to " + std::to_string(widths_[k + 1]) + " outputs; it needs equal widths");
  }
}

const float* Network::forward(std::size_t rows) {
  for (std::size_t k = 0; k < params_.size(); ++k) {
    const std::size_t in = widths_[k], out = widths_[k + 1];
    float* z = activations_[k + 1].data();
    // Z = A · Wᵀ: W is stored out x in, as in the blob.
    gemm(false, true, rows, out, in, 1.0f, activations_[k].data(), in, params_[k].weights.data(), in, 0.0f, z, out);
    add_bias_and_activate(activation_[k], params_[k].bias.data(), z, rows, out);
    if (params_[k].residual) {
      // y = x + act(W x + b), the add as the runtime does it; act(W x + b) is kept for backward().
      if (k + 1 == params_.size() || in != out) check_residual_layers();
      if (branch_[k].shape()[0] != max_rows_ || branch_[k].shape()[1] != out) {
        branch_[k] = xt::xtensor<float, 2>::from_shape({max_rows_, out});
        output_grads_[k] = xt::xtensor<float, 2>::from_shape({max_rows_, out});
      }
      const float* x = activations_[k].data();
      float* a = branch_[k].data();
      for (std::size_t i = 0; i < rows * out; ++i) {
        a[i] = z[i];
        z[i] = x[i] + a[i];
      }
    }
  }
  return activations_.back().data();
}

void Network::backward(std::size_t rows) {
  for (std::size_t k = params_.size(); k-- > 0;) {
    const std::size_t in = widths_[k], out = widths_[k + 1];
    const float* delta = deltas_[k].data();
    // dL/dW = Δᵀ · A (out x in), dL/db = column sums of Δ.
    gemm(true, false, out, in, rows, 1.0f, delta, out, activations_[k].data(), in, 0.0f, grads_[k].weights.data(), in);
    float* bias_grad = grads_[k].bias.data();
    for (std::size_t o = 0; o < out; ++o) bias_grad[o] = 0.0f;
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t o = 0; o < out; ++o) bias_grad[o] += delta[r * out + o];
    if (k == 0) break;
    // dL/dA of the previous layer = Δ · W (plus, through a residual layer's skip, dL/d its output), then
    // through that layer's activation; a residual previous layer keeps dL/d its output for its own skip.
    float* previous = deltas_[k - 1].data();
    gemm(false, false, rows, in, out, 1.0f, delta, out, params_[k].weights.data(), in, 0.0f, previous, in);
    if (params_[k].residual) {
      const float* skip = output_grads_[k].data();
      for (std::size_t i = 0; i < rows * in; ++i) previous[i] += skip[i];
    }
    const float* a = activations_[k].data();
    if (params_[k - 1].residual) {
      std::copy(previous, previous + rows * in, output_grads_[k - 1].data());
      a = branch_[k - 1].data();
    }
    multiply_by_derivative(activation_[k - 1], a, previous, rows * in);
  }
}

std::vector<exporters::DenseLayerSpec> Network::to_spec() const {
  std::vector<exporters::DenseLayerSpec> layers;
  for (std::size_t k = 0; k < params_.size(); ++k) {
    exporters::DenseLayerSpec l;
    l.in_width = static_cast<std::uint16_t>(widths_[k]);
    l.out_width = static_cast<std::uint16_t>(widths_[k + 1]);
    l.activation = activation_[k];
    l.residual = params_[k].residual;
    l.weights.assign(params_[k].weights.begin(), params_[k].weights.end());
    l.bias.assign(params_[k].bias.begin(), params_[k].bias.end());
    layers.push_back(std::move(l));
  }
  return layers;
}

Adam::Adam(const Network& network, double learning_rate, double beta1, double beta2, double epsilon,
           double weight_decay)
    : learning_rate_(static_cast<float>(learning_rate)),
      beta1_(static_cast<float>(beta1)),
      beta2_(static_cast<float>(beta2)),
      epsilon_(static_cast<float>(epsilon)),
      weight_decay_(static_cast<float>(weight_decay)) {
  for (const auto& p : network.parameters()) {
    LayerParameters zero{xt::zeros_like(p.weights), xt::zeros_like(p.bias)};
    first_moment_.push_back(zero);
    second_moment_.push_back(zero);
  }
}

void Adam::step(Network& network) {
  beta1_power_ *= beta1_;
  beta2_power_ *= beta2_;
  // The bias corrections folded into the step size and epsilon (Kingma and Ba, section 2): the same update
  // as m̂ / (sqrt(v̂) + ε) with one pass over the parameters.
  const float correction2 = static_cast<float>(std::sqrt(1.0 - beta2_power_));
  const float step = learning_rate_ * correction2 / static_cast<float>(1.0 - beta1_power_);
  const float eps = epsilon_ * correction2;
  const float b1 = beta1_, b2 = beta2_, c1 = 1.0f - beta1_, c2 = 1.0f - beta2_;
  auto update = [&](auto& param, const auto& grad, auto& m, auto& v) {
    xt::noalias(m) = b1 * m + c1 * grad;
    xt::noalias(v) = b2 * v + c2 * grad * grad;
    xt::noalias(param) -= step * m / (xt::sqrt(v) + eps);
  };
  auto& params = network.parameters();
  const auto& grads = network.gradients();
  const float shrink = 1.0f - learning_rate_ * weight_decay_;
  for (std::size_t k = 0; k < params.size(); ++k) {
    if (weight_decay_ > 0) params[k].weights *= shrink;
    update(params[k].weights, grads[k].weights, first_moment_[k].weights, second_moment_[k].weights);
    update(params[k].bias, grads[k].bias, first_moment_[k].bias, second_moment_[k].bias);
  }
}

}  // namespace ember::trainer
