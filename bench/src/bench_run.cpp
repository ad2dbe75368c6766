#include "ember/bench/bench_run.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "ember/bench/bench_tables.hpp"
#include "ember/bench/figures.hpp"
#include "ember/bench/peak_flops.hpp"
#include "ember/bench/peers.hpp"
#include "ember/dense_f32_tile.hpp"
#include "ember/export/file_io.hpp"
#include "ember/model.hpp"

namespace ember::bench {
namespace {
using C = ReportCell;

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&now));
  return text;
}

ReportTable setup_table(const BenchOptions& o) {
  ReportTable t("setup", "Benchmark setup", {{"item", ""}, {"value", ""}});
  auto list = [](const std::vector<std::size_t>& v) {
    std::string s;
    for (std::size_t x : v) s += (s.empty() ? "" : ",") + std::to_string(x);
    return s;
  };
  utsname u{};
  uname(&u);
  t.add_row({C::of_text("processor"), C::of_text(cpu_model())});
  t.add_row({C::of_text("logical cores"), C::of_integer(std::thread::hardware_concurrency())});
  t.add_row({C::of_text("kernel"), C::of_text(std::string(u.sysname) + " " + u.release)});
  t.add_row({C::of_text("compiler"), C::of_text(std::string("GCC-compatible ") + __VERSION__)});
  t.add_row({C::of_text("batched kernel build"), C::of_text(dense_f32_tile_variant())});
  t.add_row({C::of_text("date (UTC)"), C::of_text(today())});
  t.add_row({C::of_text("task"), C::of_text("x ~ N(0,1)^5, y = sum x_i^2 + N(0, 0.1^2), seed 42, split 60/20/20")});
  t.add_row({C::of_text("network"), C::of_text("[64, 32, 16] ReLU, Adam lr 1e-3, batch 256, patience 20, max epochs " +
                                               std::to_string(o.max_epochs))});
  t.add_row({C::of_text("sizes / batches / repeats"),
             C::of_text(list(o.sizes) + " / " + list(o.batches) + " / " + std::to_string(o.repeats))});
  return t;
}

struct Printer {
  const BenchOptions& options;
  std::FILE* out;
  std::string markdown;  // the whole report, saved as report.md under --out

  void print(const ReportTable& t) {
    const std::string text = render(t, options.format);
    std::fputs(text.c_str(), out);
    std::fflush(out);
    markdown += render(t, report::TableFormat::markdown);
    if (!options.out_dir.empty()) save(t, options.out_dir);
  }
  void note(const std::string& text) {
    if (options.format != report::TableFormat::json) std::fprintf(out, "%s\n\n", text.c_str());
    markdown += text + "\n\n";
  }
};

void progress(const std::string& what) { std::fprintf(stderr, "ember bench: %s\n", what.c_str()); }

void validate(const BenchOptions& o) {
  if (o.sizes.empty()) throw std::invalid_argument("bench: --sizes is empty");
  for (std::size_t s : o.sizes)
    if (s < 50) throw std::invalid_argument("bench: each size needs at least 50 samples (got " + std::to_string(s) + ")");
  if (o.batches.empty()) throw std::invalid_argument("bench: --batches is empty");
  for (std::size_t b : o.batches)
    if (b == 0 || b > 1000000) throw std::invalid_argument("bench: batch sizes must be 1 to 1000000");
  if (o.repeats == 0) throw std::invalid_argument("bench: --repeats must be at least 1");
  if (o.max_epochs == 0) throw std::invalid_argument("bench: --max-epochs must be at least 1");
}

// Goals of the benchmark issue, checked against this run's figures.
ReportTable goals_table(const TrainingResults& training, const InferenceResults& inference,
                        const std::vector<PeerRun>& peers) {
  ReportTable t("goals", "Goals", {{"goal", ""}, {"measured", ""}, {"met", ""}});
  double single = 0, best_throughput = 0;
  for (const InferenceRow& r : inference.rows) {
    if (r.path == "Model::run") single = r.seconds_per_call.median;
    else best_throughput = std::max(best_throughput, static_cast<double>(r.batch) / r.seconds_per_call.median);
  }
  char text[160];
  std::snprintf(text, sizeof text, "%.3f us (Model::run)", single * 1e6);
  t.add_row({C::of_text("single-sample inference < 0.5 us"), C::of_text(text), C::of_text(single < 0.5e-6 ? "yes" : "no")});
  std::snprintf(text, sizeof text, "%.2f M samples/s (best run_batch)", best_throughput / 1e6);
  t.add_row({C::of_text("batched throughput > 10 M samples/s"), C::of_text(text),
             C::of_text(best_throughput > 10e6 ? "yes" : "no")});
  const SizeResults* ten_k = nullptr;
  for (const SizeResults& s : training.sizes)
    if (s.samples == 10000) ten_k = &s;
  if (ten_k == nullptr || peers.empty()) {
    t.add_row({C::of_text("10K training faster than both peers at >= R2"),
               C::of_text("not measured (needs --peers and size 10000)"), C::of_text("-")});
    return t;
  }
  bool met = true;
  std::string measured;
  for (const PeerRun& p : peers) {
    if (p.samples != 10000) continue;
    std::snprintf(text, sizeof text, "%s%s %.2f s R2 %.4f", measured.empty() ? "" : "; ", p.result.peer.c_str(),
                  p.result.train_seconds, p.result.test.r2);
    measured += text;
    met = met && ten_k->wall.median < p.result.train_seconds && ten_k->runs.front().test.r2 >= p.result.test.r2;
  }
  std::snprintf(text, sizeof text, "Ember %.2f s R2 %.4f; ", ten_k->wall.median, ten_k->runs.front().test.r2);
  t.add_row({C::of_text("10K training faster than both peers at >= R2"), C::of_text(text + measured),
             C::of_text(met ? "yes" : "no")});
  return t;
}
}  // namespace

void run_bench(const BenchOptions& o, std::FILE* out) {
  validate(o);
  if (!o.out_dir.empty()) std::filesystem::create_directories(o.out_dir);
  Printer printer{o, out, ""};
  std::string peers_missing = o.peers ? peers_missing_message() : "";
  if (!peers_missing.empty()) std::fprintf(stderr, "ember bench: %s\n", peers_missing.c_str());

  if (o.format == report::TableFormat::markdown) printer.note("# Ember benchmark report");
  printer.print(setup_table(o));

  progress("training (" + std::to_string(o.sizes.size()) + " sizes x " + std::to_string(o.repeats) + " repeats)");
  const TrainingResults training = measure_training(o.sizes, o.repeats, o.max_epochs);
  ModelInfo info{};
  {
    std::vector<float> aligned(training.blob.size() / 4 + 4);
    std::memcpy(aligned.data(), training.blob.data(), training.blob.size());
    inspect_blob(aligned.data(), training.blob.size(), &info);
  }
  printer.print(training_time_table(training));
  printer.print(memory_table(training, info.arena_bytes));
  printer.print(scaling_table(training));
  printer.print(accuracy_table(training));

  progress("inference");
  const InferenceResults inference =
      measure_inference(training.blob, training.test_x, o.batches, o.repeats, o.seconds_per_repeat);
  printer.print(inference_table(inference));
  printer.print(memory_breakdown_table(training.blob, 256, *std::max_element(o.sizes.begin(), o.sizes.end())));
  printer.print(model_size_table(training.blob));
  progress("peak FLOP/s");
  printer.print(per_layer_table(inference, measure_peak_flops(o.peak_seconds)));

  std::vector<PeerRun> peer_runs;
  if (o.peers && peers_missing.empty()) {
    const std::string data_root = o.out_dir.empty() ? std::filesystem::temp_directory_path().string() + "/ember-bench-" +
                                                          std::to_string(::getpid())
                                                    : o.out_dir + "/peer-data";
    std::vector<PeerResult> alternatives;
    const std::size_t largest = *std::max_element(o.sizes.begin(), o.sizes.end());
    for (std::size_t samples : o.sizes) {
      const std::string dir = data_root + "/" + std::to_string(samples);
      std::filesystem::create_directories(dir);
      write_peer_data(dir, samples);
      for (const char* script : {"mlp_sklearn.py", "mlp_torch.py"}) {
        progress(std::string("peer ") + script + " on " + std::to_string(samples) + " samples");
        peer_runs.push_back({samples, run_peer(script, dir, {"--max-epochs", std::to_string(o.max_epochs)})});
      }
      if (samples == largest)
        for (const char* model : {"linear", "forest", "boosting", "svr"}) {
          progress(std::string("alternative ") + model + " on " + std::to_string(samples) + " samples");
          alternatives.push_back(run_peer("alternatives.py", dir, {"--model", model}));
        }
    }
    if (o.out_dir.empty()) std::filesystem::remove_all(data_root);
    printer.print(peers_table(training, inference, peer_runs));
    printer.print(alternatives_table(training, alternatives));
  } else if (o.peers) {
    printer.note(peers_missing);
  }
  printer.print(goals_table(training, inference, peer_runs));

  if (!o.out_dir.empty()) {
    for (const std::string& note : draw_figures(o.out_dir, training, inference, peer_runs)) printer.note(note);
    exporters::write_file_atomic(o.out_dir + "/report.md", printer.markdown);
  }
}

}  // namespace ember::bench
