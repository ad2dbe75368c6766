#include "ember/bench/figures.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "ember/export/file_io.hpp"
#include "ember/export/spawn.hpp"
#include "ember/export/text_escape.hpp"

namespace ember::bench {
namespace {
struct Figure {
  std::string name;    // file stem
  std::string script;  // gnuplot commands after the terminal and output lines
};

// A gnuplot string literal: the folder comes from --out and peer names from the peers' output, and neither
// may end the string and run a gnuplot command of its own.
std::string quoted(const std::string& s) { return exporters::gnuplot_string(s); }

std::string throughput_data(const InferenceResults& inference) {
  std::ostringstream infer;
  infer << "# batch samples_per_second_millions\n";
  for (const InferenceRow& row : inference.rows)
    if (row.path == "Model::run_batch")
      infer << row.batch << ' ' << static_cast<double>(row.batch) / row.seconds_per_call.median / 1e6 << '\n';
  return infer.str();
}

Figure throughput_figure(const std::string& data) {
  return {"throughput", "set title 'Inference throughput vs batch size (one core)'\nset xlabel 'batch (samples)'\n"
                        "set ylabel 'million samples/s'\nset logscale x\nset yrange [0:*]\nplot " + data +
                        " using 1:2 with linespoints title 'Ember Model::run_batch'\n"};
}

// Flash, static RAM and instructions per inference per target: three panels of bars, one bar per target,
// each axis from zero.
Figure device_figure(const std::string& data) {
  const std::string panel = "set style fill solid 0.6 border -1\nset boxwidth 0.6\nset yrange [0:*]\nset xtics rotate by 0\n";
  return {"device",
          "set multiplot layout 1,3 title 'On the device (profile firmware under QEMU)'\n" + panel +
              "set title 'flash (KiB)'\nplot " + data + " using 0:($2/1024):xtic(1) with boxes notitle\n" +
              "set title 'static RAM (KiB)'\nplot " + data + " using 0:($3/1024):xtic(1) with boxes notitle\n" +
              "set title 'instructions per inference'\nplot " + data +
              " using 0:4:xtic(1) with boxes notitle\nunset multiplot\n"};
}

std::string device_data(const std::vector<DeviceRow>& devices) {
  std::ostringstream o;
  o << "# target flash_bytes static_ram_bytes instructions_per_inference\n";
  for (const DeviceRow& d : devices)
    o << d.target << ' ' << d.flash_bytes << ' ' << d.ram_bytes << ' ' << d.instructions_single << '\n';
  return o.str();
}

// Runs gnuplot on each figure; returns the report's notes.
// `size`: "width,height" in pixels for every figure; empty: by name.
std::vector<std::string> plot(const std::string& dir, const std::vector<Figure>& figures, const std::string& size = "") {
  const std::string fig = dir + "/figures";
  std::vector<std::string> notes;
  std::string written;
  for (const Figure& f : figures) {
    const std::string script = fig + "/" + f.name + ".gp";
    // noenhanced: legends are plain text, so "run_batch" is not drawn as "run" with a subscript "b".
    exporters::write_file_atomic(script, "set terminal pngcairo noenhanced size " +
                                             (size.empty() ? std::string(f.name == "device" ? "1000,420" : "800,500") : size) +
                                             "\nset output " + quoted(fig + "/" + f.name + ".png") + "\nset grid\n" +
                                             f.script);
    exporters::SpawnOptions quiet;
    quiet.stdout_path = "/dev/null";
    quiet.stderr_path = "=stdout";
    if (!exporters::spawn_and_wait({"gnuplot", script}, quiet).succeeded()) {
      notes.push_back("Figure " + f.name + " failed: gnuplot returned an error on " + script + ".");
      continue;
    }
    written += (written.empty() ? "" : ", ") + std::string("figures/") + f.name + ".png";
  }
  if (!written.empty()) notes.push_back("Figures under " + dir + ": " + written + ".");
  return notes;
}

bool gnuplot_ready(const std::string& dir) {
  if (!exporters::program_on_path("gnuplot")) return false;
  ::mkdir((dir + "/figures").c_str(), 0755);
  return true;
}

const char* kNoGnuplot = "Figures skipped: gnuplot not found (apt-get install gnuplot-nox).";
}  // namespace

std::vector<std::string> draw_figures(const std::string& dir, const TrainingResults& training,
                                      const InferenceResults& inference, const std::vector<PeerRun>& peers,
                                      const std::vector<DeviceRow>& devices) {
  if (!gnuplot_ready(dir)) return {kNoGnuplot};
  const std::string fig = dir + "/figures";

  // Data files, whitespace-separated with a comment header.
  std::ostringstream train;
  train << "# size median_s min_s max_s peak_rss_mib average_rss_mib r2\n";
  std::size_t repeats = 0;
  for (const SizeResults& s : training.sizes) {
    std::size_t peak = 0;
    double average = 0;
    for (const TrainingRun& r : s.runs) {
      peak = std::max(peak, r.peak_rss);
      average += r.average_rss / static_cast<double>(s.runs.size());
    }
    repeats = std::max(repeats, s.runs.size());
    train << s.samples << ' ' << s.wall.median << ' ' << s.wall.min << ' ' << s.wall.max << ' '
          << static_cast<double>(peak) / 1048576.0 << ' ' << average / 1048576.0 << ' ' << s.runs.front().test.r2 << '\n';
  }
  exporters::write_file_atomic(fig + "/training.dat", train.str());
  exporters::write_file_atomic(fig + "/inference.dat", throughput_data(inference));
  std::map<std::string, std::ostringstream> peer_data;
  for (const PeerRun& p : peers) {
    std::ostringstream& o = peer_data[p.result.peer];
    o << p.samples << ' ' << p.result.train_seconds << ' ' << static_cast<double>(p.result.peak_rss) / 1048576.0 << ' '
      << p.result.test.r2 << '\n';
  }
  std::string peer_time, peer_memory, peer_r2;
  int index = 0;
  for (auto& [name, data] : peer_data) {
    const std::string file = fig + "/peer" + std::to_string(index++) + ".dat";
    exporters::write_file_atomic(file, "# size train_s peak_rss_mib r2\n" + data.str());
    peer_time += ", " + quoted(file) + " using 1:2 with linespoints title " + quoted(name);
    peer_memory += ", " + quoted(file) + " using 1:3 with linespoints title " + quoted(name + " peak");
    peer_r2 += ", " + quoted(file) + " using 1:4 with linespoints title " + quoted(name);
  }
  const std::string t = quoted(fig + "/training.dat");
  // Bars only where there is a spread to draw: one repeat per size has no min-max.
  const std::string ember_time =
      repeats > 1 ? t + " using 1:2:3:4 with yerrorlines title 'Ember (median; bars: min-max of " +
                        std::to_string(repeats) + " repeats)'"
                  : t + " using 1:2 with linespoints title 'Ember (one run per size)'";
  std::vector<Figure> figures = {
      {"training_time", "set title 'Training time vs dataset size'\nset xlabel 'samples'\nset ylabel 'seconds'\n"
                        "set logscale xy\nplot " + ember_time + peer_time + "\n"},
      {"memory", "set title 'Training memory vs dataset size'\nset xlabel 'samples'\nset ylabel 'MiB'\nset logscale x\n"
                 "set yrange [0:*]\nset key bottom right\nplot " + t + " using 1:5 with linespoints title 'Ember peak RSS', " + t +
                 " using 1:6 with linespoints title 'Ember average RSS'" + peer_memory + "\n"},
      {"accuracy", "set title 'Test R2 vs dataset size'\nset xlabel 'samples'\nset ylabel 'R2'\nset logscale x\n"
                   "set key bottom right\nplot " + t + " using 1:7 with linespoints title 'Ember'" + peer_r2 + "\n"},
      throughput_figure(quoted(fig + "/inference.dat")),
  };
  if (!devices.empty()) {
    exporters::write_file_atomic(fig + "/device.dat", device_data(devices));
    figures.push_back(device_figure(quoted(fig + "/device.dat")));
  }
  return plot(dir, figures);
}

std::vector<std::string> plot_figure(const std::string& dir, const std::string& name, const std::string& script,
                                     const std::string& size) {
  if (!gnuplot_ready(dir)) return {kNoGnuplot};
  return plot(dir, {{name, script}}, size);
}

std::vector<std::string> draw_model_figures(const std::string& dir, const InferenceResults& inference,
                                            const std::vector<DeviceRow>& devices) {
  if (!gnuplot_ready(dir)) return {kNoGnuplot};
  const std::string fig = dir + "/figures";
  exporters::write_file_atomic(fig + "/inference.dat", throughput_data(inference));
  std::vector<Figure> figures = {throughput_figure(quoted(fig + "/inference.dat"))};
  if (!devices.empty()) {
    exporters::write_file_atomic(fig + "/device.dat", device_data(devices));
    figures.push_back(device_figure(quoted(fig + "/device.dat")));
  }
  return plot(dir, figures);
}

}  // namespace ember::bench
