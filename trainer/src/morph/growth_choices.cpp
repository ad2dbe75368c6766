#include "morph/growth_choices.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "morph/morph_residual.hpp"

namespace ember::trainer {

std::string widths_text(const std::vector<std::size_t>& hidden) {
  std::string s;
  for (std::size_t w : hidden) s += (s.empty() ? "" : ",") + std::to_string(w);
  return s.empty() ? "none" : s;
}

bool fits_budget(const Network& net, const std::vector<std::size_t>& hidden, const GrowthBudget& budget) {
  // The blob's widths are 16-bit and its layer count at most 32 (docs/blob-format.md).
  for (std::size_t w : hidden)
    if (w == 0 || w > 65535) return false;
  if (hidden.size() > 31) return false;
  std::vector<std::size_t> widths{net.input_width()};
  widths.insert(widths.end(), hidden.begin(), hidden.end());
  widths.push_back(net.output_width());
  const Footprint f = footprint_of(widths, net.activation(0), net.activation(net.layer_count() - 1));
  return budget_violation(f, budget).empty();
}

NeuronValues zero_load(const Network& net) {
  NeuronValues load(net.layer_count() - 1);
  for (std::size_t k = 0; k < load.size(); ++k) load[k].assign(net.widths()[k + 1], 0.0);
  return load;
}

void add_neuron_load(const Network& net, NeuronValues& load) {
  for (std::size_t k = 0; k < load.size(); ++k) {
    const auto& grad = net.gradients()[k];
    const std::size_t fan_in = grad.weights.shape()[1];
    for (std::size_t j = 0; j < load[k].size(); ++j) {
      double s = static_cast<double>(grad.bias(j)) * grad.bias(j);
      for (std::size_t i = 0; i < fan_in; ++i) s += static_cast<double>(grad.weights(j, i)) * grad.weights(j, i);
      load[k][j] += s;
    }
  }
}

std::vector<std::size_t> bottleneck_order(const NeuronValues& load) {
  std::vector<std::size_t> order(load.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto per_neuron = [&](std::size_t k) {
    return std::accumulate(load[k].begin(), load[k].end(), 0.0) / static_cast<double>(load[k].size());
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return per_neuron(a) > per_neuron(b); });
  return order;
}

std::vector<std::size_t> division_neurons(const Network& net, std::size_t layer, const NeuronValues& load,
                                          const NeuronValues& magnitude, const GrowthBudget& budget) {
  if (net.parameters()[layer].residual) return {};
  std::vector<std::size_t> live;
  for (std::size_t j = 0; j < magnitude[layer].size(); ++j)
    if (magnitude[layer][j] > 0) live.push_back(j);
  std::sort(live.begin(), live.end(), [&](std::size_t a, std::size_t b) { return load[layer][a] > load[layer][b]; });
  const std::size_t stream_end = residual_stream_end(net.parameters(), layer);
  std::vector<std::size_t> hidden = hidden_widths(net);
  const std::size_t width = hidden[layer];
  std::size_t count = live.size();
  for (; count > 0; --count) {
    for (std::size_t k = layer; k <= stream_end; ++k) hidden[k] = width + count;
    if (fits_budget(net, hidden, budget)) break;
  }
  live.resize(count);
  return live;
}

std::string division_reason(const NeuronValues& load, std::size_t layer) {
  double total = 0, here = 0;
  for (const auto& l : load)
    for (double v : l) total += v;
  for (double v : load[layer]) here += v;
  const std::size_t width = load[layer].size();
  char why[120];
  std::snprintf(why, sizeof why, "gradient share per neuron %.3f (%.0f %% of the gradient, %zu neurons)",
                total > 0 ? here / total / static_cast<double>(width) : 0.0, total > 0 ? 100 * here / total : 0.0,
                width);
  return why;
}

MorphEvent begin_event(const Network& net, std::size_t epoch, MorphKind kind, std::size_t layer, double before) {
  MorphEvent e;
  e.epoch = epoch;
  e.kind = kind;
  e.layer = layer;
  e.hidden_before = hidden_widths(net);
  e.parameters_before = parameter_count(net);
  e.validation_before = before;
  return e;
}

std::size_t prune_layer(const Network& net, double fraction) {
  const auto& widths = net.widths();
  const std::size_t hidden = net.layer_count() - 1;
  std::size_t layer = 0, saved = 0;
  for (std::size_t k = 0; k < hidden; ++k) {
    if (width_change_breaks_residual(net.parameters(), k)) continue;
    const std::size_t count =
        std::min(static_cast<std::size_t>(fraction * static_cast<double>(widths[k + 1])), widths[k + 1] - 1);
    const std::size_t s = count * (widths[k] + 1 + widths[k + 2]);
    if (s >= saved) {
      saved = s;
      layer = k;
    }
  }
  return saved == 0 ? hidden : layer;
}

std::vector<std::size_t> least_salient(const Layers& weights, std::size_t layer, const std::vector<double>& deviation,
                                       double fraction) {
  const std::vector<double> saliency = neuron_saliency(weights, layer, deviation);
  std::vector<std::size_t> order(saliency.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return saliency[a] < saliency[b]; });
  order.resize(std::min(static_cast<std::size_t>(fraction * static_cast<double>(order.size())), order.size() - 1));
  std::sort(order.rbegin(), order.rend());
  return order;
}

void remove_neurons(GrowthState& state, std::size_t layer, const std::vector<std::size_t>& neurons,
                    const std::vector<double>& mean) {
  for (std::size_t j : neurons) {
    const float m = static_cast<float>(mean[j]);
    state.morph([&](Layers& layers, NewEntries fill) {
      remove_neuron(layers, layer, j, fill == NewEntries::copy ? m : 0.0f);
    });
  }
}

std::size_t remove_dead_neurons(GrowthState& state, const NeuronValues& magnitude, std::size_t& last_layer) {
  std::size_t removed = 0;
  for (std::size_t k = magnitude.size(); k-- > 0;) {
    if (width_change_breaks_residual(state.net.parameters(), k)) continue;
    std::size_t width = magnitude[k].size();
    for (std::size_t j = width; j-- > 0;)
      if (magnitude[k][j] == 0 && width > 1) {
        state.morph([&](Layers& layers, NewEntries) { remove_neuron(layers, k, j); });
        --width;
        ++removed;
        last_layer = k;
      }
  }
  return removed;
}

}  // namespace ember::trainer
