// NN-EEG: every neuron's activation over the input stream is a signal sampled at the stream's rate; its
// Welch PSD gives relative band power (delta..gamma), spectral centroid and entropy
// (ember/spectral/band_power.hpp defines the figures, shared with the device probe).
#ifndef EMBER_ANALYSIS_NN_EEG_HPP
#define EMBER_ANALYSIS_NN_EEG_HPP

#include <vector>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/welch.hpp"
#include "ember/spectral/band_power.hpp"

namespace ember::analysis {

struct LayerEeg {
  std::vector<spectral::NeuronSpectrum> neurons;
  spectral::LayerSpectrum summary;
};

struct EegResult {
  std::vector<LayerEeg> layers;  // one per hidden layer
  std::size_t segments = 0;      // Welch segments averaged per neuron
};

// Throws std::invalid_argument when the stream is shorter than the window.
EegResult analyze_eeg(const Activations& activations, const WelchEstimator& welch);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_NN_EEG_HPP
