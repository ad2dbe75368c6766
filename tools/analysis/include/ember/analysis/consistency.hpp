// Cross-modal consistency: do the neurons whose spectra move the most (NN-EEG) also matter the most
// spatially (NN-fMRI occlusion)? Spearman's rho between the two importances, per layer and pooled.
//
// Temporal importance of a neuron: with reference data, the band-power shift
//   sum_b |P_test[b] - P_ref[b]| / sum_b (P_test[b] + P_ref[b])   (0 = same spectrum, 1 = disjoint);
// without reference data, its total band power (0.5-100 Hz), i.e. how much it fluctuates at all.
// Spatial importance: the output change when that neuron alone is occluded.
#ifndef EMBER_ANALYSIS_CONSISTENCY_HPP
#define EMBER_ANALYSIS_CONSISTENCY_HPP

#include <cstddef>
#include <vector>

#include "ember/analysis/nn_eeg.hpp"
#include "ember/analysis/nn_fmri.hpp"

namespace ember::analysis {

struct LayerConsistency {
  std::uint16_t layer = 0;
  std::size_t neurons = 0;
  double spearman = 0;  // NaN when one side is constant (e.g. every neuron silent)
};

struct ConsistencyResult {
  std::vector<LayerConsistency> layers;
  LayerConsistency overall;          // all hidden neurons pooled; `layer` unused
  std::vector<std::vector<double>> temporal;  // per layer, per neuron
  bool against_reference = false;
};

double band_power_shift(const spectral::NeuronSpectrum& test, const spectral::NeuronSpectrum& reference);

// `reference` may be null (no --reference).
ConsistencyResult analyze_consistency(const EegResult& test, const EegResult* reference, const FmriResult& fmri);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_CONSISTENCY_HPP
