#include "ember/spectral/band_power_probe.hpp"

#include "ember/spectral/real_fft.hpp"

namespace ember {

size_t spectral_probe_bytes(uint32_t neurons, uint32_t window) {
  if (!spectral::is_supported_fft_size(window)) return 0;
  const size_t per_neuron = window + (window / 2 + 1);
  return sizeof(float) * (static_cast<size_t>(neurons) * per_neuron + 4u * window + 2u);
}

namespace spectral {

Status BandPowerProbe::init(const Model& model, uint32_t window, float rate_hz, void* memory, size_t bytes) {
  *this = BandPowerProbe();
  if (memory == nullptr) return Status::null_argument;
  if (!model.loaded()) return Status::not_loaded;
  // Any finite rate whose Nyquist frequency reaches past delta's 0.5 Hz: the EEG bands, cut at Nyquist.
  if (model.layer_count() < 2 || !is_supported_fft_size(window) || !(rate_hz <= 3.0e38f) ||
      default_bands(rate_hz).count == 0)
    return Status::bad_argument;
  if (reinterpret_cast<uintptr_t>(memory) % alignof(float) != 0) return Status::bad_argument;
  uint32_t neurons = 0;
  hidden_layers_ = static_cast<uint32_t>(model.layer_count() - 1);
  for (uint32_t l = 0; l < hidden_layers_; ++l) {
    widths_[l] = model.layer(static_cast<uint16_t>(l)).out_width;
    offsets_[l] = neurons;
    neurons += widths_[l];
  }
  if (bytes < spectral_probe_bytes(neurons, window)) {
    hidden_layers_ = 0;
    return Status::arena_too_small;
  }
  float* p = static_cast<float*>(memory);
  ring_ = p;
  p += static_cast<size_t>(neurons) * window;
  psd_sum_ = p;
  p += static_cast<size_t>(neurons) * (window / 2 + 1);
  twiddles_ = p;
  p += real_fft_twiddle_floats(window);
  hann_ = p;
  p += window;
  work_ = p;
  p += window;
  bins_ = p;

  for (size_t i = 0; i < static_cast<size_t>(neurons) * (window / 2 + 1); ++i) psd_sum_[i] = 0.0f;
  make_real_fft_twiddles(window, twiddles_);
  // Periodic Hann window, w[t] = (1 - cos(2 pi t / n)) / 2, as scipy.signal.welch uses.
  double sum_squares = 0.0;
  for (uint32_t t = 0; t < window; ++t) {
    double c, s;
    unit_root(t, window, &c, &s);
    hann_[t] = static_cast<float>(0.5 - 0.5 * c);
    sum_squares += static_cast<double>(hann_[t]) * hann_[t];
  }
  density_scale_ = static_cast<float>(1.0 / (static_cast<double>(rate_hz) * sum_squares));
  window_ = window;
  rate_hz_ = rate_hz;
  neurons_ = neurons;
  return Status::ok;
}

void BandPowerProbe::observe(void* probe, uint16_t layer_index, LayerPhase phase, const float* values,
                             uint16_t width) {
  if (phase != LayerPhase::end) return;
  BandPowerProbe* self = static_cast<BandPowerProbe*>(probe);
  if (layer_index < self->hidden_layers_)
    self->record(layer_index, values, width);
  else if (layer_index == self->hidden_layers_)
    self->end_sample();
}

void BandPowerProbe::record(uint16_t layer_index, const float* values, uint16_t width) {
  if (layer_index >= hidden_layers_ || width != widths_[layer_index]) return;
  // An int8 layer's vector holds codes, which the observer does not see: its neurons record zeros.
  const uint32_t column = samples_ % window_;
  float* row = ring_ + static_cast<size_t>(offsets_[layer_index]) * window_;
  for (uint32_t i = 0; i < width; ++i)
    row[static_cast<size_t>(i) * window_ + column] = values != nullptr ? values[i] : 0.0f;
}

void BandPowerProbe::end_sample() {
  if (window_ == 0) return;
  ++samples_;
  // Welch segments start at 0, window/2, window, ...: one is complete whenever the sample count reaches
  // window + k * window/2.
  if (samples_ >= window_ && (samples_ - window_) % (window_ / 2) == 0) transform_segment();
}

void BandPowerProbe::transform_segment() {
  const uint32_t oldest = samples_ % window_;
  const uint32_t bins = window_ / 2 + 1;
  for (uint32_t n = 0; n < neurons_; ++n) {
    const float* series = ring_ + static_cast<size_t>(n) * window_;
    float mean = 0.0f;
    for (uint32_t t = 0; t < window_; ++t) mean += series[t];
    mean /= static_cast<float>(window_);
    for (uint32_t t = 0; t < window_; ++t) {
      const uint32_t at = (oldest + t) % window_;
      work_[t] = (series[at] - mean) * hann_[t];
    }
    real_fft(window_, twiddles_, work_, bins_);
    float* psd = psd_sum_ + static_cast<size_t>(n) * bins;
    for (uint32_t k = 0; k < bins; ++k) {
      const float power = bins_[2 * k] * bins_[2 * k] + bins_[2 * k + 1] * bins_[2 * k + 1];
      // One-sided density: every bin but DC and Nyquist stands for its negative-frequency twin too.
      const float one_sided = (k == 0 || k == bins - 1) ? 1.0f : 2.0f;
      psd[k] += power * one_sided * density_scale_;
    }
  }
  ++segments_;
}

NeuronSpectrum BandPowerProbe::neuron(uint32_t index) const {
  NeuronSpectrum empty{};
  empty.silent = true;
  if (index >= neurons_ || segments_ == 0) return empty;
  const uint32_t bins = window_ / 2 + 1;
  // Summarize the mean PSD; scaling the sum by 1/segments one bin at a time keeps the stack small.
  float mean_psd[kMaxFftSize / 2 + 1];
  const float* psd = psd_sum_ + static_cast<size_t>(index) * bins;
  for (uint32_t k = 0; k < bins; ++k) mean_psd[k] = psd[k] / static_cast<float>(segments_);
  return summarize_psd(mean_psd, window_, rate_hz_, default_bands(rate_hz_));
}

bool BandPowerProbe::write_table(report::TableWriter& table) const {
  if (segments_ == 0) return false;
  LayerSpectrum layers[kMaxLayers];
  for (uint32_t l = 0; l < hidden_layers_; ++l) {
    layers[l].layer = l;
    for (uint32_t i = 0; i < widths_[l]; ++i) layers[l].add(neuron(offsets_[l] + i));
    layers[l].finish();
  }
  write_layer_spectrum_table(table, layers, hidden_layers_, segments_, default_bands(rate_hz_));
  return true;
}

}  // namespace spectral
}  // namespace ember
