// The Ember runtime API: validate a blob in place, hand over an arena, run.
//
//   ember::Model model;
//   static float arena[EMBER_MODEL_ARENA_BYTES / sizeof(float)];
//   if (model.load(blob, blob_len, arena, sizeof arena) != ember::Status::ok) { ... }
//   model.run(input, output);
//
// The model keeps pointers into the blob (weights are read where they lie, e.g. in flash) and into the
// arena; both must outlive it. No heap, no exceptions, no I/O. A Model is not thread-safe: give each thread
// its own Model and arena (they may share one blob).
#ifndef EMBER_MODEL_HPP
#define EMBER_MODEL_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/activation.hpp"
#include "ember/op_set.h"
#include "ember/status.hpp"

namespace ember {

// What validation learns about a blob, without needing an arena.
struct ModelInfo {
  uint16_t format_version;
  uint16_t layer_count;
  uint16_t input_width;
  uint16_t output_width;
  uint32_t total_bytes;
  uint32_t crc32;
  uint32_t arena_bytes;
  uint32_t parameter_count;
  uint32_t header_bytes;
  uint32_t layer_table_bytes;
  uint32_t norm_bytes;
  uint32_t params_bytes;
  char name[32];  // NUL-terminated copy of the model name
};

// One dense layer as stored in the blob; the pointers point into the blob. A float32 layer fills weights
// and bias; an int8 layer (is_int8, blob format v3) fills the int8 fields instead and leaves those null.
// A residual layer (float32, format v2 and later, in_width == out_width) computes y = x + act(W x + b).
struct LayerView {
  Activation activation;
  uint16_t in_width;
  uint16_t out_width;
  bool residual;
  const float* weights;  // out_width rows of in_width
  const float* bias;     // out_width
  bool is_int8;
  const uint8_t* weights_s8;  // the blob's int8 layout: dense_s8_weight_at(weights_s8, o, i, in_width);
                              // kind 4 (float_output): row-major, weights_s8[o * in_width + i]
  const int32_t* bias_s32;    // out_width
  const int32_t* multiplier;  // out_width, Q31 in [2^30, 2^31 - 1]; null for kind 4
  const int8_t* shift;        // out_width, -31 … 30; null for kind 4
  float input_scale;
  int32_t input_zero_point;
  float output_scale;         // 0 for kind 4, whose output is float32
  int32_t output_zero_point;
  // Kind 4 (dense int8 with float32 output): y[o] = output_scales[o] · accumulator, out_width float32.
  bool float_output;
  const float* output_scales;
  uint32_t macs() const { return static_cast<uint32_t>(in_width) * out_width; }
};

// Called around every layer when installed with Model::set_observer. `phase` is begin (values = the layer's
// input, standardized for layer 0) or end (values = its output after the activation). Around an int8 layer
// `values` is null (its vectors hold int8 codes); `width` is still the vector's width. Used by latency probes
// and activation analysis; a null observer costs one predictable branch per layer.
enum class LayerPhase : uint8_t { begin = 0, end = 1 };
using LayerObserver = void (*)(void* context, uint16_t layer_index, LayerPhase phase, const float* values,
                               uint16_t width);

// Validates `blob` (see docs/blob-format.md for every check) and fills `info`. Needs no arena. Layers are
// checked by the ops of `ops` (ember/op_set.h); the overload without a set uses every op (ember_op_set_all).
// `info` means something only when the status is ok: a blob refused on the way may leave it partly written.
Status inspect_blob(const void* blob, size_t blob_bytes, const ember_op_set& ops, ModelInfo* info);
Status inspect_blob(const void* blob, size_t blob_bytes, ModelInfo* info);

struct CApi;  // c_api.cpp: builds the Model of ember_load_with_ops (Model::Unassigned below)

class Model {
 public:
  // Unloaded, with an empty info(). The fields are set here rather than by default member initializers so
  // that the C API can construct a Model without them (Unassigned below).
  constexpr Model() noexcept
      : info_(), blob_(nullptr), ops_(nullptr), arena_(nullptr), observer_(nullptr), observer_context_(nullptr),
        observed_run_(nullptr) {}

  // Validates the blob and binds the arena. On failure the model stays unloaded. `ops` (which must outlive
  // the model, e.g. a static const) names the layer kinds and activations this image links; a blob using
  // others gets Status::op_not_linked. Without a set, every op is linked (ember_op_set_all).
  Status load(const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes, const ember_op_set& ops);
  Status load(const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes);

  bool loaded() const { return blob_ != nullptr; }
  const ModelInfo& info() const { return info_; }
  uint32_t arena_bytes() const { return info_.arena_bytes; }
  uint16_t input_width() const { return info_.input_width; }
  uint16_t output_width() const { return info_.output_width; }
  uint16_t layer_count() const { return info_.layer_count; }

  // Layer `index` (0-based) as stored; `index` must be below layer_count().
  LayerView layer(uint16_t index) const;

  // input: input_width() floats in the original (unstandardized) units; output: output_width() floats.
  Status run(const float* input, float* output);
  // `count` samples, row-major: inputs[count][input_width], outputs[count][output_width]. On hosts this runs
  // tiles of samples through the batched kernel (ember/dense_f32_tile.hpp, up to 16 KB of stack) and leftover
  // samples through a 4-lane vector kernel (ember/dense_f32_vector.hpp); both sum in run()'s order, so
  // results equal run()'s bit for bit.
  Status run_batch(const float* inputs, size_t count, float* outputs);
  // The same with caller-owned scratch for the batched kernel instead of the stack: `scratch` 16-aligned,
  // at least batch_scratch_bytes() (arena_too_small otherwise). Same bits as run_batch and run.
  Status run_batch(const float* inputs, size_t count, float* outputs, void* scratch, size_t scratch_bytes);
  // Scratch bytes the batched kernel needs for this model: 16 samples × the widest adjacent pair of widths
  // × 4 bytes; 0 where no batched kernel runs (microcontrollers, models with int8 layers): then run_batch
  // runs sample by sample and needs none.
  uint32_t batch_scratch_bytes() const;

  void set_observer(LayerObserver observer, void* context) {
    observer_ = observer;
    observer_context_ = context;
    observed_run_ = observer != nullptr ? &Model::run_observed : nullptr;
  }

 private:
  // Fewer leftover samples than this run one by one (run) rather than as a partial tile.
  static constexpr uint32_t kPartialTileMinSamples = 6;
  Status run_samples(const float* inputs, size_t first, size_t count, float* outputs);
  Status run_tiles(const float* inputs, size_t count, float* outputs, float* scratch, uint32_t scratch_floats);
  void run_tile(const float* inputs, float* outputs, uint32_t samples, float* scratch, uint32_t scratch_floats);
  // One sample through every layer, calling `observer` (if not null) around each (model_layers.hpp).
  void run_layers(const float* input, float* output, LayerObserver observer, void* context) const;
  // run() while an observer is installed (model_observer.cpp). Only set_observer refers to it, so an image
  // that never observes does not link the observer's calls.
  static Status run_observed(Model& model, const float* input, float* output);

  // A Model whose fields hold nothing yet, only for ember_load_with_ops (c_api.cpp), which calls load() on it
  // at once: load() assigns every field or resets the whole model (model.cpp), so the C API does not zero the
  // caller's storage first (28 bytes of flash on Cortex-M4F). Nothing else may use it: until load() returns,
  // not even loaded() may be called on it.
  struct Unassigned {};
  // cppcheck-suppress uninitMemberVarPrivate ; load() assigns or resets every field before any is read
  explicit Model(Unassigned) noexcept {}
  friend struct CApi;

  ModelInfo info_;
  const uint8_t* blob_;
  const ember_op_set* ops_;
  float* arena_;
  LayerObserver observer_;
  void* observer_context_;
  Status (*observed_run_)(Model& model, const float* input, float* output);
};

}  // namespace ember

#endif  // EMBER_MODEL_HPP
