// NN-EEG figures of one neuron from its power spectral density, and the per-layer table. Shared by the host
// analysis (`ember analyze`) and the device probe, so the two print the same numbers in the same table.
//
// Bands (Hz): delta [0.5, 4), theta [4, 8), alpha [8, 13), beta [13, 30), gamma [30, 100]. A bin belongs
// to the band that holds its centre frequency k * rate / n. Relative power is a band's power over the
// power of all five bands (bins from 0.5 to 100 Hz; DC and anything above 100 Hz are left out).
#ifndef EMBER_SPECTRAL_BAND_POWER_HPP
#define EMBER_SPECTRAL_BAND_POWER_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/report/table_writer.hpp"

namespace ember {
namespace spectral {

constexpr uint32_t kBandCount = 5;

struct Band {
  const char* name;
  float low_hz;
  float high_hz;
};

// delta, theta, alpha, beta, gamma.
const Band& band(uint32_t index);

// The lowest sampling rate whose Nyquist frequency covers the gamma band (Hz).
constexpr float kMinRateHz = 200.0f;

struct NeuronSpectrum {
  float band_power[kBandCount];  // absolute, in activation^2 (sum of PSD x bin width)
  float relative[kBandCount];    // band_power / total_power; all 0 for a silent neuron
  float total_power;             // sum over the five bands
  float centroid_hz;             // sum f P(f) / sum P(f) over the band bins
  float entropy;                 // Shannon entropy of the normalized band-bin PSD over log(bin count): 0..1
  bool silent;                   // no power in any band (e.g. a ReLU that never fires)
};

// `psd`: n/2 + 1 one-sided density values (activation^2 / Hz) of an n-point transform at `rate_hz`.
NeuronSpectrum summarize_psd(const float* psd, uint32_t n, float rate_hz);

// Averages neurons into one row of the per-layer table; silent neurons are counted but not averaged.
struct LayerSpectrum {
  uint32_t layer = 0;
  uint32_t neurons = 0;
  uint32_t silent = 0;
  double relative[kBandCount] = {0, 0, 0, 0, 0};
  double centroid_hz = 0;
  double entropy = 0;

  void add(const NeuronSpectrum& neuron);
  // Divides the sums by the number of active neurons; call once after the last add().
  void finish();
};

// The NN-EEG table: one row per layer. `segments` is the number of Welch segments averaged.
void write_layer_spectrum_table(report::TableWriter& table, const LayerSpectrum* layers, size_t count,
                                uint32_t segments);

// Natural logarithm for positive finite floats without libm (about 1e-7 relative).
float log_positive(float x);

}  // namespace spectral
}  // namespace ember

#endif  // EMBER_SPECTRAL_BAND_POWER_HPP
