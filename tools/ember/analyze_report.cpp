#include "analyze_report.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "ember/analysis/activations.hpp"
#include "ember/analysis/anomaly.hpp"
#include "ember/analysis/consistency.hpp"
#include "ember/analysis/nn_eeg.hpp"
#include "ember/analysis/nn_fmri.hpp"
#include "ember/analysis/slice_images.hpp"
#include "ember/export/text_escape.hpp"
#include "ember/trainer/csv.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {

using report::Cell;
using report::Column;

std::string out_path(const AnalyzeRequest& r, const std::string& name) {
  return (std::filesystem::path(r.out_dir) / name).string();
}

void write_eeg_neurons(const AnalyzeRequest& r, const analysis::EegResult& eeg) {
  std::vector<std::string> columns = {"layer", "neuron", "silent"};
  const spectral::BandSet& bands = r.bands;
  for (std::uint32_t b = 0; b < bands.count; ++b) columns.push_back(std::string(bands.bands[b].name) + "_rel");
  for (std::uint32_t b = 0; b < bands.count; ++b) columns.push_back(std::string(bands.bands[b].name) + "_power");
  columns.insert(columns.end(), {"total_power", "centroid_hz", "entropy"});
  std::vector<double> values;
  for (const auto& layer : eeg.layers)
    for (std::size_t n = 0; n < layer.neurons.size(); ++n) {
      const auto& s = layer.neurons[n];
      values.insert(values.end(), {double(layer.summary.layer), double(n), s.silent ? 1.0 : 0.0});
      for (std::uint32_t b = 0; b < bands.count; ++b) values.push_back(s.relative[b]);
      for (std::uint32_t b = 0; b < bands.count; ++b) values.push_back(s.band_power[b]);
      values.insert(values.end(), {s.total_power, s.centroid_hz, s.entropy});
    }
  trainer::write_csv(out_path(r, "eeg_neurons.csv"), columns, values);
}

void write_fmri_files(const AnalyzeRequest& r, const analysis::FmriResult& fmri) {
  std::vector<double> voxels, neurons;
  for (const auto& layer : fmri.layers) {
    const std::uint32_t g = layer.layout.grid();
    for (std::uint32_t v = 0; v < layer.layout.voxels(); ++v)
      voxels.insert(voxels.end(), {double(layer.layer), double(v / g), double(v % g),
                                   double(layer.layout.voxel_neurons(v).size()), layer.voxel_mean_abs[v]});
    for (std::size_t n = 0; n < layer.neuron_mean_abs.size(); ++n)
      neurons.insert(neurons.end(), {double(layer.layer), double(n), layer.neuron_mean_abs[n], layer.neuron_importance[n]});
  }
  trainer::write_csv(out_path(r, "fmri_voxels.csv"), {"layer", "row", "column", "neurons", "mean_abs_activation"}, voxels);
  trainer::write_csv(out_path(r, "fmri_neurons.csv"), {"layer", "neuron", "mean_abs_activation", "occlusion_change"},
                     neurons);
}

void print_fmri_tables(report::TableWriter& t, const analysis::FmriResult& fmri) {
  const Column cols[] = {{"region", ""},           {"rows", ""},           {"columns", ""}, {"neurons", ""},
                         {"mean |activation|", ""}, {"occlusion change", "L1"}, {"rank", ""}};
  for (const auto& layer : fmri.layers) {
    const std::uint32_t block = layer.layout.grid() / analysis::kRegionsPerSide;
    const std::string title = "NN-fMRI layer " + std::to_string(layer.layer) + ": regions of the " +
                              std::to_string(layer.layout.grid()) + "x" + std::to_string(layer.layout.grid()) +
                              " grid, occlusion over " + std::to_string(fmri.occlusion_samples) + " samples";
    t.begin(title.c_str(), cols, 7);
    for (const auto& region : layer.regions) {
      std::size_t rank = 1;
      for (const auto& other : layer.regions) rank += other.output_change > region.output_change;
      const std::uint32_t r0 = region.region / analysis::kRegionsPerSide * block;
      const std::uint32_t c0 = region.region % analysis::kRegionsPerSide * block;
      const std::string rows = std::to_string(r0) + "-" + std::to_string(r0 + block - 1);
      const std::string columns = std::to_string(c0) + "-" + std::to_string(c0 + block - 1);
      const Cell row[] = {Cell::integer(region.region),        Cell::text(rows.c_str()),
                          Cell::text(columns.c_str()),         Cell::integer(region.neurons),
                          Cell::decimal(region.mean_abs_activation, 4), Cell::decimal(region.output_change, 5),
                          Cell::integer(static_cast<std::int64_t>(rank))};
      t.row(row, 7);
    }
    t.end();
  }
}

void print_consistency(report::TableWriter& t, const analysis::ConsistencyResult& c) {
  const Column cols[] = {{"layer", ""}, {"neurons", ""}, {"spearman rho", ""}};
  const std::string title = std::string("Cross-modal consistency: temporal (") +
                            (c.against_reference ? "band-power shift vs reference" : "total band power") +
                            ") vs spatial (single-neuron occlusion) importance";
  t.begin(title.c_str(), cols, 3);
  for (const auto& l : c.layers) {
    const Cell row[] = {Cell::integer(l.layer), Cell::integer(static_cast<std::int64_t>(l.neurons)),
                        Cell::decimal(l.spearman, 3)};
    t.row(row, 3);
  }
  const Cell all[] = {Cell::text("all"), Cell::integer(static_cast<std::int64_t>(c.overall.neurons)),
                      Cell::decimal(c.overall.spearman, 3)};
  t.row(all, 3);
  t.end();
}

void print_anomaly(report::TableWriter& t, const analysis::AnomalyResult& a, std::size_t window) {
  std::size_t anomalous = 0, labelled = 0;
  for (const auto& w : a.windows)
    if (w.label >= 0) ++labelled, anomalous += static_cast<std::size_t>(w.label);
  const std::string title = "Anomaly detection: " + std::to_string(a.windows.size()) + " test windows of " +
                            std::to_string(window) + " rows (" + std::to_string(anomalous) + " anomalous of " +
                            std::to_string(labelled) + " labelled) against " + std::to_string(a.reference_windows) +
                            " reference windows";
  const Column cols[] = {{"method", ""}, {"AUROC", ""}, {"accuracy", ""}, {"threshold", ""}};
  t.begin(title.c_str(), cols, 4);
  for (const auto& m : a.methods) {
    const Cell row[] = {Cell::text(m.name.c_str()), Cell::decimal(m.auroc, 3), Cell::decimal(m.accuracy, 3),
                        Cell::decimal(m.threshold, 4)};
    t.row(row, 4);
  }
  t.end();
}

void write_anomaly_windows(const AnalyzeRequest& r, const analysis::AnomalyResult& a) {
  std::vector<double> values;
  for (const auto& w : a.windows)
    values.insert(values.end(), {double(w.first_row), double(w.label), w.spectral, w.spatial, w.combined,
                                 std::isnan(w.baseline) ? -1.0 : w.baseline});
  trainer::write_csv(out_path(r, "anomaly_windows.csv"),
                     {"first_row", "label", "eeg_distance", "fmri_distance", "combined", "baseline"}, values);
}

}  // namespace

std::size_t run_analysis(Model& model, const analysis::StreamData& data, const analysis::StreamData* reference,
                         const AnalyzeRequest& request) {
  const analysis::WelchEstimator welch(request.window, request.rate_hz, request.bands);
  const analysis::Activations test = analysis::record_activations(model, data.inputs);
  analysis::Activations ref;
  analysis::EegResult ref_eeg;
  if (reference != nullptr) {
    ref = analysis::record_activations(model, reference->inputs);
    if (ref.samples < request.window)
      throw std::runtime_error("--window " + std::to_string(request.window) + " is larger than the reference data (" +
                               std::to_string(ref.samples) + " rows)");
  }
  const bool files = !request.out_dir.empty();
  auto t = stdout_table(OutputFormat{request.format == report::TableFormat::json,
                                     request.format == report::TableFormat::csv});

  analysis::EegResult eeg;
  if (request.eeg) {
    eeg = analysis::analyze_eeg(test, welch);
    std::vector<spectral::LayerSpectrum> summaries;
    for (const auto& l : eeg.layers) summaries.push_back(l.summary);
    spectral::write_layer_spectrum_table(t, summaries.data(), summaries.size(), static_cast<std::uint32_t>(eeg.segments),
                                         request.bands);
    if (!request.bands_note.empty()) t.note(request.bands_note.c_str());
    if (reference != nullptr) ref_eeg = analysis::analyze_eeg(ref, welch);
    if (files) write_eeg_neurons(request, eeg);
  }
  analysis::FmriResult fmri;
  if (request.fmri) {
    fmri = analysis::analyze_fmri(model, test, request.grid);
    print_fmri_tables(t, fmri);
    if (files) {
      write_fmri_files(request, fmri);
      if (analysis::gnuplot_available()) {
        for (const std::string& path : analysis::write_slice_images(fmri, request.out_dir))
          if (request.format != report::TableFormat::json) std::printf("wrote %s\n", exporters::printable(path).c_str());
      } else {
        t.note("note: gnuplot not found, PNG slices skipped (install gnuplot-nox)");
      }
    }
  }
  if (request.eeg && request.fmri) {
    print_consistency(t, analysis::analyze_consistency(eeg, reference ? &ref_eeg : nullptr, fmri));
    if (reference != nullptr) {
      const bool softmax =
          model.layer(static_cast<std::uint16_t>(model.layer_count() - 1)).activation == Activation::softmax;
      const auto anomalies = analysis::detect_anomalies(ref, test, data.labels, welch, request.grid, softmax);
      print_anomaly(t, anomalies, request.window);
      if (files) write_anomaly_windows(request, anomalies);
    }
  }
  return test.samples + ref.samples;
}

}  // namespace ember::cli
