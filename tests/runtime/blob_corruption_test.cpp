// Every way to damage a golden blob must end in a status, never a crash or an out-of-bounds read (the
// host-debug preset runs this under AddressSanitizer; targets run it under QEMU). For the v1 float32 blob,
// the v3 blob with int8 layers, its variant whose layer 0 takes an int16 input (kind 3), its variant whose last
// layer has a float32 output (kind 4) and the v2 blob with residual layers: truncation at every length, every header and layer-table byte flipped
// (with the CRC as is, and recomputed so the structural checks must catch it), and every offset, length,
// width and int8 field set to 0, 1, max and past the end.
#include <string.h>

#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "golden_v1_blob.h"
#include "golden_v2_int16_input_blob.h"
#include "golden_v2_int8_blob.h"
#include "golden_v2_residual_blob.h"
#include "golden_v3_float_output_blob.h"
#include "unit_test.hpp"

namespace {
namespace b = ember::blob;

struct Golden {
  const unsigned char* bytes;
  size_t size;
};
const Golden kV1 = {golden_v1_blob, sizeof golden_v1_blob};
const Golden kV2 = {golden_v2_int8_blob, sizeof golden_v2_int8_blob};
// Layer 0 of kind 3 (int16 input): the same layout as kV2.
const Golden kV2Int16 = {golden_v2_int16_input_blob, sizeof golden_v2_int16_input_blob};
const Golden kV2Residual = {golden_v2_residual_blob, sizeof golden_v2_residual_blob};
// The last layer of kind 4 (int8 weights and input, float32 output).
const Golden kV3FloatOutput = {golden_v3_float_output_blob, sizeof golden_v3_float_output_blob};

constexpr size_t larger(size_t a, size_t b) { return a > b ? a : b; }
constexpr size_t kWorkBytes = larger(larger(larger(sizeof golden_v1_blob, sizeof golden_v2_residual_blob),
                                            larger(sizeof golden_v2_int8_blob, sizeof golden_v2_int16_input_blob)),
                                     sizeof golden_v3_float_output_blob) +
                              16;
alignas(16) unsigned char work[kWorkBytes];
float arena[64];
size_t work_size = 0;

void reset(const Golden& g) {
  memcpy(work, g.bytes, g.size);
  work_size = g.size;
}

void fix_crc() {
  const uint32_t crc = ember::crc32(work + b::kHeaderBytes, work_size - b::kHeaderBytes);
  for (int i = 0; i < 4; ++i) work[b::header::crc32 + i] = (unsigned char)(crc >> (8 * i));
}

ember::Status load(size_t length) {
  ember::Model model;
  return model.load(work, length, arena, sizeof arena);
}

// Loads the damaged blob; if it is accepted it must also run without crashing (outputs may be anything).
// Returns true if load rejected it.
bool rejected(size_t length) {
  ember::Model model;
  const ember::Status s = model.load(work, length, arena, sizeof arena);
  if (s != ember::Status::ok) return true;
  float in[5] = {0.5f, -1.0f, 2.0f, 0.0f, 1.0f};
  float out[64];
  return model.run(in, out) != ember::Status::ok;
}

void put(size_t at, size_t width, uint32_t value) {
  for (size_t i = 0; i < width; ++i) work[at + i] = (unsigned char)(value >> (8 * i));
}

uint32_t get(size_t at, size_t width) {
  uint32_t v = 0;
  for (size_t i = 0; i < width; ++i) v |= (uint32_t)work[at + i] << (8 * i);
  return v;
}

unsigned layer_count(const Golden& g) { return g.bytes[b::header::layer_count]; }
size_t entry(unsigned k) { return b::kHeaderBytes + k * b::kLayerEntryBytes; }
bool is_int8(const Golden& g, unsigned k) { return g.bytes[entry(k) + b::layer::element_type] == 1; }

// Bytes whose change may leave a valid blob: the model name, and an int8 layer's scales and zero points
// (the rules allow many values). Everything else in the header and layer table is structure.
bool may_stay_valid(const Golden& g, size_t at) {
  if (at >= b::header::model_name && at < b::header::model_name + b::kModelNameBytes) return true;
  if (at < b::kHeaderBytes) return false;
  const unsigned k = (unsigned)((at - b::kHeaderBytes) / b::kLayerEntryBytes);
  const size_t field = (at - b::kHeaderBytes) % b::kLayerEntryBytes;
  // Kind 4 has no output scale or zero point: those bytes are reserved, so any change is rejected.
  const bool output_format = g.bytes[entry(k) + b::layer::kind] != 4;
  return is_int8(g, k) && ((field >= b::layer::input_scale && field < b::layer::requant_offset) ||
                           (output_format && field >= b::layer::output_scale && field < b::layer::requant_bytes));
}

void every_truncation_is_rejected(const Golden& g) {
  reset(g);
  for (size_t length = 0; length < g.size; ++length) CHECK(rejected(length));
}

void every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs(const Golden& g) {
  const size_t end = b::kHeaderBytes + layer_count(g) * b::kLayerEntryBytes;
  for (size_t at = 0; at < end; ++at) {
    for (int recompute = 0; recompute < 2; ++recompute) {
      reset(g);
      work[at] ^= 0xFF;
      if (recompute) fix_crc();
      const bool in_crc = at >= b::header::crc32 && at < b::header::crc32 + 4;
      if (in_crc && recompute) {
        CHECK(!rejected(work_size));  // recomputing the CRC restores the original blob
      } else if (!recompute && at >= b::kHeaderBytes) {
        CHECK(load(work_size) == ember::Status::crc_mismatch);  // the CRC covers the layer table and all after it
      } else if (may_stay_valid(g, at)) {
        rejected(work_size);  // either way, it must not crash (ASan, QEMU)
      } else if (!rejected(work_size)) {
        printf("  flip of byte %u (crc %s) was accepted\n", (unsigned)at, recompute ? "recomputed" : "as is");
        CHECK(false);
      }
    }
  }
}

struct Field {
  uint16_t offset;
  uint8_t width;  // bytes
};

void every_offset_length_and_width_field_at_edge_values_is_rejected(const Golden& g) {
  // The golden blobs have 4 layers; room for 8 keeps this small on the 16 KB Cortex-M0.
  static Field fields[11 + 8 * 8];
  REQUIRE(layer_count(g) <= 8);
  size_t n = 0;
  const size_t header_fields[] = {b::header::total_bytes,  b::header::arena_bytes,    b::header::layer_table_offset,
                                  b::header::norm_offset,  b::header::norm_bytes,     b::header::params_offset,
                                  b::header::params_bytes, b::header::parameter_count};
  for (size_t f : header_fields) fields[n++] = {(uint16_t)f, 4};
  fields[n++] = {(uint16_t)(b::header::layer_count), 2};
  fields[n++] = {(uint16_t)(b::header::input_width), 2};
  fields[n++] = {(uint16_t)(b::header::output_width), 2};
  for (unsigned k = 0; k < layer_count(g); ++k) {
    const size_t e = entry(k);
    fields[n++] = {(uint16_t)(e + b::layer::in_width), 2};
    fields[n++] = {(uint16_t)(e + b::layer::out_width), 2};
    fields[n++] = {(uint16_t)(e + b::layer::weights_offset), 4};
    fields[n++] = {(uint16_t)(e + b::layer::weights_bytes), 4};
    fields[n++] = {(uint16_t)(e + b::layer::bias_offset), 4};
    fields[n++] = {(uint16_t)(e + b::layer::bias_bytes), 4};
    if (is_int8(g, k)) {
      fields[n++] = {(uint16_t)(e + b::layer::requant_offset), 4};
      fields[n++] = {(uint16_t)(e + b::layer::requant_bytes), 4};
    }
  }
  const uint32_t size = (uint32_t)g.size;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t max = fields[i].width == 2 ? 0xFFFFu : 0xFFFFFFFFu;
    const uint32_t values[] = {0, 1, max, size, size + 1, size + 16, max - 15};
    for (uint32_t v : values) {
      for (int recompute = 0; recompute < 2; ++recompute) {
        reset(g);
        if ((v & max) == get(fields[i].offset, fields[i].width)) continue;  // not a change
        put(fields[i].offset, fields[i].width, v);
        if (recompute) fix_crc();
        CHECK(rejected(work_size));
      }
    }
  }
}

}  // namespace

TEST_CASE(the_untouched_golden_blobs_are_accepted) {
  reset(kV1);
  CHECK(!rejected(work_size));
  reset(kV2);
  CHECK(!rejected(work_size));
  CHECK(work[b::header::format_version] == 3);
  reset(kV2Int16);
  CHECK(!rejected(work_size));
  reset(kV2Residual);
  CHECK(!rejected(work_size));
  reset(kV3FloatOutput);
  CHECK(!rejected(work_size));
}

TEST_CASE(every_truncation_is_rejected) {
  every_truncation_is_rejected(kV1);
  every_truncation_is_rejected(kV2);
  every_truncation_is_rejected(kV2Int16);
  every_truncation_is_rejected(kV2Residual);
  every_truncation_is_rejected(kV3FloatOutput);
}

TEST_CASE(a_padded_blob_is_rejected) {
  reset(kV1);
  CHECK(load(work_size + 16) == ember::Status::size_mismatch);
}

TEST_CASE(every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs) {
  every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs(kV1);
  every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs(kV2);
  every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs(kV2Int16);
  every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs(kV2Residual);
  every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs(kV3FloatOutput);
}

TEST_CASE(a_flipped_layer_table_byte_without_crc_fix_fails_the_crc) {
  reset(kV1);
  work[b::kHeaderBytes + 5] ^= 0x01;
  CHECK(load(work_size) == ember::Status::crc_mismatch);
}

TEST_CASE(every_offset_length_and_width_field_at_edge_values_is_rejected) {
  every_offset_length_and_width_field_at_edge_values_is_rejected(kV1);
  every_offset_length_and_width_field_at_edge_values_is_rejected(kV2);
  every_offset_length_and_width_field_at_edge_values_is_rejected(kV2Int16);
  every_offset_length_and_width_field_at_edge_values_is_rejected(kV2Residual);
  every_offset_length_and_width_field_at_edge_values_is_rejected(kV3FloatOutput);
}

TEST_CASE(reserved_int8_codes_are_rejected_in_a_v1_blob_with_their_own_status) {
  reset(kV1);
  work[b::kHeaderBytes + b::layer::kind] = 2;
  fix_crc();
  CHECK(load(work_size) == ember::Status::unsupported_layer_kind);
  reset(kV1);
  work[b::kHeaderBytes + b::layer::element_type] = 1;
  fix_crc();
  CHECK(load(work_size) == ember::Status::unsupported_element_type);
  reset(kV1);
  work[b::kHeaderBytes + b::layer::activation] = 9;
  fix_crc();
  CHECK(load(work_size) == ember::Status::unsupported_activation);
  reset(kV2);  // int8 layers need format version 3
  work[b::header::format_version] = 1;
  fix_crc();
  CHECK(load(work_size) == ember::Status::unsupported_layer_kind);
}

TEST_CASE(non_finite_or_zero_standardization_is_rejected) {
  const uint32_t norm = golden_v1_blob[b::header::norm_offset] | (golden_v1_blob[b::header::norm_offset + 1] << 8);
  const uint32_t bad[] = {0x7F800000u /* +inf */, 0x7FC00000u /* nan */, 0x00000000u /* zero scale */};
  for (uint32_t bits : bad) {
    reset(kV1);
    put(norm + 4 * 5, 4, bits);  // input_scale[0]
    fix_crc();
    CHECK(load(work_size) == ember::Status::bad_standardization);
  }
}

TEST_CASE(wrong_magic_version_and_misaligned_pointers_get_their_own_status) {
  ember::Model model;
  reset(kV1);
  work[0] = 'X';
  CHECK(load(work_size) == ember::Status::bad_magic);
  reset(kV1);
  work[b::header::format_version] = 4;
  CHECK(load(work_size) == ember::Status::unsupported_version);
  reset(kV2);  // int8 layers in a version 2 blob were row-major: refused as unknown there, not misread as blocks
  work[b::header::format_version] = 2;
  CHECK(load(work_size) == ember::Status::unsupported_layer_kind);
  reset(kV1);
  CHECK(model.load(work + 1, work_size - 1, arena, sizeof arena) == ember::Status::misaligned_blob);
  CHECK(model.load(nullptr, work_size, arena, sizeof arena) == ember::Status::null_argument);
}
