#include "ember/bench/inference_bench.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>

#include "ember/activation.hpp"
#include "ember/dense_f32_tile.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/model.hpp"

namespace ember::bench {
namespace {

// Calls `call(i)` for i = 0, 1, ... in repeats lasting about `seconds` each; returns seconds per call.
TimingSummary time_calls(const std::function<void(std::size_t)>& call, std::size_t repeats, double seconds) {
  // Calibrate on the warm-up: double the calls until one round lasts a tenth of the target.
  std::size_t calls = 1;
  for (;;) {
    const double start = now_seconds();
    for (std::size_t i = 0; i < calls; ++i) call(i);
    const double elapsed = now_seconds() - start;
    if (elapsed >= seconds / 10 || calls >= (std::size_t{1} << 30)) {
      const double per_call = elapsed / static_cast<double>(calls);
      calls = std::max<std::size_t>(1, static_cast<std::size_t>(seconds / std::max(per_call, 1e-12)));
      break;
    }
    calls *= 2;
  }
  std::vector<double> per_call;
  for (std::size_t r = 0; r < repeats; ++r) {
    const double start = now_seconds();
    for (std::size_t i = 0; i < calls; ++i) call(i);
    per_call.push_back((now_seconds() - start) / static_cast<double>(calls));
  }
  return summarize(per_call);
}

}  // namespace

InferenceResults measure_inference(const std::vector<std::uint8_t>& blob, const std::vector<float>& samples,
                                   const std::vector<std::size_t>& batches, std::size_t repeats,
                                   double seconds_per_repeat) {
  std::unique_ptr<exporters::LoadedModel> loaded;
  try {
    loaded = std::make_unique<exporters::LoadedModel>(blob);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("benchmark blob: ") + e.what());
  }
  Model& model = loaded->model();
  const std::size_t in = model.input_width(), out = model.output_width();
  const std::size_t pool = samples.size() / in;
  const std::size_t largest = batches.empty() ? 1 : *std::max_element(batches.begin(), batches.end());
  if (pool == 0) throw std::runtime_error("inference benchmark: no input samples");
  // Inputs for the largest batch, cycling through the pool.
  std::vector<float> inputs(largest * in);
  for (std::size_t r = 0; r < largest; ++r) std::memcpy(&inputs[r * in], &samples[(r % pool) * in], in * sizeof(float));
  std::vector<float> outputs(largest * out);

  InferenceResults results;
  results.kernel_variant = dense_f32_tile_variant();
  results.rows.push_back({"Model::run", 1, time_calls([&](std::size_t i) {
                                              model.run(&inputs[(i % largest) * in], outputs.data());
                                            },
                                            repeats, seconds_per_repeat)});
  for (std::size_t batch : batches) {
    const std::size_t offsets = largest / batch;  // distinct starting rows for small batches
    results.rows.push_back({"Model::run_batch", batch, time_calls([&](std::size_t i) {
                                                         model.run_batch(&inputs[(i % offsets) * batch * in], batch,
                                                                         outputs.data());
                                                       },
                                                       repeats, seconds_per_repeat)});
    if (batch == largest) results.batched_seconds_per_sample = results.rows.back().seconds_per_call.median / batch;
  }

  // Each layer's batched kernel alone, over enough tiles for the largest batch, on values in a realistic
  // range (standard normal-ish); the kernel has no data-dependent branches beyond the activation select.
  const std::size_t tiles = std::max<std::size_t>(1, (largest + kDenseTile - 1) / kDenseTile);
  for (std::uint16_t k = 0; k < model.layer_count(); ++k) {
    const LayerView l = model.layer(k);
    std::vector<float> x(static_cast<std::size_t>(l.in_width) * kDenseTile);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(static_cast<int>(i * 7919 % 17) - 8) / 8.0f;
    std::vector<float> y(static_cast<std::size_t>(l.out_width) * kDenseTile);
    const TimingSummary per_tile_round = time_calls(
        [&](std::size_t) {
          for (std::size_t t = 0; t < tiles; ++t)
            dense_f32_tile(l.weights, l.bias, x.data(), y.data(), l.in_width, l.out_width, l.activation);
        },
        repeats, seconds_per_repeat);
    LayerTiming timing;
    timing.in_width = l.in_width;
    timing.out_width = l.out_width;
    timing.activation = activation_name(l.activation);
    timing.macs = l.macs();
    timing.seconds_per_sample = per_tile_round.median / static_cast<double>(tiles * kDenseTile);
    results.layers.push_back(timing);
  }
  return results;
}

}  // namespace ember::bench
