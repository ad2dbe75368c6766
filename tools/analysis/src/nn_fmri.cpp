#include "ember/analysis/nn_fmri.hpp"

#include <cmath>

#include "ember/analysis/forward.hpp"

namespace ember::analysis {
namespace {

double mean_output_change(const std::vector<float>& a, const std::vector<float>& b, std::size_t samples) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += std::fabs(static_cast<double>(a[i]) - b[i]);
  return samples ? sum / static_cast<double>(samples) : 0.0;
}

}  // namespace

std::vector<double> mean_abs_activation(const LayerActivations& layer, std::size_t first, std::size_t count) {
  std::vector<double> mean(layer.width, 0.0);
  for (std::size_t s = first; s < first + count; ++s)
    for (std::uint16_t n = 0; n < layer.width; ++n) mean[n] += std::fabs(layer.at(s, n));
  for (double& m : mean) m /= count ? static_cast<double>(count) : 1.0;
  return mean;
}

FmriResult analyze_fmri(const Model& model, const Activations& activations, std::uint32_t grid,
                        std::size_t max_occlusion_samples) {
  FmriResult result;
  // Occlusion re-runs the later layers once per neuron and per region, so it uses at most
  // max_occlusion_samples samples, evenly spaced through the stream.
  const std::size_t samples = activations.samples;
  const std::size_t used = samples < max_occlusion_samples ? samples : max_occlusion_samples;
  result.occlusion_samples = used;
  for (const LayerActivations& layer : activations.hidden) {
    LayerFmri out{layer.layer, GridLayout(layer.width, grid), {}, {}, {}, {}};
    out.neuron_mean_abs = mean_abs_activation(layer, 0, samples);
    out.voxel_mean_abs.assign(out.layout.voxels(), 0.0);
    for (std::uint32_t v = 0; v < out.layout.voxels(); ++v) {
      const auto& neurons = out.layout.voxel_neurons(v);
      for (std::uint32_t n : neurons) out.voxel_mean_abs[v] += out.neuron_mean_abs[n];
      if (!neurons.empty()) out.voxel_mean_abs[v] /= static_cast<double>(neurons.size());
    }

    std::vector<float> picked(used * layer.width);
    for (std::size_t i = 0; i < used; ++i) {
      const std::size_t s = used > 1 ? i * (samples - 1) / (used - 1) : 0;
      for (std::uint16_t n = 0; n < layer.width; ++n) picked[i * layer.width + n] = layer.at(s, n);
    }
    const auto next_layer = static_cast<std::uint16_t>(layer.layer + 1);
    const std::vector<float> intact = forward_from(model, next_layer, picked, used);
    auto occluded_change = [&](const std::vector<std::uint32_t>& neurons) {
      std::vector<float> masked = picked;
      for (std::size_t i = 0; i < used; ++i)
        for (std::uint32_t n : neurons) masked[i * layer.width + n] = 0.0f;
      return mean_output_change(forward_from(model, next_layer, masked, used), intact, used);
    };
    for (std::uint32_t n = 0; n < layer.width; ++n) out.neuron_importance.push_back(occluded_change({n}));
    for (std::uint32_t r = 0; r < out.layout.regions(); ++r) {
      RegionImportance region;
      region.region = r;
      const auto& neurons = out.layout.region_neurons(r);
      region.neurons = static_cast<std::uint32_t>(neurons.size());
      for (std::uint32_t n : neurons) region.mean_abs_activation += out.neuron_mean_abs[n];
      if (!neurons.empty()) {
        region.mean_abs_activation /= static_cast<double>(neurons.size());
        region.output_change = occluded_change(neurons);
      }
      out.regions.push_back(region);
    }
    result.layers.push_back(std::move(out));
  }
  return result;
}

}  // namespace ember::analysis
