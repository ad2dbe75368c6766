// The MLP being trained: parameters as xtensor arrays, plus every buffer the forward and backward passes
// need for up to `max_rows` rows, allocated once so that a training step allocates nothing.
// Private to trainer/src: it pulls in xtensor, which is slow to compile (about 3.5 s per translation unit).
#ifndef EMBER_TRAINER_NETWORK_HPP
#define EMBER_TRAINER_NETWORK_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "ember/activation.hpp"
#include "ember/export/model_spec.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::trainer {

class Random;

struct LayerParameters {
  xt::xtensor<float, 2> weights;  // out_width x in_width, row-major as in the blob
  xt::xtensor<float, 1> bias;     // out_width
  // A residual layer adds its input to its output, y = x + act(W x + b) (in == out, a hidden layer; the
  // blob's residual flag, docs/blob-format.md). Morphogenesis adds them (trainer/src/morph/morph_residual.*).
  bool residual = false;
};

class Network {
 public:
  // widths: input, hidden..., output; `init` as in TrainConfig.
  Network(const std::vector<std::size_t>& widths, Activation hidden, Activation output, Init init,
          std::size_t max_rows, Random& rng);
  // A network with these parameters (widths from their shapes): what morphogenesis (trainer/src/morph)
  // builds after it changes the architecture. Hidden layers use `hidden`, the last one `output`.
  Network(std::vector<LayerParameters> params, Activation hidden, Activation output, std::size_t max_rows);

  std::size_t layer_count() const { return params_.size(); }
  std::size_t input_width() const { return widths_.front(); }
  std::size_t output_width() const { return widths_.back(); }
  std::size_t max_rows() const { return max_rows_; }
  const std::vector<std::size_t>& widths() const { return widths_; }  // input, hidden..., output
  Activation activation(std::size_t layer) const { return activation_[layer]; }
  // Layer k's output after the last forward() (rows x width of layer k), e.g. to find dead ReLUs.
  const float* layer_output(std::size_t layer) const { return activations_[layer + 1].data(); }

  // The caller writes up to max_rows() standardized input rows here, then calls forward().
  float* input() { return activations_.front().data(); }
  // Returns the last layer's activations (rows x output_width), valid until the next forward().
  const float* forward(std::size_t rows);
  // The caller writes d(loss)/d(pre-activation of the last layer) here (rows x output_width), then calls
  // backward(), which fills the gradients of every parameter.
  float* output_delta() { return deltas_.back().data(); }
  void backward(std::size_t rows);

  std::vector<LayerParameters>& parameters() { return params_; }
  const std::vector<LayerParameters>& parameters() const { return params_; }
  const std::vector<LayerParameters>& gradients() const { return grads_; }

  // Layers as the exporter wants them.
  std::vector<exporters::DenseLayerSpec> to_spec() const;

 private:
  std::vector<std::size_t> widths_;
  std::vector<Activation> activation_;  // per layer
  std::size_t max_rows_;
  std::vector<LayerParameters> params_;
  std::vector<LayerParameters> grads_;
  std::vector<xt::xtensor<float, 2>> activations_;  // [0] input, [k + 1] output of layer k; max_rows rows
  std::vector<xt::xtensor<float, 2>> deltas_;       // [k] d(loss)/d(pre-activation of layer k)
  // Residual layers only (empty otherwise): [k] act(W x + b) of layer k, whose derivative backward() needs,
  // and d(loss)/d(output of layer k), which also flows straight to the layer's input.
  std::vector<xt::xtensor<float, 2>> branch_, output_grads_;
  void check_residual_layers() const;
};

// Adam (Kingma and Ba, 2015) with bias correction, on every parameter of a Network. With weight_decay > 0,
// decoupled weight decay (Loshchilov and Hutter, 2019, "AdamW"): each step first multiplies every weight
// (not the biases) by 1 - learning_rate x weight_decay, then takes the Adam step.
class Adam {
 public:
  Adam(const Network& network, double learning_rate, double beta1, double beta2, double epsilon,
       double weight_decay = 0);
  void step(Network& network);
  double learning_rate() const { return learning_rate_; }
  void set_learning_rate(double learning_rate) { learning_rate_ = static_cast<float>(learning_rate); }
  // The moments, shaped like the network's parameters: morphogenesis reshapes them with the network
  // (old weights keep theirs, new weights start at zero).
  std::vector<LayerParameters>& first_moment() { return first_moment_; }
  std::vector<LayerParameters>& second_moment() { return second_moment_; }

 private:
  float learning_rate_, beta1_, beta2_, epsilon_, weight_decay_;
  double beta1_power_ = 1, beta2_power_ = 1;
  std::vector<LayerParameters> first_moment_, second_moment_;
};

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_NETWORK_HPP
