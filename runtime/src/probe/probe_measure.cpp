// The measurements behind the profile tables. Every interval is "clock after - clock before - the cost
// of one clock read"; per-layer intervals also lose the calibrated cost of the observer pair itself.
#include "ember/probe/profile.hpp"
#include "ember/probe/stack_paint.h"

namespace ember {
namespace probe {
namespace {

constexpr uint32_t kCalibrationRounds = 64;

struct LayerClock {
  const ember_probe_env* env;
  uint64_t began;
  uint64_t* totals;  // clock units per layer, summed over a batch
};

void time_layer(void* context, uint16_t layer_index, LayerPhase phase, const float*, uint16_t) {
  LayerClock* clock = static_cast<LayerClock*>(context);
  if (phase == LayerPhase::begin) {
    clock->began = clock->env->now();
    return;
  }
  clock->totals[layer_index] += clock->env->now() - clock->began;
}

// Mean cost of one now() call, in clock units (a fraction where the clock is coarser than a call).
double clock_read_overhead(const ember_probe_env& env) {
  double best = 1e300;
  for (uint32_t r = 0; r < env.repeats; ++r) {
    const uint64_t start = env.now();
    for (uint32_t i = 0; i < kCalibrationRounds; ++i) (void)env.now();
    const double mean = static_cast<double>(env.now() - start) / (kCalibrationRounds + 1);
    if (mean < best) best = mean;
  }
  return best;
}

// Mean interval one begin/end observer pair reports around no work at all.
double layer_probe_overhead(const ember_probe_env& env) {
  uint64_t total = 0;
  LayerClock clock{&env, 0, &total};
  double best = 1e300;
  for (uint32_t r = 0; r < env.repeats; ++r) {
    total = 0;
    for (uint32_t i = 0; i < kCalibrationRounds; ++i) {
      time_layer(&clock, 0, LayerPhase::begin, nullptr, 0);
      time_layer(&clock, 0, LayerPhase::end, nullptr, 0);
    }
    const double mean = static_cast<double>(total) / kCalibrationRounds;
    if (mean < best) best = mean;
  }
  return best;
}

void fill_batch(const ember_profile_request& request, size_t count, size_t width) {
  for (size_t n = 0; n < count; ++n) {
    const float* row = request.rows + (n % request.row_count) * width;
    for (size_t i = 0; i < width; ++i) request.batch_inputs[n * width + i] = row[i];
  }
}

struct SingleRun {
  Model* model;
  const float* input;
  float* output;
  Status status;
};

void run_once(void* context) {
  SingleRun* run = static_cast<SingleRun*>(context);
  run->status = run->model->run(run->input, run->output);
}

double at_least_zero(double value) { return value < 0.0 ? 0.0 : value; }

void copy_name(const char* from, char* to, size_t capacity) {
  size_t i = 0;
  for (; i + 1 < capacity && from[i] != 0; ++i) to[i] = from[i];
  to[i] = 0;
}

Status measure_batches(Model& model, const ember_profile_request& request, const ember_probe_env& env,
                       ProfileResult* result) {
  result->batch_count = 0;
  for (size_t batch = 1; result->batch_count < kMaxBatchSizes; batch *= 2) {
    if (batch > request.max_batch) batch = request.max_batch;
    fill_batch(request, batch, model.input_width());
    double best = 1e300;
    for (uint32_t r = 0; r < env.repeats; ++r) {
      const uint64_t start = env.now();
      const Status s = model.run_batch(request.batch_inputs, batch, request.batch_outputs);
      const uint64_t stop = env.now();
      if (s != Status::ok) return s;
      const double elapsed = static_cast<double>(stop - start) - result->clock_read_overhead;
      if (elapsed < best) best = elapsed;
    }
    result->batches[result->batch_count++] = BatchFigure{static_cast<uint32_t>(batch), at_least_zero(best)};
    if (batch == request.max_batch) break;
  }
  return Status::ok;
}

Status measure_layers(Model& model, const ember_profile_request& request, const ember_probe_env& env,
                      ProfileResult* result) {
  uint64_t totals[kMaxLayers];
  LayerClock clock{&env, 0, totals};
  const size_t batch = request.max_batch;
  fill_batch(request, batch, model.input_width());
  for (uint16_t k = 0; k < result->layer_count; ++k) result->layers[k].latency = 1e300;
  model.set_observer(time_layer, &clock);
  for (uint32_t r = 0; r < env.repeats; ++r) {
    for (uint16_t k = 0; k < result->layer_count; ++k) totals[k] = 0;
    const Status s = model.run_batch(request.batch_inputs, batch, request.batch_outputs);
    if (s != Status::ok) {
      model.set_observer(nullptr, nullptr);
      return s;
    }
    for (uint16_t k = 0; k < result->layer_count; ++k) {
      const double mean = static_cast<double>(totals[k]) / static_cast<double>(batch) - result->layer_probe_overhead;
      if (mean < result->layers[k].latency) result->layers[k].latency = at_least_zero(mean);
    }
  }
  model.set_observer(nullptr, nullptr);
  return Status::ok;
}

Status measure_memory(Model& model, const ember_profile_request& request, const ember_probe_env& env,
                      ProfileResult* result) {
  uint32_t* arena_begin = static_cast<uint32_t*>(request.arena);
  uint32_t* arena_end = arena_begin + request.arena_bytes / sizeof(uint32_t);
  ember_paint_words(arena_begin, arena_end);
  SingleRun run{&model, request.rows, request.batch_outputs, Status::ok};
  result->stack_high_water = env.stack_used(run_once, &run);
  if (run.status != Status::ok) return run.status;
  result->arena_high_water = static_cast<uint32_t>(ember_touched_words(arena_begin, arena_end) * sizeof(uint32_t));
  return Status::ok;
}

}  // namespace

Status measure(Model& model, const ember_profile_request& request, const ember_probe_env& env,
               ProfileResult* result) {
  if (result == nullptr || request.rows == nullptr || request.batch_inputs == nullptr ||
      request.batch_outputs == nullptr || request.arena == nullptr || env.now == nullptr ||
      env.stack_used == nullptr) {
    return Status::null_argument;
  }
  if (!model.loaded()) return Status::not_loaded;
  if (request.row_count == 0 || request.max_batch == 0 || env.repeats == 0 ||
      model.layer_count() > kMaxLayers || request.arena_bytes < model.arena_bytes()) {
    return Status::bad_argument;
  }
  result->env = &env;
  const ModelInfo& info = model.info();
  copy_name(info.name, result->model_name, sizeof result->model_name);
  result->parameter_count = info.parameter_count;
  result->blob_bytes = info.total_bytes;
  result->arena_requested = info.arena_bytes;
  result->layer_count = model.layer_count();
  result->macs_per_inference = 0;
  for (uint16_t k = 0; k < result->layer_count; ++k) {
    const LayerView view = model.layer(k);
    result->layers[k] = LayerFigure{view.activation, view.in_width, view.out_width, 0.0};
    result->macs_per_inference += view.macs();
  }
  result->has_image = env.image_footprint != nullptr && env.image_footprint(&result->image) != 0;

  result->clock_read_overhead = clock_read_overhead(env);
  result->layer_probe_overhead = layer_probe_overhead(env);
  Status s = measure_memory(model, request, env, result);
  if (s == Status::ok) s = measure_batches(model, request, env, result);
  if (s == Status::ok) s = measure_layers(model, request, env, result);
  return s;
}

}  // namespace probe
}  // namespace ember
