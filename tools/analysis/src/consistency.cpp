#include "ember/analysis/consistency.hpp"

#include <cmath>

#include "ember/analysis/statistics.hpp"

namespace ember::analysis {

double band_power_shift(const spectral::NeuronSpectrum& test, const spectral::NeuronSpectrum& reference) {
  double moved = 0, total = 0;
  // Bands past a set's count hold 0 in both spectra.
  for (std::uint32_t b = 0; b < spectral::kMaxBands; ++b) {
    moved += std::abs(static_cast<double>(test.band_power[b]) - reference.band_power[b]);
    total += static_cast<double>(test.band_power[b]) + reference.band_power[b];
  }
  return total > 0 ? moved / total : 0.0;
}

ConsistencyResult analyze_consistency(const EegResult& test, const EegResult* reference, const FmriResult& fmri) {
  ConsistencyResult result;
  result.against_reference = reference != nullptr;
  std::vector<double> all_temporal, all_spatial;
  for (std::size_t l = 0; l < test.layers.size(); ++l) {
    std::vector<double> temporal;
    for (std::size_t n = 0; n < test.layers[l].neurons.size(); ++n) {
      const auto& neuron = test.layers[l].neurons[n];
      temporal.push_back(reference ? band_power_shift(neuron, reference->layers[l].neurons[n]) : neuron.total_power);
    }
    const std::vector<double>& spatial = fmri.layers[l].neuron_importance;
    result.layers.push_back({fmri.layers[l].layer, temporal.size(), spearman(temporal, spatial)});
    all_temporal.insert(all_temporal.end(), temporal.begin(), temporal.end());
    all_spatial.insert(all_spatial.end(), spatial.begin(), spatial.end());
    result.temporal.push_back(std::move(temporal));
  }
  result.overall = {0, all_temporal.size(), spearman(all_temporal, all_spatial)};
  return result;
}

}  // namespace ember::analysis
