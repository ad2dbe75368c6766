// PNG figures of the benchmark report, drawn by gnuplot (gnuplot-nox) from data files under --out.
#ifndef EMBER_BENCH_FIGURES_HPP
#define EMBER_BENCH_FIGURES_HPP

#include <string>
#include <vector>

#include "ember/bench/bench_tables.hpp"
#include "ember/bench/device_bench.hpp"

namespace ember::bench {

// Writes <dir>/figures/*.dat and *.gp and runs gnuplot on them. Returns notes for the report: the PNGs
// written, or why they were skipped (gnuplot missing or failing); never throws for a plotting problem.
// Figures: training time, memory, accuracy, throughput, and with device rows the device figure.
std::vector<std::string> draw_figures(const std::string& dir, const TrainingResults& training,
                                      const InferenceResults& inference, const std::vector<PeerRun>& peers,
                                      const std::vector<DeviceRow>& devices);

// One figure: writes <dir>/figures/<name>.gp (PNG terminal of `size` pixels, "800,500", then `script`) and
// runs gnuplot on it; data files the script names are the caller's. Returns notes, as above.
std::vector<std::string> plot_figure(const std::string& dir, const std::string& name, const std::string& script,
                                     const std::string& size);

// `ember bench MODEL`: throughput, and with device rows the device figure.
std::vector<std::string> draw_model_figures(const std::string& dir, const InferenceResults& inference,
                                            const std::vector<DeviceRow>& devices);

}  // namespace ember::bench

#endif  // EMBER_BENCH_FIGURES_HPP
