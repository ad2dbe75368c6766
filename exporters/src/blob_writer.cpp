// The writer half of docs/blob-format.md: every field is written at its documented offset, little-endian,
// so the output does not depend on the host's byte order or struct padding. The layout is computed in
// 64-bit arithmetic and checked against the format's 32-bit offsets before anything is allocated.
#include "ember/export/blob_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/model.hpp"

namespace ember::exporters {
namespace {
namespace b = ember::blob;

void put_u16(std::vector<std::uint8_t>& out, std::size_t at, std::uint16_t v) {
  out[at] = static_cast<std::uint8_t>(v);
  out[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

void put_u32(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

void put_f32(std::vector<std::uint8_t>& out, std::size_t at, float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  put_u32(out, at, bits);
}

void put_floats(std::vector<std::uint8_t>& out, std::size_t at, const std::vector<float>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) put_f32(out, at + 4 * i, values[i]);
}

void put_i32s(std::vector<std::uint8_t>& out, std::size_t at, const std::vector<std::int32_t>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) put_u32(out, at + 4 * i, static_cast<std::uint32_t>(values[i]));
}

void put_i8s(std::vector<std::uint8_t>& out, std::size_t at, const std::vector<std::int8_t>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) out[at + i] = static_cast<std::uint8_t>(values[i]);
}

std::vector<float> or_fill(const std::vector<float>& v, std::size_t width, float fill) {
  return v.empty() ? std::vector<float>(width, fill) : v;
}

std::uint64_t align16(std::uint64_t v) { return (v + b::kSectionAlign - 1) / b::kSectionAlign * b::kSectionAlign; }
std::uint64_t align4(std::uint64_t v) { return (v + 3) / 4 * 4; }

// Where one layer's parameter arrays go (docs/blob-format.md, "Parameter arrays").
struct LayerPlacement {
  std::uint64_t weights, weights_bytes, bias, bias_bytes, requant, requant_bytes;
};

// The blob's layout, all in 64 bits.
struct Layout {
  std::uint64_t norm, norm_bytes, params, total, arena;
  std::vector<LayerPlacement> layers;
};

// docs/blob-format.md, "Arena": the largest step, layers and float32/int8 conversions, rounded to 16 once.
std::uint64_t arena_bytes_for(const ModelSpec& spec) {
  std::uint64_t arena = 0;
  const DenseLayerSpec* previous = nullptr;
  for (const auto& l : spec.layers) {
    const std::uint64_t element = l.is_int8() ? 1 : 4;
    const bool int16_input = l.is_int8() && l.int8->int16_input;  // kind 3: int16 input
    if (previous != nullptr && previous->is_int8() != l.is_int8())
      arena = std::max<std::uint64_t>(arena, align4(l.in_width) + 4ull * l.in_width);
    const bool blocked = l.is_int8() && !l.int8->float_output;  // kinds 2 and 3 run the blocked kernels
    const std::uint64_t scratch = blocked ? align4(dense_s8_scratch_bytes(l.in_width)) : 0;
    const std::uint64_t in_element = int16_input ? 2 : element;
    const std::uint64_t out_element = l.is_int8() && l.int8->float_output ? 4 : element;  // kind 4: float32 out
    arena = std::max<std::uint64_t>(arena, align4(in_element * l.in_width) + align4(out_element * l.out_width) + scratch);
    previous = &l;
  }
  return align16(arena);
}

Layout plan(const ModelSpec& spec) {
  Layout p;
  const std::uint64_t layers = spec.layers.size();
  const std::uint64_t in = spec.input_width(), out = spec.output_width();
  p.norm = align16(b::kHeaderBytes + layers * b::kLayerEntryBytes);
  p.norm_bytes = 4 * (2 * in + 2 * out);
  p.params = align16(p.norm + p.norm_bytes);
  std::uint64_t cursor = p.params;
  for (const auto& l : spec.layers) {
    const std::uint64_t w = static_cast<std::uint64_t>(l.in_width) * l.out_width;
    LayerPlacement at{};
    at.weights = cursor;
    const bool float_output = l.is_int8() && l.int8->float_output;  // kind 4: row-major int8
    at.weights_bytes = float_output ? w : l.is_int8() ? dense_s8_weight_bytes(l.in_width, l.out_width) : 4 * w;
    at.bias = align16(at.weights + at.weights_bytes);
    at.bias_bytes = 4ull * l.out_width;
    cursor = align16(at.bias + at.bias_bytes);
    if (l.is_int8()) {
      at.requant = cursor;
      // Kind 4: one float32 scale per output where the others keep a multiplier and a shift.
      at.requant_bytes = (float_output ? 4 : b::kRequantBytesPerOutput) * static_cast<std::uint64_t>(l.out_width);
      cursor = align16(at.requant + at.requant_bytes);
    }
    p.layers.push_back(at);
  }
  p.total = cursor;
  p.arena = arena_bytes_for(spec);
  // Every offset and size in the format is a u32: refuse, before allocating, a model that does not fit.
  if (p.total > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("model needs a " + std::to_string(p.total) +
                                "-byte blob, above the format's limit of 4294967295 bytes");
  return p;
}

void write_layer_entry(std::vector<std::uint8_t>& blob, std::size_t e, const DenseLayerSpec& l,
                       const LayerPlacement& at) {
  const b::LayerKind kind = !l.is_int8()              ? b::LayerKind::dense
                            : l.int8->int16_input  ? b::LayerKind::dense_int8_int16_input
                            : l.int8->float_output ? b::LayerKind::dense_int8_float_output
                                                   : b::LayerKind::dense_int8;
  blob[e + b::layer::kind] = static_cast<std::uint8_t>(kind);
  blob[e + b::layer::activation] = static_cast<std::uint8_t>(l.activation);
  blob[e + b::layer::element_type] =
      static_cast<std::uint8_t>(l.is_int8() ? b::ElementType::int8 : b::ElementType::float32);
  if (l.residual) blob[e + b::layer::flags] = b::kLayerFlagResidual;
  put_u16(blob, e + b::layer::in_width, l.in_width);
  put_u16(blob, e + b::layer::out_width, l.out_width);
  put_u32(blob, e + b::layer::weights_offset, static_cast<std::uint32_t>(at.weights));
  put_u32(blob, e + b::layer::weights_bytes, static_cast<std::uint32_t>(at.weights_bytes));
  put_u32(blob, e + b::layer::bias_offset, static_cast<std::uint32_t>(at.bias));
  put_u32(blob, e + b::layer::bias_bytes, static_cast<std::uint32_t>(at.bias_bytes));
  if (!l.is_int8()) {
    put_floats(blob, at.weights, l.weights);
    put_floats(blob, at.bias, l.bias);
    return;
  }
  const QuantizedDense& q = *l.int8;
  if (q.float_output) {  // kind 4: row-major weights, then bias and scales; no output format
    put_f32(blob, e + b::layer::input_scale, q.input_scale);
    put_u32(blob, e + b::layer::input_zero_point, static_cast<std::uint32_t>(q.input_zero_point));
    put_u32(blob, e + b::layer::scales_offset, static_cast<std::uint32_t>(at.requant));
    put_u32(blob, e + b::layer::scales_bytes, static_cast<std::uint32_t>(at.requant_bytes));
    put_i8s(blob, at.weights, q.weights);
    put_i32s(blob, at.bias, q.bias);
    put_floats(blob, at.requant, q.accumulator_scale);
    return;
  }
  put_f32(blob, e + b::layer::input_scale, q.input_scale);
  put_u32(blob, e + b::layer::input_zero_point, static_cast<std::uint32_t>(q.input_zero_point));
  put_u32(blob, e + b::layer::requant_offset, static_cast<std::uint32_t>(at.requant));
  put_f32(blob, e + b::layer::output_scale, q.output_scale);
  put_u32(blob, e + b::layer::output_zero_point, static_cast<std::uint32_t>(q.output_zero_point));
  put_u32(blob, e + b::layer::requant_bytes, static_cast<std::uint32_t>(at.requant_bytes));
  dense_s8_pack_weights(q.weights.data(), l.in_width, l.out_width, blob.data() + at.weights);  // the kernels' blocks
  put_i32s(blob, at.bias, q.bias);
  put_i32s(blob, at.requant, q.multiplier);
  put_i8s(blob, at.requant + 4 * q.multiplier.size(), q.shift);
}
}  // namespace

std::vector<std::uint8_t> write_blob(const ModelSpec& spec) {
  // The layout first: it needs only the widths, so a model too large for the format is refused before
  // validate() walks (or anything allocates for) its parameters.
  const Layout p = plan(spec);
  validate(spec);
  // Version 3 with int8 layers (their weights in blocks), else 2 with a layer flag (residual), else version 1,
  // byte for byte as before.
  const bool any_int8 = std::any_of(spec.layers.begin(), spec.layers.end(), [](const auto& l) { return l.is_int8(); });
  const bool any_flag = std::any_of(spec.layers.begin(), spec.layers.end(), [](const auto& l) { return l.residual; });
  const std::uint16_t version = any_int8   ? b::kFormatVersionInt8
                                : any_flag ? b::kFormatVersionFlags
                                           : b::kFormatVersionFloat;
  const std::uint32_t layers = static_cast<std::uint32_t>(spec.layers.size());
  const std::uint32_t in = spec.input_width(), out = spec.output_width();

  std::vector<std::uint8_t> blob(static_cast<std::size_t>(p.total), 0);
  std::memcpy(blob.data() + b::header::magic, b::kMagic, 4);
  put_u16(blob, b::header::format_version, version);
  put_u16(blob, b::header::header_bytes, b::kHeaderBytes);
  put_u32(blob, b::header::total_bytes, static_cast<std::uint32_t>(p.total));
  put_u16(blob, b::header::layer_count, static_cast<std::uint16_t>(layers));
  put_u16(blob, b::header::input_width, static_cast<std::uint16_t>(in));
  put_u16(blob, b::header::output_width, static_cast<std::uint16_t>(out));
  blob[b::header::element_type] = static_cast<std::uint8_t>(b::ElementType::float32);
  put_u32(blob, b::header::arena_bytes, static_cast<std::uint32_t>(p.arena));
  put_u32(blob, b::header::layer_table_offset, b::kHeaderBytes);
  put_u32(blob, b::header::norm_offset, static_cast<std::uint32_t>(p.norm));
  put_u32(blob, b::header::norm_bytes, static_cast<std::uint32_t>(p.norm_bytes));
  put_u32(blob, b::header::params_offset, static_cast<std::uint32_t>(p.params));
  put_u32(blob, b::header::params_bytes, static_cast<std::uint32_t>(p.total - p.params));
  std::memcpy(blob.data() + b::header::model_name, spec.name.data(), spec.name.size());
  put_u32(blob, b::header::parameter_count, static_cast<std::uint32_t>(spec.parameter_count()));

  for (std::uint32_t k = 0; k < layers; ++k)
    write_layer_entry(blob, b::kHeaderBytes + k * b::kLayerEntryBytes, spec.layers[k], p.layers[k]);

  const std::size_t norm = static_cast<std::size_t>(p.norm);
  put_floats(blob, norm, or_fill(spec.input_mean, in, 0.0f));
  put_floats(blob, norm + 4 * in, or_fill(spec.input_scale, in, 1.0f));
  put_floats(blob, norm + 8 * in, or_fill(spec.output_mean, out, 0.0f));
  put_floats(blob, norm + 8 * in + 4 * out, or_fill(spec.output_scale, out, 1.0f));

  put_u32(blob, b::header::crc32,
          crc32(blob.data() + b::kHeaderBytes, static_cast<std::uint32_t>(p.total) - b::kHeaderBytes));
  return blob;
}

ModelSpec read_blob(const std::vector<std::uint8_t>& bytes) {
  std::unique_ptr<LoadedModel> loaded;
  try {
    loaded = std::make_unique<LoadedModel>(bytes);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("invalid blob: ") + e.what());
  }
  const Model& model = loaded->model();
  const ModelInfo& info = loaded->info();
  const std::uint8_t* raw = loaded->data();
  ModelSpec spec;
  spec.name = info.name;
  for (std::uint16_t k = 0; k < info.layer_count; ++k) {
    const LayerView v = model.layer(k);
    DenseLayerSpec l;
    l.in_width = v.in_width;
    l.out_width = v.out_width;
    l.activation = v.activation;
    l.residual = v.residual;
    if (v.is_int8) {
      QuantizedDense q;
      q.input_scale = v.input_scale;
      q.input_zero_point = v.input_zero_point;
      q.output_scale = v.output_scale;
      q.output_zero_point = v.output_zero_point;
      q.weights.resize(v.macs());  // back to row-major from the kernels' blocks
      if (v.float_output) {  // kind 4: row-major already; scales instead of requantization
        q.output_scale = 0.0f;
        q.output_zero_point = 0;
        q.float_output = true;
        q.weights.assign(reinterpret_cast<const std::int8_t*>(v.weights_s8),
                         reinterpret_cast<const std::int8_t*>(v.weights_s8) + v.macs());
        q.bias.assign(v.bias_s32, v.bias_s32 + v.out_width);
        q.accumulator_scale.assign(v.output_scales, v.output_scales + v.out_width);
        for (std::uint16_t o = 0; o < v.out_width; ++o)  // not stored: derived as for kinds 2 and 3
          q.weight_scale.push_back(static_cast<float>(static_cast<double>(v.output_scales[o]) / v.input_scale));
        l.int8 = std::move(q);
        spec.layers.push_back(std::move(l));
        continue;
      }
      for (std::uint32_t o = 0; o < v.out_width; ++o)
        for (std::uint32_t i = 0; i < v.in_width; ++i)
          q.weights[static_cast<std::size_t>(o) * v.in_width + i] = dense_s8_weight_at(v.weights_s8, o, i, v.in_width);
      q.bias.assign(v.bias_s32, v.bias_s32 + v.out_width);
      q.multiplier.assign(v.multiplier, v.multiplier + v.out_width);
      q.shift.assign(v.shift, v.shift + v.out_width);
      q.int16_input = b::layer_entry(raw, k)[b::layer::kind] == static_cast<std::uint8_t>(b::LayerKind::dense_int8_int16_input);
      // Not stored: derived from the requantization (docs/blob-format.md, dense int8 entry).
      for (std::uint16_t o = 0; o < v.out_width; ++o)
        q.weight_scale.push_back(static_cast<float>(std::ldexp(static_cast<double>(v.multiplier[o]), v.shift[o] - 31) *
                                                    v.output_scale / v.input_scale));
      l.int8 = std::move(q);
    } else {
      l.weights.assign(v.weights, v.weights + v.macs());
      l.bias.assign(v.bias, v.bias + v.out_width);
    }
    spec.layers.push_back(std::move(l));
  }
  const float* norm =
      reinterpret_cast<const float*>(raw + b::kHeaderBytes + b::align_up(info.layer_table_bytes, b::kSectionAlign));
  spec.input_mean.assign(norm, norm + info.input_width);
  spec.input_scale.assign(norm + info.input_width, norm + 2 * info.input_width);
  spec.output_mean.assign(norm + 2 * info.input_width, norm + 2 * info.input_width + info.output_width);
  spec.output_scale.assign(norm + 2 * info.input_width + info.output_width,
                           norm + 2 * info.input_width + 2 * info.output_width);
  return spec;
}

}  // namespace ember::exporters
