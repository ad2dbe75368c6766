// Validation of a blob, in the order given at the end of docs/blob-format.md. Every check uses 64-bit
// arithmetic on offsets so that no field value, however large, can wrap around. The part of a layer entry
// that every kind shares is checked here; the rest goes to the kind's op (runtime/src/ops/op.hpp).
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "ember/scalar_math.hpp"
#include "ops/op.hpp"

namespace ember {
namespace {
using blob::read_u16;
using blob::read_u32;

bool aligned(uint64_t offset) { return offset % blob::kSectionAlign == 0; }

uint64_t align4(uint64_t bytes) { return (bytes + 3) / 4 * 4; }

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
  if (table != blob::kHeaderBytes || !ops::inside(table, table_bytes, 0, total)) return Status::section_out_of_bounds;
  const uint64_t in = read_u16(b + blob::header::input_width);
  const uint64_t out = read_u16(b + blob::header::output_width);
  if (norm != blob::align_up(static_cast<uint32_t>(table + table_bytes), blob::kSectionAlign) ||
      norm_bytes != 4 * (2 * in + 2 * out) || !ops::inside(norm, norm_bytes, 0, total))
    return Status::section_out_of_bounds;
  if (params != blob::align_up(static_cast<uint32_t>(norm + norm_bytes), blob::kSectionAlign) ||
      params > total || params_bytes != total - params)
    return Status::section_out_of_bounds;
  return Status::ok;
}

// The kind-independent part of an entry (kind, widths), then the kind's own validate().
Status check_layer(const uint8_t* b, const uint8_t* e, uint32_t expected_in, const ember_op_set* set,
                   ops::LayerNeeds* needs) {
  const uint16_t version = read_u16(b + blob::header::format_version);
  const uint8_t kind = e[blob::layer::kind];
  if (!blob::is_known_layer_kind(kind, version)) return Status::unsupported_layer_kind;
  const ember_op* op = ops::find_op(set, kind);
  if (op == nullptr) return Status::op_not_linked;
  const uint32_t in = read_u16(e + blob::layer::in_width);
  if (in == 0 || read_u16(e + blob::layer::out_width) == 0) return Status::bad_width;
  if (in != expected_in) return Status::width_mismatch;
  const ops::LayerCheck check{b, e, version, read_u32(b + blob::header::params_offset),
                              read_u32(b + blob::header::total_bytes), set};
  return op->validate(check, needs);
}

Status check_layers(const uint8_t* b, const ember_op_set* set, uint32_t* arena_bytes, uint32_t* parameter_count) {
  const uint16_t layers = read_u16(b + blob::header::layer_count);
  uint32_t width = read_u16(b + blob::header::input_width);
  uint64_t arena = 0;
  uint64_t parameters = 0;
  for (uint16_t k = 0; k < layers; ++k) {
    const uint8_t* e = blob::layer_entry(b, k);
    ops::LayerNeeds needs{};
    const Status s = check_layer(b, e, width, set, &needs);
    if (s != Status::ok) return s;
    // Arena share of one layer: both activation vectors, each 4-aligned, and the op's scratch between them.
    const uint64_t step = align4(needs.in_bytes) + align4(needs.out_bytes) + needs.scratch_bytes;
    if (step > arena) arena = step;
    parameters += needs.parameter_count;
    width = read_u16(e + blob::layer::out_width);
  }
  if (width != read_u16(b + blob::header::output_width)) return Status::width_mismatch;
  if (parameters != read_u32(b + blob::header::parameter_count)) return Status::parameter_count_mismatch;
  *arena_bytes = blob::align_up(static_cast<uint32_t>(arena), blob::kSectionAlign);
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

Status inspect_blob(const void* blob_data, size_t blob_bytes, const ember_op_set& ops, ModelInfo* info) {
  if (blob_data == nullptr || info == nullptr) return Status::null_argument;
  if (reinterpret_cast<uintptr_t>(blob_data) % blob::kBlobAlign != 0) return Status::misaligned_blob;
  if (blob_bytes < blob::kHeaderBytes) return Status::truncated_header;
  const uint8_t* b = static_cast<const uint8_t*>(blob_data);
  Status s = check_header_fields(b, blob_bytes);
  if (s == Status::ok) s = check_sections(b);
  uint32_t arena = 0, parameters = 0;
  if (s == Status::ok) s = check_layers(b, &ops, &arena, &parameters);
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
