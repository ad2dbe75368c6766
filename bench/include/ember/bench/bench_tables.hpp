// The tables of the benchmark report, built from measurements (one function per table).
#ifndef EMBER_BENCH_BENCH_TABLES_HPP
#define EMBER_BENCH_BENCH_TABLES_HPP

#include <cstdint>
#include <vector>

#include "ember/bench/inference_bench.hpp"
#include "ember/bench/peak_flops.hpp"
#include "ember/bench/peers.hpp"
#include "ember/bench/report_table.hpp"
#include "ember/bench/training_bench.hpp"

namespace ember::bench {

ReportTable training_time_table(const TrainingResults& training);
ReportTable memory_table(const TrainingResults& training, std::uint32_t arena_bytes);
ReportTable scaling_table(const TrainingResults& training);
ReportTable accuracy_table(const TrainingResults& training);
ReportTable inference_table(const InferenceResults& inference);
ReportTable memory_breakdown_table(const std::vector<std::uint8_t>& blob, std::size_t batch, std::size_t samples);
ReportTable model_size_table(const std::vector<std::uint8_t>& blob);
ReportTable per_layer_table(const InferenceResults& inference, const PeakFlops& peak);

struct PeerRun {
  std::size_t samples = 0;
  PeerResult result;
};
ReportTable peers_table(const TrainingResults& training, const InferenceResults& inference,
                        const std::vector<PeerRun>& peers);
ReportTable alternatives_table(const TrainingResults& training, const std::vector<PeerResult>& alternatives);

}  // namespace ember::bench

#endif  // EMBER_BENCH_BENCH_TABLES_HPP
