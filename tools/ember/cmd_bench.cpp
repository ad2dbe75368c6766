// `ember bench`: the benchmark report of the 5D interpolator (training time, memory, scaling, accuracy,
// inference, memory breakdown, model size, per-layer cost, and with --peers scikit-learn / PyTorch and
// classical regressors side by side). The measurements live in bench/ (ember_bench).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "cli_checks.hpp"
#include "commands.hpp"
#include "ember/bench/bench_run.hpp"
#include "ember/bench/grow_bench.hpp"
#include "ember/profile/target_profile.hpp"
#include "table_output.hpp"

namespace ember::cli {
namespace {
struct BenchCommandOptions {
  bench::BenchOptions bench;
  OutputFormat format;
  bool quick = false;
  bool tiny = false;
  bool grow = false;  // the morphogenesis benchmark instead (bench/src/grow_bench.cpp)
  bench::GrowBenchOptions grow_options;
};

// The report's files (one CSV and JSON per table, report.md, figures/) are named by the tables, so the rule is
// the simple one: the benchmarked model does not live in the --out folder, where one of them could replace it.
void refuse_model_in_out_folder(const bench::BenchOptions& b) {
  if (b.model_path.empty() || b.out_dir.empty()) return;
  const std::string folder = std::filesystem::path(b.model_path).parent_path().string();
  if (exporters::same_file(folder.empty() ? "." : folder, b.out_dir))
    throw std::runtime_error("--out " + b.out_dir + " holds the model " + b.model_path +
                             ", where the report's files could replace it; choose another folder");
}

void run(BenchCommandOptions& o) {
  refuse_model_in_out_folder(o.bench);
  if (o.grow) {
    bench::GrowBenchOptions g = o.grow_options;
    g.format = o.format.table_format();
    g.out_dir = o.bench.out_dir;
    if (o.bench.targets.size() > 1) throw std::runtime_error("bench --grow profiles on one --target (e.g. cortex-m4f)");
    if (!o.bench.targets.empty()) g.device_target = o.bench.targets.front();
    if (o.tiny) {
      g.samples = {300};
      g.seeds = 1;
      g.max_epochs = 30;
    }
    bench::run_grow_bench(g, stdout);
    return;
  }
  bench::BenchOptions b = o.bench;
  if (o.quick) {
    // Under 2 minutes on a 2-core machine: fewer repeats and shorter timing windows, same task and sizes.
    b.repeats = 1;
    b.seconds_per_repeat = 0.02;
    b.peak_seconds = 0.05;
  }
  if (o.tiny) {
    // For tests: seconds, not minutes, and light enough for sanitizers.
    b.sizes = {200, 400};
    b.batches = {1, 40};
    b.repeats = 1;
    b.max_epochs = 3;
    b.seconds_per_repeat = 0.002;
    b.peak_seconds = 0.005;
  }
  b.format = o.format.table_format();
  // Before any measurement: a missing cross compiler is one line, not a failure minutes in.
  for (const std::string& t : b.targets) target::check_target_tools(t);
  bench::run_bench(b, stdout);
}
}  // namespace

void add_bench_command(CLI::App& app) {
  auto o = std::make_shared<BenchCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench",
      "Benchmark a model (inference vs batch, per layer, memory; with --target on a Cortex-M too), or without one\n"
      "the built-in 5D interpolator task (training, memory, accuracy, inference; optionally against Python peers)\n"
      "  ember bench m.ember --quick --target cortex-m4f\n"
      "  ember bench --quick --out report/");
  cmd->add_option("model", o->bench.model_path, "a model blob (.ember) to benchmark instead of the 5D task")
      ->check(CLI::ExistingFile);
  std::string targets;
  for (const std::string& t : target::profile_targets()) targets += (targets.empty() ? "" : ", ") + t;
  cmd->add_option("-t,--target", o->bench.targets,
                  "also run the model on these Cortex-M targets under QEMU (ember profile --target): " + targets)
      ->delimiter(',');
  cmd->add_option("--sizes", o->bench.sizes, "data set sizes in samples, e.g. 1000,5000,10000")
      ->delimiter(',')
      ->check(whole_number(1, 10000000))
      ->capture_default_str();
  cmd->add_option("--batches", o->bench.batches, "inference batch sizes, e.g. 1,100,1000,5000,10000")
      ->delimiter(',')
      ->check(whole_number(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--repeats", o->bench.repeats, "timed repeats per measurement (median and spread reported)")
      ->check(whole_number(1, 1000))
      ->capture_default_str();
  cmd->add_option("--max-epochs", o->bench.max_epochs, "epoch limit per training run (early stopping usually ends sooner)")
      ->check(whole_number(1, 10000000))
      ->capture_default_str();
  cmd->add_flag("--quick", o->quick, "one repeat and short timing windows (the whole report in under 2 minutes)");
  cmd->add_flag("--tiny", o->tiny, "tiny sizes and 3 epochs, for tests")->group("");
  cmd->add_option("--out", o->bench.out_dir, "folder for CSV and JSON per table, report.md and PNG figures")
      ->check(output_path());
  cmd->add_flag("--peers", o->bench.peers,
                "also run scikit-learn, PyTorch and classical regressors (bench/peers/; /usr/bin/python3)");
  add_output_flags(*cmd, o->format);
  cmd->add_flag("--grow", o->grow,
                "the morphogenesis benchmark: fixed vs grown vs grown + pruned vs the grown shape from scratch, on the 5D "
                "task and (with --digits) digits, seeds 1..--seeds (docs/morphogenesis.md)");
  cmd->add_option("--seeds", o->grow_options.seeds, "--grow: seeds per arm")->capture_default_str()->check(CLI::Range(1, 100));
  cmd->add_option("--samples", o->grow_options.samples, "--grow: rows of the 5D task, one task per size (e.g. 1000,10000)")
      ->capture_default_str()
      ->delimiter(',')
      ->check(CLI::Range(10, 10000000));
  cmd->add_option("--digits", o->grow_options.digits_csv, "--grow: the digits CSV (column 'digit'), e.g. tests/data/digits.csv");
  cmd->callback([o] { run(*o); });
}

}  // namespace ember::cli
