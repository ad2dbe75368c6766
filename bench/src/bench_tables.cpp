#include "ember/bench/bench_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ember/dense_f32_tile.hpp"
#include "ember/export/blob_writer.hpp"
#include "ember/export/c_header_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/model.hpp"

namespace ember::bench {
namespace {
using C = ReportCell;

constexpr double kMiB = 1024.0 * 1024.0;

C mib(double bytes) { return C::of_decimal(bytes / kMiB, 1); }
C percent(double fraction) { return C::of_decimal(100.0 * fraction, 1); }

// Fractions (summing to 1) as whole tenths of a percent that sum to exactly 1000: each rounded down, and
// the tenths still missing go to the largest remainders, so the printed shares add up to 100.0 %.
std::vector<double> tenths_summing_to_1000(const std::vector<double>& fractions) {
  double sum = 0;
  for (double f : fractions) sum += f;
  std::vector<double> tenths;
  std::vector<std::pair<double, std::size_t>> remainders;
  long given = 0;
  for (std::size_t i = 0; i < fractions.size(); ++i) {
    const double exact = sum > 0 ? 1000.0 * fractions[i] / sum : 0;
    tenths.push_back(std::floor(exact));
    given += static_cast<long>(tenths.back());
    remainders.push_back({exact - tenths.back(), i});
  }
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; sum > 0 && given < 1000 && k < remainders.size(); ++k, ++given) tenths[remainders[k].second] += 1;
  return tenths;
}

const SizeResults& largest(const TrainingResults& t) {
  return *std::max_element(t.sizes.begin(), t.sizes.end(),
                           [](const SizeResults& a, const SizeResults& b) { return a.samples < b.samples; });
}

double largest_batch_throughput(const InferenceResults& inference, std::size_t& batch) {
  batch = 0;
  double throughput = 0;
  for (const InferenceRow& row : inference.rows) {
    if (row.path != "Model::run_batch" || row.batch < batch) continue;
    batch = row.batch;
    throughput = static_cast<double>(row.batch) / row.seconds_per_call.median;
  }
  return throughput;
}

double single_sample_seconds(const InferenceResults& inference) {
  for (const InferenceRow& row : inference.rows)
    if (row.path == "Model::run") return row.seconds_per_call.median;
  return 0;
}

std::vector<std::size_t> layer_widths(const exporters::ModelSpec& spec) {
  std::vector<std::size_t> widths = {spec.input_width()};
  for (const auto& l : spec.layers) widths.push_back(l.out_width);
  return widths;
}
}  // namespace

ReportTable training_time_table(const TrainingResults& training) {
  ReportTable t("training_time", "Training time vs dataset size",
                {{"size", "samples"}, {"train rows", ""}, {"repeats", ""}, {"median", "s"}, {"min", "s"},
                 {"max", "s"}, {"spread", "%"}, {"epochs", ""}, {"throughput", "samples/s"}});
  for (const SizeResults& s : training.sizes) {
    const TrainingRun& first = s.runs.front();
    const double throughput = static_cast<double>(first.train_rows * first.epochs) / s.wall.median;
    t.add_row({C::of_integer(static_cast<std::int64_t>(s.samples)), C::of_integer(static_cast<std::int64_t>(first.train_rows)),
               C::of_integer(static_cast<std::int64_t>(s.runs.size())), C::of_decimal(s.wall.median, 4),
               C::of_decimal(s.wall.min, 4), C::of_decimal(s.wall.max, 4), percent(s.wall.spread()),
               C::of_integer(static_cast<std::int64_t>(first.epochs)), C::of_decimal(throughput, 0)});
  }
  t.notes.push_back("Wall time of ember::trainer::train on the monotonic clock, one forked process per run after "
                    "an untimed warm-up run; spread = (max - min) / median. Throughput = training rows x epochs "
                    "(early stopping, patience 20) / median time.");
  return t;
}

ReportTable memory_table(const TrainingResults& training, std::uint32_t arena_bytes) {
  ReportTable t("memory", "Memory vs dataset size",
                {{"size", "samples"}, {"train peak RSS", "MiB"}, {"train average RSS", "MiB"},
                 {"train RSS at start", "MiB"}, {"predict peak RSS", "MiB"}, {"predict average RSS", "MiB"},
                 {"runtime arena", "bytes"}});
  for (const SizeResults& s : training.sizes) {
    std::size_t peak = 0;
    double average = 0, start = 0;
    for (const TrainingRun& r : s.runs) {
      peak = std::max(peak, r.peak_rss);
      average += r.average_rss / static_cast<double>(s.runs.size());
      start += static_cast<double>(r.baseline_rss) / static_cast<double>(s.runs.size());
    }
    t.add_row({C::of_integer(static_cast<std::int64_t>(s.samples)), mib(static_cast<double>(peak)), mib(average),
               mib(start), mib(static_cast<double>(s.prediction.peak_rss)), mib(s.prediction.average_rss),
               C::of_integer(arena_bytes)});
  }
  t.notes.push_back("Each training run and each prediction (load the blob, run_batch over the test rows) runs in "
                    "its own forked child. Peak = getrusage(RUSAGE_SELF).ru_maxrss in the child (it includes "
                    "what the child inherited at fork, shown as RSS at start); average = mean of "
                    "/proc/self/status VmRSS sampled by a thread every 2 ms (1 ms for prediction). The runtime "
                    "arena is the runtime's own figure (ModelInfo::arena_bytes), not a measurement.");
  return t;
}

ReportTable scaling_table(const TrainingResults& training) {
  ReportTable t("scaling", "Scaling of training time with dataset size",
                {{"span", "samples"}, {"size ratio", ""}, {"time ratio", ""}, {"exponent k", ""}});
  std::vector<double> x, y;
  for (const SizeResults& s : training.sizes) {
    x.push_back(static_cast<double>(s.samples));
    y.push_back(s.wall.median);
  }
  for (std::size_t i = 0; i + 1 < training.sizes.size(); ++i) {
    const double size_ratio = x[i + 1] / x[i], time_ratio = y[i + 1] / y[i];
    t.add_row({C::of_text(std::to_string(training.sizes[i].samples) + " -> " + std::to_string(training.sizes[i + 1].samples)),
               C::of_decimal(size_ratio, 2), C::of_decimal(time_ratio, 2),
               C::of_decimal(size_ratio != 1 ? std::log(time_ratio) / std::log(size_ratio) : 0, 3)});
  }
  const double k = log_log_slope(x, y);
  t.add_row({C::of_text("log-log fit, all sizes (10x data)"), C::of_decimal(10, 2), C::of_decimal(std::pow(10.0, k), 2),
             C::of_decimal(k, 3)});
  t.notes.push_back("time ~ n^k: k from a least-squares fit of log(median time) on log(size); the fit row's time "
                    "ratio is 10^k, the predicted cost of 10x more data. Early stopping makes the epoch count "
                    "vary with size, so k is not the per-epoch exponent (which is 1).");
  return t;
}

ReportTable accuracy_table(const TrainingResults& training) {
  ReportTable t("accuracy", "Accuracy vs dataset size (test split)",
                {{"size", "samples"}, {"R2", ""}, {"MSE", ""}, {"RMSE", ""}, {"MAE", ""}});
  for (const SizeResults& s : training.sizes) {
    const trainer::RegressionMetrics& m = s.runs.front().test;
    t.add_row({C::of_integer(static_cast<std::int64_t>(s.samples)), C::of_decimal(m.r2, 4), C::of_decimal(m.mse, 5),
               C::of_decimal(m.rmse, 5), C::of_decimal(m.mae, 5)});
  }
  t.notes.push_back("Trainer's predictions on the held-out 20 % test split (seed 42: every repeat trains the same "
                    "model, so the first repeat is shown).");
  return t;
}

ReportTable inference_table(const InferenceResults& inference) {
  ReportTable t("inference", "Inference vs batch size (runtime, one core)",
                {{"path", ""}, {"batch", "samples"}, {"time per call", "us"}, {"time per sample", "ns"},
                 {"throughput", "M samples/s"}, {"spread", "%"}});
  for (const InferenceRow& row : inference.rows) {
    const double per_sample = row.seconds_per_call.median / static_cast<double>(row.batch);
    t.add_row({C::of_text(row.path), C::of_integer(static_cast<std::int64_t>(row.batch)),
               C::of_decimal(row.seconds_per_call.median * 1e6, 3), C::of_decimal(per_sample * 1e9, 1),
               C::of_decimal(1.0 / per_sample / 1e6, 2), percent(row.seconds_per_call.spread())});
  }
  t.notes.push_back("The model's blob through ember::Model, median of repeats after a warm-up (each "
                    "repeat long enough to dwarf the clock). run_batch uses the batched kernel (" +
                    inference.kernel_variant + " build chosen at run time; 16-sample tiles), bit-exact with run.");
  return t;
}

ReportTable memory_breakdown_table(const std::vector<std::uint8_t>& blob, std::size_t batch, std::size_t samples) {
  const exporters::ModelSpec spec = exporters::read_blob(blob);
  const ModelInfo info = exporters::LoadedModel(blob).info();
  const std::size_t params = spec.parameter_count();
  std::size_t all_widths = 0, layer_outputs = 0;
  for (std::size_t w : layer_widths(spec)) all_widths += w;
  layer_outputs = all_widths - spec.input_width();
  ReportTable t("memory_breakdown", samples ? "Memory breakdown (5D model)" : "Memory breakdown (this model)",
                {{"component", ""}, {"bytes", ""}, {"source", ""}});
  auto add = [&](const std::string& what, std::size_t bytes, const char* source) {
    t.add_row({C::of_text(what), C::of_integer(static_cast<std::int64_t>(bytes)), C::of_text(source)});
  };
  add("parameters (float32)", params * 4, "blob: parameter_count x 4");
  add("blob, whole", blob.size(), "blob: total_bytes");
  add("runtime activations: arena, one sample", info.arena_bytes, "runtime: ModelInfo::arena_bytes");
  add("runtime activations: batch tile scratch (stack)", kDenseTileScratchFloats * 4,
      "runtime: kDenseTileScratchFloats x 4 (hosts only)");
  add("training gradients", params * 4, "computed: one float32 per parameter");
  add("training optimizer state (Adam m, v)", 2 * params * 4, "computed: two float32 per parameter");
  add("training activations + deltas, batch of " + std::to_string(batch), batch * (all_widths + layer_outputs) * 4,
      "computed: batch x (sum of widths + sum of layer outputs) x 4");
  if (samples != 0)
    add("data set, " + std::to_string(samples) + " samples", samples * (spec.input_width() + spec.output_width()) * 4,
        ("computed: samples x (" + std::to_string(spec.input_width()) + " + " + std::to_string(spec.output_width()) +
         ") x float32").c_str());
  t.notes.push_back("Computed rows follow from the shapes and the trainer's float32 buffers; the trainer also "
                    "keeps original and standardized copies of each split (2x the data set row).");
  return t;
}

ReportTable model_size_table(const std::vector<std::uint8_t>& blob) {
  const exporters::ModelSpec spec = exporters::read_blob(blob);
  const std::size_t params = spec.parameter_count();
  const std::string header = exporters::write_c_header(blob, "interpolator_5d");
  ReportTable t("model_size", "Model size",
                {{"blob", "bytes"}, {"parameters", ""}, {"bytes per parameter", ""}, {"float32 parameters", "bytes"},
                 {"format overhead", "bytes"}, {"C header", "bytes"}});
  t.add_row({C::of_integer(static_cast<std::int64_t>(blob.size())), C::of_integer(static_cast<std::int64_t>(params)),
             C::of_decimal(static_cast<double>(blob.size()) / static_cast<double>(params), 3),
             C::of_integer(static_cast<std::int64_t>(params * 4)),
             C::of_integer(static_cast<std::int64_t>(blob.size() - params * 4)),
             C::of_integer(static_cast<std::int64_t>(header.size()))});
  t.notes.push_back("Format overhead = header, layer table, standardization and 16-byte padding. The C header is "
                    "the text `ember export --c-header` writes (what a firmware build compiles, not flash size).");
  return t;
}

ReportTable per_layer_table(const InferenceResults& inference, const PeakFlops& peak) {
  ReportTable t("per_layer", "Per-layer cost (batched kernel, one core)",
                {{"layer", ""}, {"shape", ""}, {"activation", ""}, {"MACs", "per sample"}, {"time", "ns/sample"},
                 {"share", "%"}, {"achieved", "GFLOP/s"}, {"of mul+add peak", "%"}});
  const double whole = inference.batched_seconds_per_sample;
  double layers_total = 0;
  std::uint64_t macs_total = 0;
  for (const LayerTiming& l : inference.layers) {
    layers_total += l.seconds_per_sample;
    macs_total += l.macs;
  }
  // Shares are of the larger of the whole run and the layers' sum, so they and the remainder row add up
  // to 100 %: the remainder is the work outside the layer kernels (standardizing inputs, transposing into
  // and out of tiles, writing outputs), or 0 when the layers timed alone already add up to more.
  const double reference = std::max(whole, layers_total);
  const double rest = reference - layers_total;
  std::vector<double> fractions;
  for (const LayerTiming& l : inference.layers) fractions.push_back(reference > 0 ? l.seconds_per_sample / reference : 0);
  fractions.push_back(reference > 0 ? rest / reference : 0);
  const std::vector<double> tenths = tenths_summing_to_1000(fractions);
  auto gflops = [](std::uint64_t macs, double seconds) { return seconds > 0 ? 2.0 * static_cast<double>(macs) / seconds / 1e9 : 0.0; };
  auto of_peak = [&](double g) { return peak.mul_add_gflops > 0 ? C::of_decimal(100.0 * g / peak.mul_add_gflops, 1) : C::of_text("n/a"); };
  for (std::size_t k = 0; k < inference.layers.size(); ++k) {
    const LayerTiming& l = inference.layers[k];
    const double g = gflops(l.macs, l.seconds_per_sample);
    t.add_row({C::of_integer(static_cast<std::int64_t>(k)),
               C::of_text(std::to_string(l.in_width) + " -> " + std::to_string(l.out_width)), C::of_text(l.activation),
               C::of_integer(static_cast<std::int64_t>(l.macs)), C::of_decimal(l.seconds_per_sample * 1e9, 2),
               C::of_decimal(tenths[k] / 10.0, 1), C::of_decimal(g, 2), of_peak(g)});
  }
  t.add_row({C::of_text("-"), C::of_text("remainder: standardize, transpose, outputs"), C::of_text("-"), C::of_integer(0),
             C::of_decimal(rest * 1e9, 2), C::of_decimal(tenths.back() / 10.0, 1), C::of_decimal(0, 2), C::of_text("-")});
  const double g = gflops(macs_total, whole);
  t.add_row({C::of_text("all"), C::of_text("Model::run_batch"), C::of_text("-"),
             C::of_integer(static_cast<std::int64_t>(macs_total)), C::of_decimal(whole * 1e9, 2),
             percent(reference > 0 ? 1 : 0), C::of_decimal(g, 2), of_peak(g)});
  if (layers_total > whole && whole > 0) {
    char over[300];
    std::snprintf(over, sizeof over,
                  "The layers timed alone add up to %.2f ns/sample, %.1f %% more than the whole run_batch (%.2f ns): "
                  "alone, each loop pays its own start-up; the shares are of their sum, and the remainder is 0.",
                  layers_total * 1e9, 100.0 * (layers_total / whole - 1), whole * 1e9);
    t.notes.push_back(over);
  }
  char line[400];
  std::snprintf(line, sizeof line,
                "Peak of this core, measured by a microbenchmark (independent chains of 256-bit %s operations; best round, before and after the inference timings): "
                "%.1f GFLOP/s with separate multiply and add (what the bit-exact kernel issues), %.1f GFLOP/s "
                "with fused multiply-add. 1 MAC = 2 FLOP.",
                peak.isa.c_str(), peak.mul_add_gflops, peak.fma_gflops);
  t.notes.push_back(line);
  t.notes.push_back("Layers are timed alone (dense_f32_tile over the tiles of the largest batch, data in L1); the "
                    "last row is the whole run_batch per sample at the largest batch.");
  return t;
}

ReportTable peers_table(const TrainingResults& training, const InferenceResults& inference,
                        const std::vector<PeerRun>& peers) {
  ReportTable t("peers", "Ember vs peers (same data, same recipe, one thread)",
                {{"size", "samples"}, {"framework", ""}, {"train time", "s"}, {"train CPU", "s"}, {"epochs", ""},
                 {"peak RSS", "MiB"},
                 {"test R2", ""}, {"single sample", "us"}, {"batch throughput", "M samples/s"},
                 {"Ember/peer time", ""}, {"Ember/peer throughput", ""}});
  std::size_t ember_batch = 0;
  const double ember_throughput = largest_batch_throughput(inference, ember_batch);
  const double ember_single = single_sample_seconds(inference);
  for (const SizeResults& s : training.sizes) {
    std::size_t peak = 0;
    for (const TrainingRun& r : s.runs) peak = std::max(peak, r.peak_rss);
    t.add_row({C::of_integer(static_cast<std::int64_t>(s.samples)), C::of_text("Ember"), C::of_decimal(s.wall.median, 3),
               C::of_decimal(s.cpu.median, 3), C::of_integer(static_cast<std::int64_t>(s.runs.front().epochs)), mib(static_cast<double>(peak)),
               C::of_decimal(s.runs.front().test.r2, 4), C::of_decimal(ember_single * 1e6, 3),
               C::of_decimal(ember_throughput / 1e6, 2), C::of_text("1"), C::of_text("1")});
    for (const PeerRun& p : peers) {
      if (p.samples != s.samples) continue;
      const PeerResult& r = p.result;
      const double throughput = r.batch_seconds > 0 ? static_cast<double>(r.batch) / r.batch_seconds : 0;
      t.add_row({C::of_integer(static_cast<std::int64_t>(s.samples)), C::of_text(r.peer), C::of_decimal(r.train_seconds, 3),
                 r.cpu_seconds > 0 ? C::of_decimal(r.cpu_seconds, 3) : C::of_text("-"), C::of_integer(static_cast<std::int64_t>(r.epochs)), mib(static_cast<double>(r.peak_rss)),
                 C::of_decimal(r.test.r2, 4), C::of_decimal(r.single_seconds * 1e6, 3),
                 C::of_decimal(throughput / 1e6, 2), C::of_decimal(s.wall.median / r.train_seconds, 3),
                 C::of_decimal(throughput > 0 ? ember_throughput / throughput : 0, 1)});
    }
  }
  t.notes.push_back(
      "Peers: bench/peers/mlp_sklearn.py and mlp_torch.py on the trainer's exact split (written as float32 files), "
      "[64, 32, 16] ReLU, Adam lr 1e-3, batch 256, patience 20 on the same validation rows; mlp_sklearn_lbfgs.py and "
      "mlp_torch_lbfgs.py: each peer's best recipe found (L-BFGS, see the scripts); Ember: its default recipe; one thread "
      "(OMP_NUM_THREADS=1, torch.set_num_threads(1)), one run each. Ember's single sample is Model::run; its "
      "throughput is run_batch at " + std::to_string(ember_batch) + " samples, the peers' a predict call on 10000 rows. "
      "Peak RSS of a peer includes the Python interpreter and its libraries. Time ratio < 1: Ember is faster. Train CPU: process CPU time around training (Ember: median of the repeats), steadier than wall time on a loaded machine.");
  return t;
}

ReportTable alternatives_table(const TrainingResults& training, const std::vector<PeerResult>& alternatives) {
  const SizeResults& big = largest(training);
  ReportTable t("alternatives", "Alternatives to the network, " + std::to_string(big.samples) + " samples",
                {{"model", ""}, {"train time", "s"}, {"peak RSS", "MiB"}, {"model size", "bytes"}, {"test R2", ""}});
  std::size_t peak = 0;
  for (const TrainingRun& r : big.runs) peak = std::max(peak, r.peak_rss);
  t.add_row({C::of_text("Ember MLP [64, 32, 16]"), C::of_decimal(big.wall.median, 3), mib(static_cast<double>(peak)),
             C::of_integer(static_cast<std::int64_t>(training.blob.size())), C::of_decimal(big.runs.front().test.r2, 4)});
  for (const PeerResult& r : alternatives)
    t.add_row({C::of_text(r.peer + " (scikit-learn)"), C::of_decimal(r.train_seconds, 3), mib(static_cast<double>(r.peak_rss)),
               C::of_integer(static_cast<std::int64_t>(r.model_bytes)), C::of_decimal(r.test.r2, 4)});
  t.notes.push_back("bench/peers/alternatives.py: default scikit-learn settings, one thread, trained on the same "
                    "training rows. Model size: Ember's blob; pickle for scikit-learn. Peak RSS includes Python.");
  return t;
}

}  // namespace ember::bench
