// Constants of the Ember model blob, formats v1 and v3. The byte-by-byte description is docs/blob-format.md;
// this header is its machine-readable twin, shared by the reader (runtime/) and the writer (exporters/).
#ifndef EMBER_BLOB_FORMAT_HPP
#define EMBER_BLOB_FORMAT_HPP

#include <stddef.h>
#include <stdint.h>

namespace ember {
namespace blob {

constexpr uint8_t kMagic[4] = {'E', 'M', 'B', 'R'};
constexpr uint16_t kFormatVersionFloat = 1;  // every layer float32
// Version 2 adds the layer flags (residual, float32 layers); version 3 adds dense int8 layers, their weights
// in the kernels' blocks (ember/dense_s8_layout.hpp). Int8 layers in a v2 blob (stored row-major by an
// earlier writer) are refused as an unknown kind rather than misread.
constexpr uint16_t kFormatVersionFlags = 2;
constexpr uint16_t kFormatVersionInt8 = 3;
constexpr uint16_t kNewestFormatVersion = kFormatVersionInt8;
constexpr uint32_t kHeaderBytes = 96;
constexpr uint32_t kLayerEntryBytes = 48;
constexpr uint32_t kSectionAlign = 16;
constexpr uint32_t kBlobAlign = 4;  // minimum load alignment: floats are read in place
constexpr uint32_t kModelNameBytes = 32;
constexpr uint16_t kMaxLayers = 32;

// Header field offsets (bytes from the start of the blob).
namespace header {
constexpr size_t magic = 0;
constexpr size_t format_version = 4;
constexpr size_t header_bytes = 6;
constexpr size_t total_bytes = 8;
constexpr size_t crc32 = 12;
constexpr size_t layer_count = 16;
constexpr size_t input_width = 18;
constexpr size_t output_width = 20;
constexpr size_t element_type = 22;
constexpr size_t flags = 23;
constexpr size_t arena_bytes = 24;
constexpr size_t layer_table_offset = 28;
constexpr size_t norm_offset = 32;
constexpr size_t norm_bytes = 36;
constexpr size_t params_offset = 40;
constexpr size_t params_bytes = 44;
constexpr size_t model_name = 48;
constexpr size_t parameter_count = 80;
constexpr size_t reserved = 84;  // three u32, all zero
constexpr size_t reserved_count = 3;
}  // namespace header

// Layer table entry field offsets (bytes from the start of the entry).
namespace layer {
constexpr size_t kind = 0;
constexpr size_t activation = 1;
constexpr size_t element_type = 2;
constexpr size_t flags = 3;      // v2: layer flags (kLayerFlag*); reserved (0) in v1
constexpr size_t reserved0 = flags;  // the v1 name of the byte
constexpr size_t in_width = 4;
constexpr size_t out_width = 6;
constexpr size_t weights_offset = 8;
constexpr size_t weights_bytes = 12;
constexpr size_t bias_offset = 16;
constexpr size_t bias_bytes = 20;
constexpr size_t input_scale = 24;
constexpr size_t input_zero_point = 28;
constexpr size_t requant_offset = 32;  // int8 layers; reserved (0) in float32 layers
constexpr size_t weight_scale = requant_offset;  // the v1 name of the field, never used
constexpr size_t output_scale = 36;
constexpr size_t output_zero_point = 40;
constexpr size_t reserved1 = 44;
constexpr size_t requant_bytes = reserved1;  // int8 layers; reserved (0) in float32 layers
// Kind 4 (dense int8, float32 output): its per-output dequantization scales where kinds 2 and 3 keep the
// requantization; output_scale and output_zero_point are reserved (0).
constexpr size_t scales_offset = requant_offset;
constexpr size_t scales_bytes = requant_bytes;
}  // namespace layer

// dense_int8_int16_input: a dense int8 layer whose input is int16 (symmetric, zero point 0), as the first
// layer of a model only, so that the model input keeps 16 bits (docs/blob-format.md, kind 3).
// dense_int8_float_output: int8 weights and input, its int32 accumulators dequantized to float32 instead of
// requantized, as the last layer of a model only (docs/blob-format.md, kind 4).
enum class LayerKind : uint8_t {
  dense = 1,
  dense_int8 = 2 /* v3 */,
  dense_int8_int16_input = 3 /* v3 */,
  dense_int8_float_output = 4 /* v3 */
};
enum class ElementType : uint8_t { float32 = 0, int8 = 1 /* v3 */ };

// Layer flags (entry byte 3, format v2 and later). Residual: a dense float32 layer with in_width == out_width whose
// output adds its input, y = x + act(W x + b) (docs/blob-format.md, "Residual layers").
constexpr uint8_t kLayerFlagResidual = 0x01;
constexpr uint8_t kKnownLayerFlags = kLayerFlagResidual;

// Bytes of one int8 layer's requantization array per output neuron: an int32 multiplier and an int8 shift.
constexpr uint32_t kRequantBytesPerOutput = 5;
constexpr int32_t kMinMultiplier = int32_t{1} << 30;  // Q31 0.5
constexpr int32_t kMinShift = -31;
constexpr int32_t kMaxShift = 30;

// Layer kinds a blob of `format_version` may use (v1: dense float32 only).
constexpr bool is_known_layer_kind(uint8_t kind, uint16_t format_version) {
  return kind == static_cast<uint8_t>(LayerKind::dense) ||
         (format_version >= kFormatVersionInt8 && kind >= static_cast<uint8_t>(LayerKind::dense_int8) &&
          kind <= static_cast<uint8_t>(LayerKind::dense_int8_float_output));
}

// Bytes of one element of a vector of this type (float32 4, int8 1).
constexpr uint32_t element_bytes(uint8_t element_type) {
  return element_type == static_cast<uint8_t>(ElementType::int8) ? 1u : 4u;
}

constexpr uint32_t align_up(uint32_t value, uint32_t alignment) {
  return (value + alignment - 1u) / alignment * alignment;
}

}  // namespace blob
}  // namespace ember

#endif  // EMBER_BLOB_FORMAT_HPP
