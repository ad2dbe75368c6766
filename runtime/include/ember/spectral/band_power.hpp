// NN-EEG figures of one neuron from its power spectral density, and the per-layer table. Shared by the host
// analysis (`ember analyze`) and the device probe, so the two print the same numbers in the same table.
//
// Bands (Hz), by default the EEG's: delta [0.5, 4), theta [4, 8), alpha [8, 13), beta [13, 30), gamma
// [30, 100], cut at the Nyquist frequency of slower streams (default_bands); or any ascending,
// non-overlapping set of up to kMaxBands (`ember analyze --bands`). A bin belongs to the band that holds its
// centre frequency k * rate / n; the last band includes its upper edge. Relative power is a band's power
// over the power of all bands (DC and bins outside every band are left out).
#ifndef EMBER_SPECTRAL_BAND_POWER_HPP
#define EMBER_SPECTRAL_BAND_POWER_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/report/table_writer.hpp"

namespace ember {
namespace spectral {

// The EEG bands delta..gamma.
constexpr uint32_t kBandCount = 5;
// The most bands a set may hold.
constexpr uint32_t kMaxBands = 8;

struct Band {
  const char* name;  // not owned: a literal, or a string the caller keeps alive as long as the set
  float low_hz;
  float high_hz;
};

// delta, theta, alpha, beta, gamma.
const Band& band(uint32_t index);

struct BandSet {
  uint32_t count = 0;
  Band bands[kMaxBands] = {};
};

// The EEG bands as far as a stream at `rate_hz` can see them: bands that start at or above the Nyquist
// frequency rate/2 are left out and the last one kept ends there (at 50 Hz: delta, theta, alpha, and beta
// cut to 13-25 Hz). Empty for rates of 1 Hz and below (Nyquist at or below delta's 0.5 Hz).
BandSet default_bands(float rate_hz);

// True when `set` has 1..kMaxBands bands, each low < high, ascending and non-overlapping, none above the
// Nyquist frequency of `rate_hz`.
bool is_valid_band_set(const BandSet& set, float rate_hz);

struct NeuronSpectrum {
  float band_power[kMaxBands];  // absolute, in activation^2 (sum of PSD x bin width); bands past the set's count are 0
  float relative[kMaxBands];    // band_power / total_power; all 0 for a silent neuron
  float total_power;             // sum over the bands
  float centroid_hz;             // sum f P(f) / sum P(f) over the band bins
  float entropy;                 // Shannon entropy of the normalized band-bin PSD over log(bin count): 0..1
  bool silent;                   // no power in any band (e.g. a ReLU that never fires)
};

// `psd`: n/2 + 1 one-sided density values (activation^2 / Hz) of an n-point transform at `rate_hz`.
NeuronSpectrum summarize_psd(const float* psd, uint32_t n, float rate_hz, const BandSet& bands);

// Averages neurons into one row of the per-layer table; silent neurons are counted but not averaged.
struct LayerSpectrum {
  uint32_t layer = 0;
  uint32_t neurons = 0;
  uint32_t silent = 0;
  double relative[kMaxBands] = {};
  double centroid_hz = 0;
  double entropy = 0;

  void add(const NeuronSpectrum& neuron);
  // Divides the sums by the number of active neurons; call once after the last add().
  void finish();
};

// The NN-EEG table: one row per layer, one column per band. `segments` is the number of Welch segments
// averaged.
void write_layer_spectrum_table(report::TableWriter& table, const LayerSpectrum* layers, size_t count,
                                uint32_t segments, const BandSet& bands);

// Natural logarithm for positive finite floats without libm (about 1e-7 relative).
float log_positive(float x);

}  // namespace spectral
}  // namespace ember

#endif  // EMBER_SPECTRAL_BAND_POWER_HPP
