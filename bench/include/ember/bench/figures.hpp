// PNG figures of the benchmark report, drawn by gnuplot (gnuplot-nox) from data files under --out.
#ifndef EMBER_BENCH_FIGURES_HPP
#define EMBER_BENCH_FIGURES_HPP

#include <string>
#include <vector>

#include "ember/bench/bench_tables.hpp"

namespace ember::bench {

// Writes <dir>/figures/*.dat and *.gp and runs gnuplot on them. Returns notes for the report: the PNGs
// written, or why they were skipped (gnuplot missing or failing); never throws for a plotting problem.
std::vector<std::string> draw_figures(const std::string& dir, const TrainingResults& training,
                                      const InferenceResults& inference, const std::vector<PeerRun>& peers);

}  // namespace ember::bench

#endif  // EMBER_BENCH_FIGURES_HPP
