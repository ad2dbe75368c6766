// Streaming NN-EEG on the device: a firmware feeds the probe one inference at a time (through the model's
// observer hook) and asks for the NN-EEG table whenever it likes. The probe runs Welch's method as the
// samples arrive: every window/2 inferences it transforms the last `window` activations of each neuron
// (mean removed, Hann window, the runtime's real FFT) and adds the periodogram to a running sum. The host
// analysis segments its time series the same way, so both print the same table.
//
// Memory is declared up front, like the arena: the caller passes spectral_probe_bytes(neurons, window)
// bytes (4-aligned) and the probe never allocates.
//
//   static uint8_t probe_memory[...];   // >= ember::spectral_probe_bytes(neurons, 64)
//   ember::spectral::BandPowerProbe probe;
//   probe.init(model, 64, 200.0f, probe_memory, sizeof probe_memory);
//   model.set_observer(&ember::spectral::BandPowerProbe::observe, &probe);
//   ... model.run(x, y) for every sample ...
//   probe.write_table(table);
#ifndef EMBER_SPECTRAL_BAND_POWER_PROBE_HPP
#define EMBER_SPECTRAL_BAND_POWER_PROBE_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/model.hpp"
#include "ember/spectral/band_power.hpp"
#include "ember/status.hpp"

namespace ember {

// Bytes of probe memory for `neurons` observed neurons and a Welch window of `window` samples: a ring of
// the last `window` activations and a running PSD sum (window/2 + 1 bins) per neuron, plus the twiddles,
// the Hann window and two transform buffers (4 x window + 2 floats). 0 for an unsupported window.
size_t spectral_probe_bytes(uint32_t neurons, uint32_t window);

namespace spectral {

class BandPowerProbe {
 public:
  static constexpr uint32_t kMaxLayers = 32;

  // Observes every hidden layer of `model` (all layers but the last), with the EEG bands cut at the rate's
  // Nyquist frequency (default_bands). bad_argument for a model without a hidden layer, an unsupported
  // window (a power of two from 4 to 256), or a rate that is not finite or at most 1 Hz (no band left);
  // arena_too_small when `bytes` is below spectral_probe_bytes().
  Status init(const Model& model, uint32_t window, float rate_hz, void* memory, size_t bytes);

  // Install with model.set_observer(&BandPowerProbe::observe, &probe). Records each hidden layer's output
  // and closes the sample when the last layer ends.
  static void observe(void* probe, uint16_t layer_index, LayerPhase phase, const float* values, uint16_t width);

  // The same, by hand: record the hidden layers of one inference, then end_sample().
  void record(uint16_t layer_index, const float* values, uint16_t width);
  void end_sample();

  uint32_t neurons() const { return neurons_; }
  uint32_t samples() const { return samples_; }
  uint32_t segments() const { return segments_; }
  uint32_t hidden_layers() const { return hidden_layers_; }
  uint32_t layer_width(uint32_t hidden_layer) const { return widths_[hidden_layer]; }

  // Figures of one neuron (0-based over all hidden layers, in layer order) from the segments so far.
  NeuronSpectrum neuron(uint32_t index) const;
  // The NN-EEG table; needs at least one segment (returns false otherwise).
  bool write_table(report::TableWriter& table) const;

 private:
  void transform_segment();

  float* ring_ = nullptr;     // neurons x window, column `samples_ % window` is the newest
  float* psd_sum_ = nullptr;  // neurons x (window/2 + 1)
  float* twiddles_ = nullptr;
  float* hann_ = nullptr;
  float* work_ = nullptr;  // window
  float* bins_ = nullptr;  // window + 2
  float rate_hz_ = 0.0f;
  float density_scale_ = 0.0f;  // 1 / (rate x sum of squared window values)
  uint32_t window_ = 0;
  uint32_t neurons_ = 0;
  uint32_t samples_ = 0;
  uint32_t segments_ = 0;
  uint32_t hidden_layers_ = 0;
  uint16_t widths_[kMaxLayers] = {};
  uint32_t offsets_[kMaxLayers] = {};
};

}  // namespace spectral
}  // namespace ember

#endif  // EMBER_SPECTRAL_BAND_POWER_PROBE_HPP
