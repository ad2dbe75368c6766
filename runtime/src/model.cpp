#include "ember/model.hpp"

#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_f32_tile.hpp"
#include "model_layers.hpp"
#include "ops/op.hpp"

namespace ember {

// load() assigns every field on success (no reset first): six pointers and the ModelInfo.
static_assert(sizeof(Model) == 6 * sizeof(void*) + sizeof(ModelInfo), "assign every Model field in load()");

EMBER_COLD Status Model::load(const void* blob_data, size_t blob_bytes, void* arena, size_t arena_bytes,
                              const ember_op_set& ops) {
  // inspect_blob fills info_ when it accepts the blob (and may write part of it when not: the failure path
  // resets); every other field is assigned below or reset.
  Status s = inspect_blob(blob_data, blob_bytes, ops, &info_);
  if (s == Status::ok && (arena == nullptr || arena_bytes < info_.arena_bytes)) s = Status::arena_too_small;
  if (s == Status::ok && reinterpret_cast<uintptr_t>(arena) % alignof(float) != 0) s = Status::bad_argument;
  if (s != Status::ok) {
    // Unloaded, with an empty info(): every field zero, which is Model() (null pointers are all-zero bits
    // on every target this runtime builds for), in one memset where `*this = Model()` builds a temporary
    // and copies it.
    __builtin_memset(static_cast<void*>(this), 0, sizeof *this);
    return s;
  }
  arena_ = static_cast<float*>(arena);
  ops_ = &ops;
  blob_ = static_cast<const uint8_t*>(blob_data);
  observer_ = nullptr;  // a reload drops the observer, as the failure path's reset does
  observer_context_ = nullptr;
  observed_run_ = nullptr;
  return Status::ok;
}

namespace {
bool is_int8_layer(const uint8_t* e) {
  return e[blob::layer::element_type] == static_cast<uint8_t>(blob::ElementType::int8);
}
}  // namespace

LayerView Model::layer(uint16_t index) const {
  const uint8_t* e = blob::layer_entry(blob_, index);
  LayerView view{};
  view.activation = static_cast<Activation>(e[blob::layer::activation]);
  view.in_width = blob::read_u16(e + blob::layer::in_width);
  view.out_width = blob::read_u16(e + blob::layer::out_width);
  view.is_int8 = is_int8_layer(e);
  view.residual = (e[blob::layer::flags] & blob::kLayerFlagResidual) != 0;
  const uint8_t* weights = blob_ + blob::read_u32(e + blob::layer::weights_offset);
  const uint8_t* bias = blob_ + blob::read_u32(e + blob::layer::bias_offset);
  if (view.is_int8) {
    view.weights_s8 = weights;
    view.bias_s32 = reinterpret_cast<const int32_t*>(bias);
    view.float_output = e[blob::layer::kind] == static_cast<uint8_t>(blob::LayerKind::dense_int8_float_output);
    const uint8_t* requant = blob_ + blob::read_u32(e + blob::layer::requant_offset);
    if (view.float_output) {
      view.output_scales = reinterpret_cast<const float*>(requant);  // kind 4: scales where kind 2 requantizes
    } else {
      view.multiplier = reinterpret_cast<const int32_t*>(requant);
      view.shift = reinterpret_cast<const int8_t*>(view.multiplier + view.out_width);
    }
    view.input_scale = blob::read_f32(e + blob::layer::input_scale);
    view.input_zero_point = blob::read_i32(e + blob::layer::input_zero_point);
    view.output_scale = blob::read_f32(e + blob::layer::output_scale);
    view.output_zero_point = blob::read_i32(e + blob::layer::output_zero_point);
  } else {
    view.weights = reinterpret_cast<const float*>(weights);
    view.bias = reinterpret_cast<const float*>(bias);
  }
  return view;
}

Status Model::run(const float* input, float* output) {
  if (blob_ == nullptr) return Status::not_loaded;
  if (input == nullptr || output == nullptr) return Status::null_argument;
  if (observed_run_ != nullptr) return observed_run_(*this, input, output);
  run_layers(input, output, nullptr, nullptr);
  return Status::ok;
}

uint32_t Model::batch_scratch_bytes() const {
  if (blob_ == nullptr || kDenseTileScratchFloats == 0) return 0;
  uint32_t widest_pair = 0;
  uint32_t width = info_.input_width;
  for (uint16_t k = 0; k < info_.layer_count; ++k) {
    // The batched kernel is float32 only; models with int8 layers run sample by sample.
    if (is_int8_layer(blob::layer_entry(blob_, k))) return 0;
    const uint32_t next = layer(k).out_width;
    if (width + next > widest_pair) widest_pair = width + next;
    width = next;
  }
  return widest_pair * kDenseTile * static_cast<uint32_t>(sizeof(float));
}

Status Model::run_batch(const float* inputs, size_t count, float* outputs) {
  if (blob_ == nullptr) return Status::not_loaded;
  if (count != 0 && (inputs == nullptr || outputs == nullptr)) return Status::null_argument;
  // The tile scratch on this build's stack (16 KB on hosts, none on microcontrollers), when the model fits.
  const uint32_t need = batch_scratch_bytes();
  if (need == 0 || need > kDenseTileScratchFloats * sizeof(float)) return run_samples(inputs, 0, count, outputs);
  alignas(16) float scratch[kDenseTileScratchFloats > 0 ? kDenseTileScratchFloats : 1];
  return run_tiles(inputs, count, outputs, scratch, kDenseTileScratchFloats);
}

Status Model::run_batch(const float* inputs, size_t count, float* outputs, void* scratch, size_t scratch_bytes) {
  if (blob_ == nullptr) return Status::not_loaded;
  if (count != 0 && (inputs == nullptr || outputs == nullptr)) return Status::null_argument;
  const uint32_t need = batch_scratch_bytes();
  if (need == 0) return run_samples(inputs, 0, count, outputs);
  if (scratch == nullptr || scratch_bytes < need) return Status::arena_too_small;
  if (reinterpret_cast<uintptr_t>(scratch) % 16 != 0) return Status::bad_argument;
  const size_t floats = scratch_bytes / sizeof(float);
  return run_tiles(inputs, count, outputs, static_cast<float*>(scratch),
                   static_cast<uint32_t>(floats > 0xFFFFFFFFu ? 0xFFFFFFFFu : floats));
}

Status Model::run_samples(const float* inputs, size_t first, size_t count, float* outputs) {
  for (size_t n = first; n < count; ++n) {
    const Status s = run(inputs + n * info_.input_width, outputs + n * info_.output_width);
    if (s != Status::ok) return s;
  }
  return Status::ok;
}

Status Model::run_tiles(const float* inputs, size_t count, float* outputs, float* scratch, uint32_t scratch_floats) {
  size_t n = 0;
  // Whole tiles through the batched kernel (dense_f32_tile.hpp), unless an observer wants to see samples one
  // at a time. A partial tile costs as much as a full one, so a few leftover samples go one by one through
  // run() instead. Where the scratch lies does not change any bit: each sample's sums are dense_f32's.
  if (observer_ == nullptr) {
    for (; n + kDenseTile <= count; n += kDenseTile)
      run_tile(inputs + n * info_.input_width, outputs + n * info_.output_width, kDenseTile, scratch, scratch_floats);
    if (count - n >= kPartialTileMinSamples) {
      run_tile(inputs + n * info_.input_width, outputs + n * info_.output_width, static_cast<uint32_t>(count - n),
               scratch, scratch_floats);
      n = count;
    }
  }
  return run_samples(inputs, n, count, outputs);
}

void Model::run_tile(const float* inputs, float* outputs, uint32_t samples, float* scratch, uint32_t scratch_floats) {
  // Feature-major tile, ping-ponging between the two ends of the scratch like run() does in the arena.
  // Lanes past `samples` hold zeros: they are computed and dropped.
  const uint32_t in_width = info_.input_width;
  const uint32_t out_width = info_.output_width;
  // The standardization section (input mean, input scale, output mean, output scale) follows the layer
  // table, which follows the header (docs/blob-format.md, Layout).
  const float* const input_mean = blob::float_at(blob_, blob::kHeaderBytes + info_.layer_table_bytes);
  const float* const input_scale = input_mean + in_width;
  const float* const output_mean = input_scale + in_width;
  const float* const output_scale = output_mean + out_width;
  for (uint32_t i = 0; i < in_width; ++i) {
    for (uint32_t t = 0; t < samples; ++t)
      scratch[i * kDenseTile + t] = (inputs[t * in_width + i] - input_mean[i]) / input_scale[i];
    for (uint32_t t = samples; t < kDenseTile; ++t) scratch[i * kDenseTile + t] = 0.0f;
  }
  float* src = scratch;
  bool src_is_low = true;
  for (uint16_t k = 0; k < info_.layer_count; ++k) {
    const LayerView l = layer(k);
    float* dst = src_is_low ? scratch + (scratch_floats - l.out_width * kDenseTile) : scratch;
    dense_f32_tile(l.weights, l.bias, src, dst, l.in_width, l.out_width, l.activation);
    // A residual layer adds its input, one float32 add per value as in the op (in_width == out_width).
    if (l.residual)
      for (uint32_t i = 0; i < l.out_width * kDenseTile; ++i) dst[i] = src[i] + dst[i];
    src = dst;
    src_is_low = !src_is_low;
  }
  // load() accepted the blob, so there is at least one layer and the last one wrote out_width rows of src.
  for (uint32_t j = 0; j < out_width; ++j)
    for (uint32_t t = 0; t < samples; ++t)
      // NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult): see above; the analyzer assumes 0 layers
      outputs[t * out_width + j] = src[j * kDenseTile + t] * output_scale[j] + output_mean[j];
}

}  // namespace ember
