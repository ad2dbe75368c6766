// Inference through the runtime on a blob: whole model per batch size, and each layer's kernel alone.
#ifndef EMBER_BENCH_INFERENCE_BENCH_HPP
#define EMBER_BENCH_INFERENCE_BENCH_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ember/bench/stopwatch.hpp"

namespace ember::bench {

struct InferenceRow {
  std::string path;       // "Model::run" or "Model::run_batch"
  std::size_t batch = 0;  // samples per call
  TimingSummary seconds_per_call;
};

struct LayerTiming {
  std::uint16_t in_width = 0, out_width = 0;
  std::string activation;
  std::uint64_t macs = 0;  // per sample
  double seconds_per_sample = 0;
};

struct InferenceResults {
  std::vector<InferenceRow> rows;
  std::vector<LayerTiming> layers;       // the batched kernel, layer by layer, on tiles of samples
  double batched_seconds_per_sample = 0;  // whole run_batch at the largest batch, for the per-layer shares
  std::string kernel_variant;             // which build of the batched kernel ran ("avx2", "portable")
};

// `samples` is a pool of inputs (rows x input_width) the calls cycle through. Each repeat runs enough calls
// to last about `seconds_per_repeat` on the monotonic clock, after one untimed warm-up repeat.
InferenceResults measure_inference(const std::vector<std::uint8_t>& blob, const std::vector<float>& samples,
                                   const std::vector<std::size_t>& batches, std::size_t repeats,
                                   double seconds_per_repeat);

}  // namespace ember::bench

#endif  // EMBER_BENCH_INFERENCE_BENCH_HPP
