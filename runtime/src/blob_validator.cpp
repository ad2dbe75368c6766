// Validation of a blob, in the order given at the end of docs/blob-format.md. Every check uses 64-bit
// arithmetic on offsets so that no field value, however large, can wrap around. The part of a layer entry
// that every kind shares is checked here; the rest goes to the kind's op (runtime/src/ops/op.hpp).
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "ember/model_name.hpp"
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
  const uint16_t version = read_u16(b + blob::header::format_version);
  if (version != blob::kFormatVersionFloat && version != blob::kFormatVersionInt8) return Status::unsupported_version;
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
  if (params != blob::align_up(static_cast<uint32_t>(norm + norm_bytes), blob::kSectionAlign) || params > total ||
      params_bytes != total - params)
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
  const ops::LayerCheck check{
      b, e, version, read_u32(b + blob::header::params_offset), read_u32(b + blob::header::total_bytes), set};
  return op->validate(check, needs);
}

bool is_int8_layer(const uint8_t* e) {
  return e[blob::layer::element_type] == static_cast<uint8_t>(blob::ElementType::int8);
}

bool zero_bytes(const uint8_t* b, uint64_t begin, uint64_t end) {
  for (uint64_t i = begin; i < end; ++i)
    if (b[i] != 0) return false;
  return true;
}

// Parameter arrays in layout order (docs/blob-format.md, "Parameter arrays"): each starts at the 16-rounded
// end of the one before, with zero padding in between. `cursor` is where the next array must start, `end`
// where the previous one ended.
struct ArrayCursor {
  uint64_t cursor;
  uint64_t end;
};

Status place_arrays(const uint8_t* b, const ops::LayerNeeds& needs, ArrayCursor* at) {
  for (uint32_t i = 0; i < needs.array_count; ++i) {
    const ops::ParameterArray& a = needs.arrays[i];
    if (a.offset != at->cursor) return Status::parameters_out_of_order;
    if (!zero_bytes(b, at->end, a.offset)) return Status::nonzero_padding;
    at->end = a.offset + a.bytes;
    at->cursor = (at->end + blob::kSectionAlign - 1) / blob::kSectionAlign * blob::kSectionAlign;
  }
  return Status::ok;
}

// Two int8 layers in a row share the tensor between them, so they must describe it the same way.
bool same_tensor_quantization(const uint8_t* previous, const uint8_t* next) {
  return read_u32(previous + blob::layer::output_scale) == read_u32(next + blob::layer::input_scale) &&
         read_u32(previous + blob::layer::output_zero_point) == read_u32(next + blob::layer::input_zero_point);
}

Status check_layers(const uint8_t* b, const ember_op_set* set, uint32_t* arena_bytes, uint32_t* parameter_count) {
  const uint16_t layers = read_u16(b + blob::header::layer_count);
  const uint64_t total = read_u32(b + blob::header::total_bytes);
  const uint64_t params = read_u32(b + blob::header::params_offset);
  uint32_t width = read_u16(b + blob::header::input_width);
  uint64_t arena = 0;
  uint64_t parameters = 0;
  ArrayCursor arrays{params, params};
  const uint8_t* previous = nullptr;
  for (uint16_t k = 0; k < layers; ++k) {
    const uint8_t* e = blob::layer_entry(b, k);
    ops::LayerNeeds needs{};
    Status s = check_layer(b, e, width, set, &needs);
    if (s == Status::ok) s = place_arrays(b, needs, &arrays);
    if (s != Status::ok) return s;
    if (previous != nullptr && is_int8_layer(previous) != is_int8_layer(e)) {
      // A conversion step between the layers: int8 codes at one end, float32 values at the other.
      const uint64_t conversion = align4(width) + 4ull * width;
      if (conversion > arena) arena = conversion;
    } else if (previous != nullptr && is_int8_layer(e) && !same_tensor_quantization(previous, e)) {
      return Status::quantization_mismatch;
    }
    // Arena share of one layer: both activation vectors, each 4-aligned, and the op's scratch between them.
    const uint64_t step = align4(needs.in_bytes) + align4(needs.out_bytes) + needs.scratch_bytes;
    if (step > arena) arena = step;
    parameters += needs.parameter_count;
    width = read_u16(e + blob::layer::out_width);
    previous = e;
  }
  if (width != read_u16(b + blob::header::output_width)) return Status::width_mismatch;
  if (total != arrays.cursor) return Status::trailing_bytes;
  if (!zero_bytes(b, arrays.end, total)) return Status::nonzero_padding;
  if (parameters != read_u32(b + blob::header::parameter_count)) return Status::parameter_count_mismatch;
  *arena_bytes = blob::align_up(static_cast<uint32_t>(arena), blob::kSectionAlign);
  *parameter_count = static_cast<uint32_t>(parameters);
  return Status::ok;
}

// Padding after the layer table and after the standardization section (check_sections fixed the offsets).
Status check_section_padding(const uint8_t* b) {
  const uint64_t table_end =
      blob::kHeaderBytes + uint64_t{read_u16(b + blob::header::layer_count)} * blob::kLayerEntryBytes;
  const uint64_t norm = read_u32(b + blob::header::norm_offset);
  const uint64_t norm_end = norm + read_u32(b + blob::header::norm_bytes);
  if (!zero_bytes(b, table_end, norm) || !zero_bytes(b, norm_end, read_u32(b + blob::header::params_offset)))
    return Status::nonzero_padding;
  return Status::ok;
}

// docs/blob-format.md, "Model name": printable UTF-8, then NULs only, at least one.
Status check_model_name(const uint8_t* name, size_t* length) {
  size_t n = 0;
  while (n < blob::kModelNameBytes && name[n] != 0) ++n;
  if (n == blob::kModelNameBytes || !is_printable_utf8(name, n)) return Status::bad_model_name;
  for (size_t i = n; i < blob::kModelNameBytes; ++i)
    if (name[i] != 0) return Status::bad_model_name;
  *length = n;
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
  if (s == Status::ok) s = check_section_padding(b);
  uint32_t arena = 0, parameters = 0;
  if (s == Status::ok) s = check_layers(b, &ops, &arena, &parameters);
  if (s == Status::ok) s = check_standardization(b);
  if (s != Status::ok) return s;
  const uint8_t* name = b + blob::header::model_name;
  size_t name_length = 0;
  s = check_model_name(name, &name_length);
  if (s != Status::ok) return s;
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
