// Validation of a blob, in the order given at the end of docs/blob-format.md. Offsets are compared with the
// blob's size before anything is added to them, and lengths with what is left of it, so no field value,
// however large, can wrap around. The part of a layer entry that every kind shares is checked here; the rest
// goes to the kind's op (runtime/src/ops/op.hpp), which places its parameter arrays with place_array below.
// Written for flash: one placement rule for the arrays (the sections' starts are fixed and checked as such),
// one zero-bytes and one finite-values loop, no per-kind code (docs/targets.md has the figures).
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "ember/model_name.hpp"
#include "ops/op.hpp"

namespace ember {
namespace {
// Whether a region may start at `offset`: exactly at layout->end rounded up to 16 (`out_of_order` otherwise),
// with zero bytes in between (nonzero_padding otherwise). `offset` is at most total_bytes. Used for every
// parameter array and for the blob's end, which must follow the last array as an array would.
__attribute__((noinline)) EMBER_COLD Status follows(const ops::Layout* layout, uint32_t offset, Status out_of_order) {
  // The one multiple of 16 in [end, end + 15], in 32 bits: offset < end wraps offset - end past 15, and no
  // end + 15 is formed, so nothing can wrap to a match.
  if (offset % blob::kSectionAlign != 0 || offset - layout->end > blob::kSectionAlign - 1) return out_of_order;
  // end <= offset <= total: the padding [end, offset) lies inside the blob.
  if (!ops::zero_bytes(layout->blob + layout->end, offset - layout->end)) return Status::nonzero_padding;
  return Status::ok;
}
}  // namespace

namespace ops {

EMBER_COLD bool zero_bytes(const uint8_t* p, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i)
    if (p[i] != 0) return false;
  return true;
}

EMBER_COLD bool all_finite(const uint8_t* p, uint32_t count) {
  // Float32 arrays of a validated layout are 4-aligned (16-aligned offsets, 4-aligned blob): word loads.
  const uint8_t* words = static_cast<const uint8_t*>(__builtin_assume_aligned(p, 4));
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t bits;
    __builtin_memcpy(&bits, words + 4 * i, sizeof bits);
    if ((bits & 0x7F800000u) == 0x7F800000u) return false;  // exponent all ones: infinity or NaN
  }
  return true;
}

EMBER_COLD Status place_array(const LayerCheck& check, ParameterArray array, uint32_t count, uint32_t element_bytes) {
  static_assert(static_cast<size_t>(ParameterArray::weights) == blob::layer::weights_offset &&
                    static_cast<size_t>(ParameterArray::bias) == blob::layer::bias_offset &&
                    static_cast<size_t>(ParameterArray::requant) == blob::layer::requant_offset,
                "a ParameterArray is its offset field");
  static_assert(blob::layer::weights_bytes == blob::layer::weights_offset + 4 &&
                    blob::layer::bias_bytes == blob::layer::bias_offset + 4,
                "the length field follows the offset field, except requant's");
  const bool requant = array == ParameterArray::requant;
  const uint8_t* field = check.entry + static_cast<uint32_t>(array);
  const uint32_t offset = blob::read_u32(field);
  if (offset % blob::kSectionAlign != 0) return Status::misaligned_section;
  const uint32_t bytes = blob::read_u32(requant ? check.entry + blob::layer::requant_bytes : field + 4);
  const Status out_of_bounds = requant ? Status::requant_out_of_bounds : Status::parameter_out_of_bounds;
  if (bytes != uint64_t{count} * element_bytes) return out_of_bounds;
  Layout* layout = check.layout;
  if (offset < layout->begin || offset > layout->total || bytes > layout->total - offset) return out_of_bounds;
  const Status s = follows(layout, offset, Status::parameters_out_of_order);
  if (s == Status::ok) layout->end = offset + bytes;  // <= total
  return s;
}

}  // namespace ops

namespace {
using blob::read_u16;
using blob::read_u32;

uint32_t align4(uint32_t bytes) { return (bytes + 3u) & ~3u; }

// Two steps of inspect_blob below, the header fields and the layers, stay separate functions (noinline): each
// keeps its few values in registers and its status returns within a short branch, where one function
// holding all of them spills to the stack and needs long branches. place_sections, inlined, is 20 bytes
// smaller than out of line (Cortex-M4F, measured: the register allocation decides, so each step was tried).

// Records each field in `info` as it reads it (fewer loads than a copy at the end: the value is in a register);
// inspect_blob's caller reads `info` only once the blob is accepted.
__attribute__((noinline)) EMBER_COLD Status check_header_fields(const uint8_t* b, size_t blob_bytes, ModelInfo* info) {
  if (read_u32(b + blob::header::magic) !=
      (blob::kMagic[0] | blob::kMagic[1] << 8 | blob::kMagic[2] << 16 | static_cast<uint32_t>(blob::kMagic[3]) << 24))
    return Status::bad_magic;
  const uint16_t version = read_u16(b + blob::header::format_version);
  info->format_version = version;
  if (version != blob::kFormatVersionFloat && version != blob::kFormatVersionFlags &&
      version != blob::kFormatVersionInt8)
    return Status::unsupported_version;
  if (read_u16(b + blob::header::header_bytes) != blob::kHeaderBytes) return Status::bad_header_size;
  info->header_bytes = blob::kHeaderBytes;
  const uint32_t total = read_u32(b + blob::header::total_bytes);
  info->total_bytes = total;
  if (total != blob_bytes) return Status::size_mismatch;
  const uint32_t crc = crc32(b + blob::kHeaderBytes, total - blob::kHeaderBytes);
  info->crc32 = crc;
  if (crc != read_u32(b + blob::header::crc32)) return Status::crc_mismatch;
  const uint16_t layers = read_u16(b + blob::header::layer_count);
  info->layer_count = layers;
  if (layers == 0 || layers > blob::kMaxLayers) return Status::bad_layer_count;
  const uint16_t in = read_u16(b + blob::header::input_width);
  const uint16_t out = read_u16(b + blob::header::output_width);
  info->input_width = in;
  info->output_width = out;
  if (in == 0 || out == 0) return Status::bad_width;
  if (b[blob::header::element_type] != static_cast<uint8_t>(blob::ElementType::float32))
    return Status::unsupported_element_type;
  static_assert(blob::header::reserved_count == 3, "three reserved words");
  if ((b[blob::header::flags] | read_u32(b + blob::header::reserved) | read_u32(b + blob::header::reserved + 4) |
       read_u32(b + blob::header::reserved + 8)) != 0)
    return Status::reserved_not_zero;
  return Status::ok;
}

// The layer table, the standardization section and the start of the parameter section follow the header
// and each other exactly, with zero padding (docs/blob-format.md, Layout). With 16-aligned offsets that
// fixes each start: the table at the header's end (96), the standardization at the table's end (48 bytes an
// entry keep it 16-aligned, so no padding), the parameters at most 15 bytes past the standardization's end.
// Any other start or length, or a parameter section starting past total_bytes (and with it any section
// ending past it) is section_out_of_bounds; these ends cannot wrap (u16 counts and widths). The statuses
// and their order are those of placing the three sections one by one by the arrays' rule: every bounds
// failure, then the padding before the parameters, then params_bytes. Then `layout` is set for the ops
// from the start of the parameter section, and the sections' sizes recorded in `info`.
EMBER_COLD Status place_sections(const uint8_t* b, uint32_t total, ops::Layout* layout, ModelInfo* info) {
  const uint32_t table = read_u32(b + blob::header::layer_table_offset);
  const uint32_t norm = read_u32(b + blob::header::norm_offset);
  const uint32_t params = read_u32(b + blob::header::params_offset);
  if ((table | norm | params) % blob::kSectionAlign != 0) return Status::misaligned_section;
  const uint32_t table_end = blob::kHeaderBytes + read_u16(b + blob::header::layer_count) * blob::kLayerEntryBytes;
  const uint32_t norm_bytes = read_u32(b + blob::header::norm_bytes);
  const uint32_t norm_end = table_end + norm_bytes;
  if (table != blob::kHeaderBytes || norm != table_end ||
      norm_bytes != 8 * (read_u16(b + blob::header::input_width) + read_u16(b + blob::header::output_width)) ||
      params - norm_end > blob::kSectionAlign - 1 || params > total)
    return Status::section_out_of_bounds;
  if (!ops::zero_bytes(b + norm_end, params - norm_end)) return Status::nonzero_padding;
  if (read_u32(b + blob::header::params_bytes) != total - params) return Status::section_out_of_bounds;
  info->layer_table_bytes = table_end - blob::kHeaderBytes;
  info->norm_bytes = norm_bytes;
  info->params_bytes = total - params;
  layout->blob = b;
  layout->begin = params;
  layout->total = total;
  layout->end = params;
  return Status::ok;
}

// Every layer: the kind-independent part of its entry (kind, widths), then its op's validate(), which
// places its arrays; then the arrays must end where total_bytes says. Sums the arena and parameter count into
// `info`.
__attribute__((noinline)) EMBER_COLD Status check_layers(const uint8_t* b, const ember_op_set* set, ops::Layout* layout,
                                                         ModelInfo* info) {
  const uint16_t version = read_u16(b + blob::header::format_version);
  uint32_t width = read_u16(b + blob::header::input_width);
  uint32_t arena = 0;
  // Every parameter takes at least one byte of an array its op placed, and the arrays lie apart inside the
  // blob (op.hpp, LayerNeeds), so the sum stays below total_bytes: 32 bits hold it.
  uint32_t parameters = 0;
  uint32_t previous_out = 0;  // the previous layer's output vector, 4-aligned bytes
  ops::LayerCheck check{b, nullptr, nullptr, set, layout};  // entry and previous set per layer
  // place_sections put the table right after the header and recorded its size.
  const uint8_t* const first = b + blob::kHeaderBytes;
  for (const uint8_t* e = first; e != first + info->layer_table_bytes; e += blob::kLayerEntryBytes) {
    const uint8_t kind = e[blob::layer::kind];
    if (!blob::is_known_layer_kind(kind, version)) return Status::unsupported_layer_kind;
    const ember_op* op = ops::find_op(set, kind);
    if (op == nullptr) return Status::op_not_linked;
    const uint32_t in = read_u16(e + blob::layer::in_width);
    if (in == 0 || read_u16(e + blob::layer::out_width) == 0) return Status::bad_width;
    if (in != width) return Status::width_mismatch;
    ops::LayerNeeds needs;  // an op that accepts its layer sets every field (op.hpp)
    check.entry = e;
    const Status s = op->validate(check, &needs);
    if (s != Status::ok) return s;
    // Arena steps (docs/blob-format.md, Arena): a conversion between two element types, then the layer's
    // two vectors, each 4-aligned, with the op's scratch between them. The conversion is told by the
    // 4-aligned byte counts: equal raw counts stay equal, and the only different ones that round to the same
    // (widths chain) are an int8 and a float32 vector of width 1, whose conversion step, 4 + 4, is never above
    // the layer's own (two vectors of at least 4).
    // Layer 0 has no conversion: with previous_out 0 its "conversion step" is its input alone, never more
    // than its own step below.
    const uint32_t in_bytes = align4(needs.in_bytes);
    uint32_t step = in_bytes + previous_out;
    if (in_bytes != previous_out && step > arena) arena = step;
    previous_out = align4(needs.out_bytes);
    step = in_bytes + previous_out + needs.scratch_bytes;
    if (step > arena) arena = step;
    parameters += needs.parameter_count;
    width = read_u16(e + blob::layer::out_width);
    check.previous = e;
  }
  if (width != read_u16(b + blob::header::output_width)) return Status::width_mismatch;
  // total_bytes is the rounded end of the last array: the end of the blob follows the arrays as an array would.
  const Status s = follows(layout, layout->total, Status::trailing_bytes);
  if (s != Status::ok) return s;
  if (parameters != read_u32(b + blob::header::parameter_count)) return Status::parameter_count_mismatch;
  info->arena_bytes = blob::align_up(arena, blob::kSectionAlign);
  info->parameter_count = parameters;
  return Status::ok;
}

// input_mean[n] then input_scale[n] (the same for the output): finite, and no scale zero.
EMBER_COLD bool is_standardization(const uint8_t* mean, uint32_t n) {
  if (!ops::all_finite(mean, 2 * n)) return false;
  for (uint32_t i = 0; i < n; ++i)
    if ((read_u32(mean + 4 * (n + i)) & 0x7FFFFFFFu) == 0) return false;  // +0 or -0
  return true;
}

// docs/blob-format.md, "Model name": printable UTF-8, then NULs only, at least one. The printable prefix
// ends at the first NUL or at the first byte that is not printable UTF-8, which is not a NUL: so the name is
// valid exactly when that prefix leaves at least one byte and only NULs after it.
EMBER_COLD bool is_model_name(const uint8_t* name) {
  const uint32_t n = static_cast<uint32_t>(printable_utf8_prefix(name, blob::kModelNameBytes));  // at most 32
  return n < blob::kModelNameBytes && ops::zero_bytes(name + n, blob::kModelNameBytes - n);
}
}  // namespace

EMBER_COLD Status inspect_blob(const void* blob_data, size_t blob_bytes, const ember_op_set& ops, ModelInfo* info) {
  if (blob_data == nullptr || info == nullptr) return Status::null_argument;
  if (reinterpret_cast<uintptr_t>(blob_data) % blob::kBlobAlign != 0) return Status::misaligned_blob;
  if (blob_bytes < blob::kHeaderBytes) return Status::truncated_header;
  // 4-aligned (checked above): the compiler may load header words and copy the name word by word.
  const uint8_t* b = static_cast<const uint8_t*>(__builtin_assume_aligned(blob_data, blob::kBlobAlign));
  Status s = check_header_fields(b, blob_bytes, info);
  if (s != Status::ok) return s;
  const uint32_t total = info->total_bytes;
  ops::Layout layout;
  s = place_sections(b, total, &layout, info);
  if (s == Status::ok) s = check_layers(b, &ops, &layout, info);
  if (s != Status::ok) return s;
  const uint8_t* norm = b + read_u32(b + blob::header::norm_offset);
  if (!is_standardization(norm, info->input_width) ||
      !is_standardization(norm + 8 * info->input_width, info->output_width))
    return Status::bad_standardization;
  const uint8_t* name = b + blob::header::model_name;
  if (!is_model_name(name)) return Status::bad_model_name;
  if (read_u32(b + blob::header::arena_bytes) != info->arena_bytes) return Status::arena_size_mismatch;

  // Every field is assigned: the header's by check_header_fields, the sections' sizes by place_sections, the
  // arena and parameter count by check_layers, the name here (the static_assert keeps the count). The name
  // field of a valid blob is NUL-padded, so its 32 bytes are the NUL-terminated copy.
  static_assert(sizeof(ModelInfo) == 8 + 8 * 4 + blob::kModelNameBytes, "assign every ModelInfo field");
  __builtin_memcpy(info->name, name, blob::kModelNameBytes);
  return Status::ok;
}

}  // namespace ember
