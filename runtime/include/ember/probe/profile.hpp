// The profiler, C++ API: measure() runs the probes on a loaded model (latency per batch size and per
// layer with the probe's own overhead subtracted, arena and stack high-water, image footprint), and
// write_tables() prints the result through report::TableWriter. The host's `ember profile` and every
// firmware call the same two functions, so their tables have the same titles, columns and rows.
#ifndef EMBER_PROBE_PROFILE_HPP
#define EMBER_PROBE_PROFILE_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/model.hpp"
#include "ember/probe/probe_env.h"
#include "ember/probe/profile.h"
#include "ember/report/table_writer.hpp"

namespace ember {
namespace probe {

constexpr size_t kMaxLayers = 32;
constexpr size_t kMaxBatchSizes = 16;

struct BatchFigure {
  uint32_t batch;
  double latency;  // whole batch, in the clock's unit, probe overhead removed
};

struct LayerFigure {
  Activation activation;
  uint16_t in_width;
  uint16_t out_width;
  double latency;  // one sample through this layer (dense + activation), probe overhead removed
};

struct ProfileResult {
  const ember_probe_env* env;
  char model_name[32];
  uint32_t parameter_count;
  uint32_t macs_per_inference;
  uint32_t blob_bytes;
  double clock_read_overhead;   // one now() call, subtracted from every interval
  double layer_probe_overhead;  // one begin/end observer pair, subtracted from every layer
  size_t batch_count;
  BatchFigure batches[kMaxBatchSizes];
  uint16_t layer_count;
  LayerFigure layers[kMaxLayers];
  uint32_t arena_requested;
  uint32_t arena_high_water;
  uint32_t stack_high_water;  // bytes of stack one Model::run used
  bool has_image;
  ember_image_footprint image;
};

// `model` must be loaded with request.arena. Restores the model's observer (none) when done.
Status measure(Model& model, const ember_profile_request& request, const ember_probe_env& env,
               ProfileResult* result);

void write_tables(const ProfileResult& result, report::TableWriter& writer);

}  // namespace probe
}  // namespace ember

#endif  // EMBER_PROBE_PROFILE_HPP
