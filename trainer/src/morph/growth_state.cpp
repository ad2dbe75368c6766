#include "morph/growth_state.hpp"

#include "morph/morph_residual.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ember::trainer {

std::vector<std::size_t> hidden_widths(const Network& net) {
  const auto& w = net.widths();
  return std::vector<std::size_t>(w.begin() + 1, w.end() - 1);
}

std::size_t parameter_count(const Network& net) {
  std::size_t n = 0;
  for (const auto& p : net.parameters()) n += p.weights.size() + p.bias.size();
  return n;
}

std::vector<std::size_t> GrowthState::hidden() const { return hidden_widths(net); }

std::size_t GrowthState::parameters() const { return parameter_count(net); }

void GrowthState::morph(const std::function<void(Layers&, NewEntries)>& op) {
  Layers weights = net.parameters();
  op(weights, NewEntries::copy);
  op(average, NewEntries::copy);
  op(adam.first_moment(), NewEntries::zero);
  op(adam.second_moment(), NewEntries::zero);
  const Activation hidden = net.activation(0), output = net.activation(net.layer_count() - 1);
  net = Network(std::move(weights), hidden, output, net.max_rows());
}

void divide_neurons(GrowthState& state, std::size_t layer, const std::vector<std::size_t>& neurons, double jitter,
                    double perturbation, Random& rng) {
  std::vector<float> shares;
  for (std::size_t i = 0; i < neurons.size(); ++i)
    shares.push_back(static_cast<float>(0.5 + (jitter > 0 ? rng.uniform(-jitter, jitter) : 0.0)));
  const std::size_t first_twin = state.net.widths()[layer + 1];
  state.morph([&](Layers& layers, NewEntries fill) {
    // Through the residual blocks after `layer`, if any, so that they stay as wide as their stream.
    for (std::size_t i = 0; i < neurons.size(); ++i)
      divide_neuron_through_residuals(layers, layer, neurons[i], fill, shares[i]);
  });
  if (perturbation <= 0) return;
  auto& w = state.net.parameters()[layer].weights;
  const std::size_t fan_in = w.shape()[1];
  for (std::size_t t = first_twin; t < w.shape()[0]; ++t) {
    double sum = 0;
    for (std::size_t i = 0; i < fan_in; ++i) sum += static_cast<double>(w(t, i)) * w(t, i);
    const double sd = perturbation * std::sqrt(sum / static_cast<double>(fan_in));
    for (std::size_t i = 0; i < fan_in; ++i) w(t, i) += static_cast<float>(sd * rng.normal());
  }
}

NeuronStatistics neuron_statistics(Network& net, const Layers& weights, const SplitRows& rows, std::size_t max_rows) {
  Layers live = net.parameters();
  net.parameters() = weights;
  const std::size_t hidden = net.layer_count() - 1, in = net.input_width();
  NeuronStatistics s;
  s.mean.resize(hidden);
  s.magnitude.resize(hidden);
  s.deviation.resize(hidden);
  for (std::size_t k = 0; k < hidden; ++k) {
    s.mean[k].assign(net.widths()[k + 1], 0.0);
    s.magnitude[k].assign(net.widths()[k + 1], 0.0);
    s.deviation[k].assign(net.widths()[k + 1], 0.0);  // the sum of squares until the end
  }
  const std::size_t total = std::min(rows.rows, max_rows);
  for (std::size_t first = 0; first < total; first += net.max_rows()) {
    const std::size_t n = std::min(net.max_rows(), total - first);
    std::memcpy(net.input(), rows.x.data() + first * in, n * in * sizeof(float));
    net.forward(n);
    for (std::size_t k = 0; k < hidden; ++k) {
      const float* a = net.layer_output(k);
      const std::size_t width = s.mean[k].size();
      for (std::size_t r = 0; r < n; ++r)
        for (std::size_t j = 0; j < width; ++j) {
          const double v = a[r * width + j];
          s.mean[k][j] += v;
          s.magnitude[k][j] += std::fabs(v);
          s.deviation[k][j] += v * v;
        }
    }
  }
  const double count = static_cast<double>(total == 0 ? 1 : total);
  for (std::size_t k = 0; k < hidden; ++k)
    for (std::size_t j = 0; j < s.mean[k].size(); ++j) {
      s.mean[k][j] /= count;
      s.magnitude[k][j] /= count;
      s.deviation[k][j] = std::sqrt(std::max(0.0, s.deviation[k][j] / count - s.mean[k][j] * s.mean[k][j]));
    }
  net.parameters() = live;
  return s;
}

}  // namespace ember::trainer
