// `ember analyze --bands delta:0.5-4,theta:4-8,...`: the frequency bands of the NN-EEG figures, parsed and
// checked against the stream's rate, or the EEG defaults cut at the Nyquist frequency with a note saying so.
#ifndef EMBER_ANALYSIS_BAND_LIST_HPP
#define EMBER_ANALYSIS_BAND_LIST_HPP

#include <string>
#include <vector>

#include "ember/spectral/band_power.hpp"

namespace ember::analysis {

// The band names own their text; `set` points at it, so a BandList is moved, never copied.
struct BandList {
  std::vector<std::string> names;
  spectral::BandSet set;
  std::string note;  // non-empty when the defaults were cut or dropped at the Nyquist frequency

  BandList() = default;
  BandList(BandList&&) = default;
  BandList& operator=(BandList&&) = default;
  BandList(const BandList&) = delete;
  BandList& operator=(const BandList&) = delete;
};

// `text` empty: the EEG bands for `rate_hz` (spectral::default_bands). Otherwise NAME:LOW-HIGH pairs in Hz,
// comma-separated, ascending and non-overlapping, at most spectral::kMaxBands, none above rate_hz / 2.
// Throws std::invalid_argument with one line naming the offending band.
BandList parse_bands(const std::string& text, float rate_hz);

}  // namespace ember::analysis

#endif  // EMBER_ANALYSIS_BAND_LIST_HPP
