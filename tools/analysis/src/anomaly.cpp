#include "ember/analysis/anomaly.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "ember/analysis/grid_layout.hpp"
#include "ember/analysis/nn_fmri.hpp"
#include "ember/analysis/statistics.hpp"
#include "ember/spectral/band_power.hpp"

namespace ember::analysis {
namespace {

constexpr double kThresholdQuantile = 0.95;

struct Profiles {
  std::vector<double> spectral;
  std::vector<double> spatial;
};

Profiles window_profiles(const Activations& a, const std::vector<GridLayout>& layouts, std::size_t first,
                         const WelchEstimator& welch) {
  Profiles p;
  std::vector<float> psd;
  const std::size_t window = welch.window();
  for (std::size_t l = 0; l < a.hidden.size(); ++l) {
    const LayerActivations& layer = a.hidden[l];
    for (std::uint16_t n = 0; n < layer.width; ++n) {
      welch.psd(layer.values.data() + first * layer.width + n, window, layer.width, psd);
      const spectral::NeuronSpectrum s = spectral::summarize_psd(psd.data(), welch.window(), welch.rate_hz(), welch.bands());
      // 1e-12 activation^2 keeps silent neurons finite and equal in every window.
      for (std::uint32_t b = 0; b < welch.bands().count; ++b)
        p.spectral.push_back(std::log(static_cast<double>(s.band_power[b]) + 1e-12));
    }
    const std::vector<double> mean_abs = mean_abs_activation(layer, first, window);
    for (std::uint32_t v = 0; v < layouts[l].voxels(); ++v) {
      const auto& neurons = layouts[l].voxel_neurons(v);
      if (neurons.empty()) continue;
      double sum = 0;
      for (std::uint32_t n : neurons) sum += mean_abs[n];
      p.spatial.push_back(sum / static_cast<double>(neurons.size()));
    }
  }
  return p;
}

// Mean and regularized sigma of each feature over a set of profiles, leaving out profile `skip` (or none).
struct FeatureStats {
  std::vector<double> mean, sigma;
};

FeatureStats feature_stats(const std::vector<const std::vector<double>*>& profiles, std::size_t skip) {
  const std::size_t features = profiles.front()->size();
  FeatureStats st{std::vector<double>(features, 0.0), std::vector<double>(features, 0.0)};
  double count = 0;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    if (i == skip) continue;
    ++count;
    for (std::size_t f = 0; f < features; ++f) st.mean[f] += (*profiles[i])[f];
  }
  for (double& m : st.mean) m /= count;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    if (i == skip) continue;
    for (std::size_t f = 0; f < features; ++f) {
      const double d = (*profiles[i])[f] - st.mean[f];
      st.sigma[f] += d * d;
    }
  }
  double mean_sigma = 0;
  for (double& s : st.sigma) {
    s = std::sqrt(s / (count > 1 ? count - 1 : 1));
    mean_sigma += s;
  }
  mean_sigma /= static_cast<double>(features ? features : 1);
  const double floor = 0.1 * mean_sigma + 1e-12;
  for (double& s : st.sigma) s = std::sqrt(s * s + floor * floor);
  return st;
}

double distance(const std::vector<double>& profile, const FeatureStats& st) {
  double sum = 0;
  for (std::size_t f = 0; f < profile.size(); ++f) {
    const double z = (profile[f] - st.mean[f]) / st.sigma[f];
    sum += z * z;
  }
  return profile.empty() ? 0.0 : sum / static_cast<double>(profile.size());
}

double low_confidence(const Activations& a, std::size_t first, std::size_t window) {
  double sum = 0;
  for (std::size_t s = first; s < first + window; ++s) {
    float best = 0;
    for (std::uint16_t j = 0; j < a.output_width; ++j) best = std::max(best, a.outputs[s * a.output_width + j]);
    sum += best;
  }
  return 1.0 - sum / static_cast<double>(window);
}

MethodSummary summarize(const std::string& name, const std::vector<double>& reference_scores,
                        const std::vector<double>& test_scores, const std::vector<int>& labels) {
  MethodSummary m;
  m.name = name;
  m.threshold = quantile(reference_scores, kThresholdQuantile);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  m.auroc = labels.empty() ? nan : auroc(test_scores, labels);
  if (labels.empty()) {
    m.accuracy = nan;
  } else {
    std::size_t right = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) right += (test_scores[i] > m.threshold) == (labels[i] != 0);
    m.accuracy = static_cast<double>(right) / static_cast<double>(labels.size());
  }
  return m;
}

}  // namespace

AnomalyResult detect_anomalies(const Activations& reference, const Activations& test,
                               const std::vector<int>& test_labels, const WelchEstimator& welch, std::uint32_t grid,
                               bool softmax_output) {
  const std::size_t window = welch.window(), hop = window / 2;
  if (reference.samples < window + 2 * hop)
    throw std::invalid_argument("the reference data has " + std::to_string(reference.samples) +
                                " rows; --window " + std::to_string(window) + " needs at least " +
                                std::to_string(window + 2 * hop) + " (3 windows)");
  if (test.samples < window)
    throw std::invalid_argument("--window " + std::to_string(window) + " is larger than the data (" +
                                std::to_string(test.samples) + " rows)");
  std::vector<GridLayout> layouts;
  for (const auto& layer : reference.hidden) layouts.emplace_back(layer.width, grid);

  AnomalyResult result;
  std::vector<Profiles> ref;
  std::vector<double> ref_baseline;
  for (std::size_t first = 0; first + window <= reference.samples; first += hop) {
    ref.push_back(window_profiles(reference, layouts, first, welch));
    if (softmax_output) ref_baseline.push_back(low_confidence(reference, first, window));
  }
  result.reference_windows = ref.size();
  std::vector<const std::vector<double>*> ref_spectral, ref_spatial;
  for (const auto& p : ref) {
    ref_spectral.push_back(&p.spectral);
    ref_spatial.push_back(&p.spatial);
  }
  const std::size_t none = ref.size();
  const FeatureStats spectral_stats = feature_stats(ref_spectral, none);
  const FeatureStats spatial_stats = feature_stats(ref_spatial, none);

  // Leave-one-out scores of the reference windows set the thresholds without scoring a window against
  // statistics it helped make.
  std::vector<double> ref_sp, ref_sa, ref_comb;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const double sp = distance(ref[i].spectral, feature_stats(ref_spectral, i));
    const double sa = distance(ref[i].spatial, feature_stats(ref_spatial, i));
    ref_sp.push_back(sp);
    ref_sa.push_back(sa);
    ref_comb.push_back(0.5 * (sp + sa));
  }

  std::vector<double> sp, sa, comb, base;
  std::vector<int> labels;
  for (std::size_t first = 0; first + window <= test.samples; first += window) {
    const Profiles p = window_profiles(test, layouts, first, welch);
    WindowScore w;
    w.first_row = first;
    w.spectral = distance(p.spectral, spectral_stats);
    w.spatial = distance(p.spatial, spatial_stats);
    w.combined = 0.5 * (w.spectral + w.spatial);
    w.baseline = softmax_output ? low_confidence(test, first, window) : std::numeric_limits<double>::quiet_NaN();
    if (!test_labels.empty()) {
      std::size_t anomalous = 0;
      for (std::size_t s = first; s < first + window; ++s) anomalous += test_labels[s] != 0;
      w.label = 2 * anomalous > window ? 1 : 0;
      labels.push_back(w.label);
    }
    sp.push_back(w.spectral);
    sa.push_back(w.spatial);
    comb.push_back(w.combined);
    base.push_back(w.baseline);
    result.windows.push_back(w);
  }
  result.methods.push_back(summarize("Ember NN-EEG distance", ref_sp, sp, labels));
  result.methods.push_back(summarize("Ember NN-fMRI distance", ref_sa, sa, labels));
  result.methods.push_back(summarize("Ember combined", ref_comb, comb, labels));
  if (softmax_output) result.methods.push_back(summarize("baseline: 1 - max softmax", ref_baseline, base, labels));
  return result;
}

}  // namespace ember::analysis
