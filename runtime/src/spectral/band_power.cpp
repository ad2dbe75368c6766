#include "ember/spectral/band_power.hpp"

#include "ember/scalar_math.hpp"

namespace ember {
namespace spectral {
namespace {

const Band kBands[kBandCount] = {
    {"delta", 0.5f, 4.0f}, {"theta", 4.0f, 8.0f}, {"alpha", 8.0f, 13.0f}, {"beta", 13.0f, 30.0f}, {"gamma", 30.0f, 100.0f},
};

// Band of a bin's centre frequency, or -1 outside every band. The last band includes its upper edge so
// that the Nyquist bin counts when a band ends there (gamma at 200 Hz).
int band_of(float hz, const BandSet& set) {
  for (uint32_t b = 0; b < set.count; ++b)
    if (hz >= set.bands[b].low_hz && hz < set.bands[b].high_hz) return static_cast<int>(b);
  return set.count != 0 && hz == set.bands[set.count - 1].high_hz ? static_cast<int>(set.count - 1) : -1;
}

}  // namespace

const Band& band(uint32_t index) { return kBands[index < kBandCount ? index : kBandCount - 1]; }

BandSet default_bands(float rate_hz) {
  BandSet set;
  const float nyquist = rate_hz / 2.0f;
  for (uint32_t b = 0; b < kBandCount && kBands[b].low_hz < nyquist; ++b) {
    set.bands[set.count] = kBands[b];
    if (set.bands[set.count].high_hz > nyquist) set.bands[set.count].high_hz = nyquist;
    ++set.count;
  }
  return set;
}

bool is_valid_band_set(const BandSet& set, float rate_hz) {
  if (set.count == 0 || set.count > kMaxBands || !(rate_hz > 0.0f)) return false;
  for (uint32_t b = 0; b < set.count; ++b) {
    const Band& band = set.bands[b];
    if (!(band.low_hz >= 0.0f) || !(band.high_hz > band.low_hz) || band.high_hz > rate_hz / 2.0f) return false;
    if (b > 0 && band.low_hz < set.bands[b - 1].high_hz) return false;
  }
  return true;
}

float log_positive(float x) {
  // x = 2^e * m with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172.
  const uint32_t bits = math::float_bits(x);
  int32_t e = static_cast<int32_t>((bits >> 23) & 0xffu) - 127;
  float m = math::bits_to_float((bits & 0x007fffffu) | 0x3f800000u);
  if (m > 1.41421356f) {
    m *= 0.5f;
    ++e;
  }
  const float s = (m - 1.0f) / (m + 1.0f);
  const float s2 = s * s;
  const float series = s * (2.0f + s2 * (2.0f / 3.0f + s2 * (2.0f / 5.0f + s2 * (2.0f / 7.0f + s2 * (2.0f / 9.0f)))));
  return series + static_cast<float>(e) * 0.693147180559945f;
}

NeuronSpectrum summarize_psd(const float* psd, uint32_t n, float rate_hz, const BandSet& bands) {
  NeuronSpectrum out{};
  const float bin_hz = rate_hz / static_cast<float>(n);
  float weighted = 0.0f;
  uint32_t bins = 0;
  for (uint32_t k = 0; k <= n / 2; ++k) {
    const int b = band_of(static_cast<float>(k) * bin_hz, bands);
    if (b < 0) continue;
    const float power = psd[k] * bin_hz;
    out.band_power[b] += power;
    out.total_power += power;
    weighted += power * static_cast<float>(k) * bin_hz;
    ++bins;
  }
  out.silent = !(out.total_power > 0.0f);
  if (out.silent) return out;
  for (uint32_t b = 0; b < bands.count; ++b) out.relative[b] = out.band_power[b] / out.total_power;
  out.centroid_hz = weighted / out.total_power;
  float entropy = 0.0f;
  for (uint32_t k = 0; k <= n / 2; ++k) {
    if (band_of(static_cast<float>(k) * bin_hz, bands) < 0) continue;
    const float p = psd[k] * bin_hz / out.total_power;
    if (p > 0.0f) entropy -= p * log_positive(p);
  }
  out.entropy = bins > 1 ? entropy / log_positive(static_cast<float>(bins)) : 0.0f;
  return out;
}

void LayerSpectrum::add(const NeuronSpectrum& neuron) {
  ++neurons;
  if (neuron.silent) {
    ++silent;
    return;
  }
  for (uint32_t b = 0; b < kMaxBands; ++b) relative[b] += neuron.relative[b];
  centroid_hz += neuron.centroid_hz;
  entropy += neuron.entropy;
}

void LayerSpectrum::finish() {
  const uint32_t active = neurons - silent;
  if (active == 0) return;
  for (uint32_t b = 0; b < kMaxBands; ++b) relative[b] /= active;
  centroid_hz /= active;
  entropy /= active;
}

void write_layer_spectrum_table(report::TableWriter& table, const LayerSpectrum* layers, size_t count,
                                uint32_t segments, const BandSet& bands) {
  const uint32_t band_count = bands.count < kMaxBands ? bands.count : kMaxBands;
  constexpr size_t kFixed = 6;  // layer, neurons, silent, then the bands, then centroid, entropy, segments
  report::Column columns[kFixed + kMaxBands] = {{"layer", ""}, {"neurons", ""}, {"silent", ""}};
  for (uint32_t b = 0; b < band_count; ++b) columns[3 + b] = {bands.bands[b].name, "%"};
  columns[3 + band_count] = {"centroid", "Hz"};
  columns[4 + band_count] = {"entropy", "0-1"};
  columns[5 + band_count] = {"segments", ""};
  const size_t column_count = kFixed + band_count;
  table.begin("NN-EEG: relative band power per layer (mean over active neurons)", columns, column_count);
  for (size_t i = 0; i < count; ++i) {
    const LayerSpectrum& l = layers[i];
    report::Cell row[kFixed + kMaxBands] = {report::Cell::integer(l.layer), report::Cell::integer(l.neurons),
                                            report::Cell::integer(l.silent)};
    for (uint32_t b = 0; b < band_count; ++b) row[3 + b] = report::Cell::decimal(100.0 * l.relative[b], 2);
    row[3 + band_count] = report::Cell::decimal(l.centroid_hz, 2);
    row[4 + band_count] = report::Cell::decimal(l.entropy, 3);
    row[5 + band_count] = report::Cell::integer(segments);
    table.row(row, column_count);
  }
  table.end();
}

}  // namespace spectral
}  // namespace ember
