// The writer half of docs/blob-format.md: every field is written at its documented offset, little-endian,
// so the output does not depend on the host's byte order or struct padding.
#include "ember/export/blob_writer.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "ember/blob_format.hpp"
#include "ember/crc32.hpp"
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

void put_floats(std::vector<std::uint8_t>& out, std::size_t at, const std::vector<float>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    put_u32(out, at + 4 * i, bits);
  }
}

std::vector<float> or_fill(const std::vector<float>& v, std::size_t width, float fill) {
  return v.empty() ? std::vector<float>(width, fill) : v;
}

std::uint32_t arena_bytes_for(const ModelSpec& spec) {
  std::uint32_t widest_pair = 0;
  std::uint32_t width = spec.input_width();
  for (const auto& l : spec.layers) {
    widest_pair = std::max<std::uint32_t>(widest_pair, width + l.out_width);
    width = l.out_width;
  }
  return b::align_up(widest_pair * 4, b::kSectionAlign);
}
}  // namespace

std::vector<std::uint8_t> write_blob(const ModelSpec& spec) {
  validate(spec);
  const std::uint32_t layers = static_cast<std::uint32_t>(spec.layers.size());
  const std::uint32_t in = spec.input_width(), out = spec.output_width();
  const std::uint32_t table = b::kHeaderBytes;
  const std::uint32_t norm = b::align_up(table + layers * b::kLayerEntryBytes, b::kSectionAlign);
  const std::uint32_t norm_bytes = 4 * (2 * in + 2 * out);
  const std::uint32_t params = b::align_up(norm + norm_bytes, b::kSectionAlign);

  // Lay out parameters: each layer's weights, then its bias, each 16-aligned.
  std::vector<std::uint32_t> weight_at(layers), bias_at(layers);
  std::uint32_t cursor = params;
  for (std::uint32_t k = 0; k < layers; ++k) {
    weight_at[k] = cursor;
    cursor = b::align_up(cursor + 4u * static_cast<std::uint32_t>(spec.layers[k].weights.size()), b::kSectionAlign);
    bias_at[k] = cursor;
    cursor = b::align_up(cursor + 4u * spec.layers[k].out_width, b::kSectionAlign);
  }
  const std::uint32_t total = cursor;

  std::vector<std::uint8_t> blob(total, 0);
  std::memcpy(blob.data() + b::header::magic, b::kMagic, 4);
  put_u16(blob, b::header::format_version, b::kFormatVersion);
  put_u16(blob, b::header::header_bytes, b::kHeaderBytes);
  put_u32(blob, b::header::total_bytes, total);
  put_u16(blob, b::header::layer_count, static_cast<std::uint16_t>(layers));
  put_u16(blob, b::header::input_width, static_cast<std::uint16_t>(in));
  put_u16(blob, b::header::output_width, static_cast<std::uint16_t>(out));
  blob[b::header::element_type] = static_cast<std::uint8_t>(b::ElementType::float32);
  put_u32(blob, b::header::arena_bytes, arena_bytes_for(spec));
  put_u32(blob, b::header::layer_table_offset, table);
  put_u32(blob, b::header::norm_offset, norm);
  put_u32(blob, b::header::norm_bytes, norm_bytes);
  put_u32(blob, b::header::params_offset, params);
  put_u32(blob, b::header::params_bytes, total - params);
  std::memcpy(blob.data() + b::header::model_name, spec.name.data(), spec.name.size());
  put_u32(blob, b::header::parameter_count, static_cast<std::uint32_t>(spec.parameter_count()));

  for (std::uint32_t k = 0; k < layers; ++k) {
    const DenseLayerSpec& l = spec.layers[k];
    const std::size_t e = table + k * b::kLayerEntryBytes;
    blob[e + b::layer::kind] = static_cast<std::uint8_t>(b::LayerKind::dense);
    blob[e + b::layer::activation] = static_cast<std::uint8_t>(l.activation);
    blob[e + b::layer::element_type] = static_cast<std::uint8_t>(b::ElementType::float32);
    put_u16(blob, e + b::layer::in_width, l.in_width);
    put_u16(blob, e + b::layer::out_width, l.out_width);
    put_u32(blob, e + b::layer::weights_offset, weight_at[k]);
    put_u32(blob, e + b::layer::weights_bytes, static_cast<std::uint32_t>(4 * l.weights.size()));
    put_u32(blob, e + b::layer::bias_offset, bias_at[k]);
    put_u32(blob, e + b::layer::bias_bytes, 4u * l.out_width);
    put_floats(blob, weight_at[k], l.weights);
    put_floats(blob, bias_at[k], l.bias);
  }

  put_floats(blob, norm, or_fill(spec.input_mean, in, 0.0f));
  put_floats(blob, norm + 4 * in, or_fill(spec.input_scale, in, 1.0f));
  put_floats(blob, norm + 8 * in, or_fill(spec.output_mean, out, 0.0f));
  put_floats(blob, norm + 8 * in + 4 * out, or_fill(spec.output_scale, out, 1.0f));

  put_u32(blob, b::header::crc32, crc32(blob.data() + b::kHeaderBytes, total - b::kHeaderBytes));
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
    l.weights.assign(v.weights, v.weights + v.macs());
    l.bias.assign(v.bias, v.bias + v.out_width);
    spec.layers.push_back(std::move(l));
  }
  const float* norm = reinterpret_cast<const float*>(raw + b::kHeaderBytes +
                                                     b::align_up(info.layer_table_bytes, b::kSectionAlign));
  spec.input_mean.assign(norm, norm + info.input_width);
  spec.input_scale.assign(norm + info.input_width, norm + 2 * info.input_width);
  spec.output_mean.assign(norm + 2 * info.input_width, norm + 2 * info.input_width + info.output_width);
  spec.output_scale.assign(norm + 2 * info.input_width + info.output_width,
                           norm + 2 * info.input_width + 2 * info.output_width);
  return spec;
}

}  // namespace ember::exporters
