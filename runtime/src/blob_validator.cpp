// Validation of a v1 blob, in the order given at the end of docs/blob-format.md. Every check uses 64-bit
// arithmetic on offsets so that no field value, however large, can wrap around.
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "ember/scalar_math.hpp"

namespace ember {
namespace {
using blob::read_u16;
using blob::read_u32;

bool inside(uint64_t offset, uint64_t length, uint64_t begin, uint64_t end) {
  return offset >= begin && offset <= end && length <= end - offset;
}

bool aligned(uint64_t offset) { return offset % blob::kSectionAlign == 0; }

Status check_header_fields(const uint8_t* b, size_t blob_bytes) {
  for (size_t i = 0; i < 4; ++i)
    if (b[blob::header::magic + i] != blob::kMagic[i]) return Status::bad_magic;
  if (read_u16(b + blob::header::format_version) != blob::kFormatVersion) return Status::unsupported_version;
  if (read_u16(b + blob::header::header_bytes) != blob::kHeaderBytes) return Status::bad_header_size;
  const uint32_t total = read_u32(b + blob::header::total_bytes);
  if (total != blob_bytes) return Status::size_mismatch;
  if (crc32(b + blob::kHeaderBytes, total - blob::kHeaderBytes) != read_u32(b + blob::header::crc32))
    return Status::crc_mismatch;
  const uint16_t layers = read_u16(b + blob::header::layer_count);
  if (layers == 0 || layers > blob::kMaxLayers) return Status::bad_layer_count;
  if (read_u16(b + blob::header::input_width) == 0 || read_u16(b + blob::header::output_width) == 0)
    return Status::bad_width;
  if (b[blob::header::element_type] != static_cast<uint8_t>(blob::ElementType::float32))
    return Status::unsupported_element_type;
  if (b[blob::header::flags] != 0) return Status::reserved_not_zero;
  for (size_t i = 0; i < blob::header::reserved_count; ++i)
    if (read_u32(b + blob::header::reserved + 4 * i) != 0) return Status::reserved_not_zero;
  return Status::ok;
}

// The three sections after the header must follow each other exactly (docs/blob-format.md, Layout).
Status check_sections(const uint8_t* b) {
  const uint64_t total = read_u32(b + blob::header::total_bytes);
  const uint64_t layers = read_u16(b + blob::header::layer_count);
  const uint64_t table = read_u32(b + blob::header::layer_table_offset);
  const uint64_t norm = read_u32(b + blob::header::norm_offset);
  const uint64_t norm_bytes = read_u32(b + blob::header::norm_bytes);
  const uint64_t params = read_u32(b + blob::header::params_offset);
  const uint64_t params_bytes = read_u32(b + blob::header::params_bytes);
  if (!aligned(table) || !aligned(norm) || !aligned(params)) return Status::misaligned_section;
  const uint64_t table_bytes = layers * blob::kLayerEntryBytes;
  if (table != blob::kHeaderBytes || !inside(table, table_bytes, 0, total)) return Status::section_out_of_bounds;
  const uint64_t in = read_u16(b + blob::header::input_width);
  const uint64_t out = read_u16(b + blob::header::output_width);
  if (norm != blob::align_up(static_cast<uint32_t>(table + table_bytes), blob::kSectionAlign) ||
      norm_bytes != 4 * (2 * in + 2 * out) || !inside(norm, norm_bytes, 0, total))
    return Status::section_out_of_bounds;
  if (params != blob::align_up(static_cast<uint32_t>(norm + norm_bytes), blob::kSectionAlign) ||
      params > total || params_bytes != total - params)
    return Status::section_out_of_bounds;
  return Status::ok;
}

Status check_layer(const uint8_t* e, uint32_t expected_in, uint64_t params_begin, uint64_t total) {
  const uint8_t kind = e[blob::layer::kind];
  if (kind != static_cast<uint8_t>(blob::LayerKind::dense)) return Status::unsupported_layer_kind;
  if (e[blob::layer::element_type] != static_cast<uint8_t>(blob::ElementType::float32))
    return Status::unsupported_element_type;
  if (!is_known_activation(e[blob::layer::activation])) return Status::unsupported_activation;
  if (e[blob::layer::reserved0] != 0) return Status::reserved_not_zero;
  for (size_t field = blob::layer::input_scale; field <= blob::layer::reserved1; field += 4)
    if (read_u32(e + field) != 0) return Status::reserved_not_zero;
  const uint64_t in = read_u16(e + blob::layer::in_width);
  const uint64_t out = read_u16(e + blob::layer::out_width);
  if (in == 0 || out == 0) return Status::bad_width;
  if (in != expected_in) return Status::width_mismatch;
  const uint64_t w = read_u32(e + blob::layer::weights_offset);
  const uint64_t bias = read_u32(e + blob::layer::bias_offset);
  if (!aligned(w) || !aligned(bias)) return Status::misaligned_section;
  if (read_u32(e + blob::layer::weights_bytes) != in * out * 4 || read_u32(e + blob::layer::bias_bytes) != out * 4 ||
      !inside(w, in * out * 4, params_begin, total) || !inside(bias, out * 4, params_begin, total))
    return Status::parameter_out_of_bounds;
  return Status::ok;
}

Status check_layers(const uint8_t* b, uint32_t* arena_bytes, uint32_t* parameter_count) {
  const uint16_t layers = read_u16(b + blob::header::layer_count);
  const uint64_t params_begin = read_u32(b + blob::header::params_offset);
  const uint64_t total = read_u32(b + blob::header::total_bytes);
  uint32_t width = read_u16(b + blob::header::input_width);
  uint64_t widest_pair = 0;
  uint64_t parameters = 0;
  for (uint16_t k = 0; k < layers; ++k) {
    const uint8_t* e = blob::layer_entry(b, k);
    const Status s = check_layer(e, width, params_begin, total);
    if (s != Status::ok) return s;
    const uint32_t out = read_u16(e + blob::layer::out_width);
    if (width + out > widest_pair) widest_pair = width + out;
    parameters += static_cast<uint64_t>(width) * out + out;
    width = out;
  }
  if (width != read_u16(b + blob::header::output_width)) return Status::width_mismatch;
  if (parameters != read_u32(b + blob::header::parameter_count)) return Status::parameter_count_mismatch;
  *arena_bytes = blob::align_up(static_cast<uint32_t>(widest_pair * 4), blob::kSectionAlign);
  *parameter_count = static_cast<uint32_t>(parameters);
  return Status::ok;
}

Status check_standardization(const uint8_t* b) {
  const uint32_t in = read_u16(b + blob::header::input_width);
  const uint32_t out = read_u16(b + blob::header::output_width);
  const float* v = blob::float_at(b, read_u32(b + blob::header::norm_offset));
  // Layout: input_mean[in], input_scale[in], output_mean[out], output_scale[out].
  for (uint32_t i = 0; i < 2 * in + 2 * out; ++i) {
    const bool is_scale = (i >= in && i < 2 * in) || i >= 2 * in + out;
    if (!math::is_finite(v[i]) || (is_scale && v[i] == 0.0f)) return Status::bad_standardization;
  }
  return Status::ok;
}
}  // namespace

Status inspect_blob(const void* blob_data, size_t blob_bytes, ModelInfo* info) {
  if (blob_data == nullptr || info == nullptr) return Status::null_argument;
  if (reinterpret_cast<uintptr_t>(blob_data) % blob::kBlobAlign != 0) return Status::misaligned_blob;
  if (blob_bytes < blob::kHeaderBytes) return Status::truncated_header;
  const uint8_t* b = static_cast<const uint8_t*>(blob_data);
  Status s = check_header_fields(b, blob_bytes);
  if (s == Status::ok) s = check_sections(b);
  uint32_t arena = 0, parameters = 0;
  if (s == Status::ok) s = check_layers(b, &arena, &parameters);
  if (s == Status::ok) s = check_standardization(b);
  if (s != Status::ok) return s;
  const uint8_t* name = b + blob::header::model_name;
  size_t name_length = 0;
  while (name_length < blob::kModelNameBytes && name[name_length] != 0) ++name_length;
  if (name_length == blob::kModelNameBytes) return Status::bad_model_name;
  if (read_u32(b + blob::header::arena_bytes) != arena) return Status::arena_size_mismatch;

  ModelInfo out{};
  out.format_version = read_u16(b + blob::header::format_version);
  out.layer_count = read_u16(b + blob::header::layer_count);
  out.input_width = read_u16(b + blob::header::input_width);
  out.output_width = read_u16(b + blob::header::output_width);
  out.total_bytes = read_u32(b + blob::header::total_bytes);
  out.crc32 = read_u32(b + blob::header::crc32);
  out.arena_bytes = arena;
  out.parameter_count = parameters;
  out.header_bytes = blob::kHeaderBytes;
  out.layer_table_bytes = out.layer_count * blob::kLayerEntryBytes;
  out.norm_bytes = read_u32(b + blob::header::norm_bytes);
  out.params_bytes = read_u32(b + blob::header::params_bytes);
  for (size_t i = 0; i < name_length; ++i) out.name[i] = static_cast<char>(name[i]);
  *info = out;
  return Status::ok;
}

}  // namespace ember
