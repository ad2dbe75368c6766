// `ember analyze model.ember --data stream.csv`: NN-EEG spectra and NN-fMRI grids of the hidden layers,
// their cross-modal consistency, and (with --reference) anomaly scores. See docs/analysis.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "analyze_report.hpp"
#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/analysis/analysis_data.hpp"
#include "ember/analysis/band_list.hpp"
#include "ember/analysis/grid_layout.hpp"
#include "ember/analysis/slice_images.hpp"
#include "ember/spectral/band_power.hpp"
#include "ember/spectral/real_fft.hpp"
#include "model_file.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {

struct AnalyzeOptions {
  std::string model;
  std::string data;
  std::string reference;
  std::string target;
  std::string label = "anomaly";
  bool label_given = false;
  bool eeg = false;
  bool fmri = false;
  double rate_hz = 200.0;
  std::string bands;
  std::uint32_t window = 64;
  std::uint32_t grid = 8;
  std::string out;
  OutputFormat format;
};

// Far above any sensor stream; keeps the rate (a float in the analysis) well inside float range.
constexpr double kMaxRateHz = 1e9;

// The files analyze writes into --out: none of them may be one of the inputs.
void refuse_writing_over_inputs(const AnalyzeOptions& o, std::uint16_t layers) {
  if (o.out.empty()) return;
  std::vector<exporters::NamedPath> outputs;
  const auto in_out = [&](const std::string& name) { return (std::filesystem::path(o.out) / name).string(); };
  for (const char* name : {"eeg_neurons.csv", "fmri_voxels.csv", "fmri_neurons.csv", "anomaly_windows.csv"})
    outputs.push_back({"--out", in_out(name)});
  for (std::uint16_t l = 0; l < layers; ++l) outputs.push_back({"--out", in_out("fmri_layer" + std::to_string(l) + ".png")});
  refuse_overwriting_inputs(outputs, {{"model", o.model}, {"--data", o.data}, {"--reference", o.reference}});
}

// Checks every option before any work, so bad input costs nothing and leaves nothing behind.
void check_options(const AnalyzeOptions& o) {
  if (!analysis::is_supported_grid(o.grid))
    throw std::runtime_error("--grid " + std::to_string(o.grid) + " is not one of 8, 16, 32, 64");
  if (!std::isfinite(o.rate_hz) || o.rate_hz > kMaxRateHz)
    throw std::runtime_error("--rate must be a finite number of Hz above 0 and at most " +
                             std::to_string(int(kMaxRateHz)));
  if (!(o.rate_hz > 0)) {
    std::ostringstream rate;
    rate << o.rate_hz;
    throw std::runtime_error("--rate " + rate.str() + " is not a sampling rate in Hz (above 0)");
  }
  if (!spectral::is_supported_fft_size(o.window))
    throw std::runtime_error("--window " + std::to_string(o.window) + " is not a power of two from 4 to 256");
}

void analyze(const AnalyzeOptions& o) {
  check_options(o);
  analysis::BandList bands;
  try {
    bands = analysis::parse_bands(o.bands, static_cast<float>(o.rate_hz));
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
  const auto started = std::chrono::steady_clock::now();
  const auto file = load_model_file(o.model);
  if (file->model().layer_count() < 2)
    throw std::runtime_error(o.model + ": the model has no hidden layer to analyze");
  refuse_writing_over_inputs(o, file->model().layer_count());
  const analysis::StreamColumns columns{o.target, o.label, o.label_given};
  const auto rate = static_cast<float>(o.rate_hz);
  const analysis::StreamData data = analysis::load_stream(o.data, file->model().input_width(), columns, rate);
  if (data.rows < o.window)
    throw std::runtime_error("--window " + std::to_string(o.window) + " is larger than the data (" +
                             std::to_string(data.rows) + " rows in " + o.data + ")");
  analysis::StreamData reference;
  if (!o.reference.empty()) reference = analysis::load_stream(o.reference, file->model().input_width(), columns, rate);

  AnalyzeRequest request;
  request.eeg = o.eeg || !o.fmri;
  request.fmri = o.fmri || !o.eeg;
  request.window = o.window;
  request.rate_hz = rate;
  request.bands = bands.set;
  request.bands_note = bands.note;
  request.grid = o.grid;
  request.format = o.format.table_format();
  request.out_dir = o.out;
  if (!o.out.empty()) std::filesystem::create_directories(o.out);
  const std::size_t analyzed = run_analysis(file->model(), data, o.reference.empty() ? nullptr : &reference, request);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!o.format.json)
    std::printf("\nAnalyzed %zu rows in %.1f ms (%.3f ms per row, model load and data parsing included).\n",
                analyzed, 1e3 * seconds, analyzed ? 1e3 * seconds / static_cast<double>(analyzed) : 0.0);
}

}  // namespace

void add_analyze_command(CLI::App& app) {
  auto o = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "NN-EEG spectra and NN-fMRI grids of a model's hidden layers over a stream of input rows");
  cmd->add_option("model", o->model, "model blob (.ember)")->required();
  cmd->add_option("-d,--data", o->data,
                  "CSV whose rows, in order, form a time series sampled at --rate; or sines:F1,F2,...[/ROWS]")
      ->required();
  cmd->add_option("--reference", o->reference, "normal data (CSV or sines:...): enables anomaly scores");
  cmd->add_option("-t,--target", o->target, "target column to leave out of the inputs (e.g. digit)");
  auto* label = cmd->add_option("--label", o->label,
                                "0/1 anomaly label column of --data, left out of the inputs; used for AUROC and "
                                "accuracy when present")
                    ->capture_default_str();
  cmd->add_flag("--eeg", o->eeg, "NN-EEG only (with --fmri: both, the default)");
  cmd->add_flag("--fmri", o->fmri, "NN-fMRI only (with --eeg: both, the default)");
  cmd->add_option("--rate", o->rate_hz,
                  "sampling rate of the stream in Hz, any above 0 (below 200 Hz the default bands stop at the "
                  "Nyquist frequency, rate / 2)")
      ->capture_default_str();
  cmd->add_option("--bands", o->bands,
                  "NN-EEG bands as NAME:LOW-HIGH in Hz, comma-separated, ascending, up to 8 (default "
                  "delta:0.5-4,theta:4-8,alpha:8-13,beta:13-30,gamma:30-100, cut at the Nyquist frequency)");
  cmd->add_option("--window", o->window, "Welch segment and anomaly window in rows: a power of two, 4 to 256")
      ->capture_default_str();
  cmd->add_option("--grid", o->grid, "NN-fMRI grid side: 8, 16, 32 or 64")->capture_default_str();
  cmd->add_option("-o,--out", o->out, "folder for per-neuron CSVs and PNG slices (created if missing)")
      ->check(output_path());
  add_output_flags(*cmd, o->format);
  cmd->callback([o, label] {
    o->label_given = label->count() > 0;
    analyze(*o);
  });
}

}  // namespace ember::cli
