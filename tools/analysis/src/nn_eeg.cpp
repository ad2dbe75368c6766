#include "ember/analysis/nn_eeg.hpp"

namespace ember::analysis {

EegResult analyze_eeg(const Activations& activations, const WelchEstimator& welch) {
  EegResult result;
  result.segments = welch.segments(activations.samples);
  std::vector<float> psd;
  for (const LayerActivations& layer : activations.hidden) {
    LayerEeg out;
    out.summary.layer = layer.layer;
    for (std::uint16_t n = 0; n < layer.width; ++n) {
      welch.psd(layer.values.data() + n, activations.samples, layer.width, psd);
      out.neurons.push_back(spectral::summarize_psd(psd.data(), welch.window(), welch.rate_hz(), welch.bands()));
      out.summary.add(out.neurons.back());
    }
    out.summary.finish();
    result.layers.push_back(std::move(out));
  }
  return result;
}

}  // namespace ember::analysis
