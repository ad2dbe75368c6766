// Every way to damage the golden blob must end in a status, never a crash or an out-of-bounds read (the
// host-debug preset runs this under AddressSanitizer; targets run it under QEMU). Three families:
// truncation at every length, every header and layer-table byte flipped (with the CRC as is, and recomputed
// so the structural checks must catch it), and every offset/length/width field set to edge values.
#include <string.h>

#include "ember/blob_format.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "golden_v1_blob.h"
#include "unit_test.hpp"

namespace {
namespace b = ember::blob;

alignas(16) unsigned char work[sizeof golden_v1_blob];
float arena[64];

void reset() { memcpy(work, golden_v1_blob, sizeof work); }

void fix_crc() {
  const uint32_t crc = ember::crc32(work + b::kHeaderBytes, sizeof work - b::kHeaderBytes);
  for (int i = 0; i < 4; ++i) work[b::header::crc32 + i] = (unsigned char)(crc >> (8 * i));
}

// Loads the damaged blob; if it is accepted it must also run and give finite-or-not outputs without crashing.
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

struct Field {
  size_t offset;
  size_t width;  // bytes
};

unsigned layer_count() { return golden_v1_blob[b::header::layer_count]; }
}  // namespace

TEST_CASE(the_untouched_golden_blob_is_accepted) {
  reset();
  CHECK(!rejected(sizeof work));
}

TEST_CASE(every_truncation_is_rejected) {
  reset();
  for (size_t length = 0; length < sizeof work; ++length) CHECK(rejected(length));
}

TEST_CASE(a_padded_blob_is_rejected) {
  alignas(16) static unsigned char longer[sizeof golden_v1_blob + 16];
  memcpy(longer, golden_v1_blob, sizeof golden_v1_blob);
  ember::Model model;
  CHECK(model.load(longer, sizeof longer, arena, sizeof arena) == ember::Status::size_mismatch);
}

TEST_CASE(every_flipped_header_or_layer_table_byte_is_rejected_or_still_runs) {
  const size_t end = b::kHeaderBytes + layer_count() * b::kLayerEntryBytes;
  for (size_t at = 0; at < end; ++at) {
    for (int recompute = 0; recompute < 2; ++recompute) {
      reset();
      work[at] ^= 0xFF;
      if (recompute) fix_crc();
      // Two flips stay valid by design: a name byte (any non-NUL name is fine, and one flip always leaves a
      // NUL), and a CRC byte when the CRC is recomputed afterwards (which restores the original blob).
      const bool in_name = at >= b::header::model_name && at < b::header::model_name + b::kModelNameBytes;
      const bool in_crc = at >= b::header::crc32 && at < b::header::crc32 + 4;
      const bool harmless = in_name || (in_crc && recompute);
      if (harmless) {
        CHECK(!rejected(sizeof work));
      } else if (!rejected(sizeof work)) {
        printf("  flip of byte %u (crc %s) was accepted\n", (unsigned)at, recompute ? "recomputed" : "as is");
        CHECK(false);
      }
    }
  }
}

TEST_CASE(a_flipped_layer_table_byte_without_crc_fix_fails_the_crc) {
  reset();
  work[b::kHeaderBytes + 5] ^= 0x01;
  ember::Model model;
  CHECK(model.load(work, sizeof work, arena, sizeof arena) == ember::Status::crc_mismatch);
}

TEST_CASE(every_offset_length_and_width_field_at_edge_values_is_rejected) {
  static Field fields[8 + 8 * b::kMaxLayers];
  size_t n = 0;
  fields[n++] = {b::header::total_bytes, 4};
  fields[n++] = {b::header::layer_count, 2};
  fields[n++] = {b::header::input_width, 2};
  fields[n++] = {b::header::output_width, 2};
  fields[n++] = {b::header::arena_bytes, 4};
  fields[n++] = {b::header::layer_table_offset, 4};
  fields[n++] = {b::header::norm_offset, 4};
  fields[n++] = {b::header::norm_bytes, 4};
  static Field more[] = {{b::header::params_offset, 4}, {b::header::params_bytes, 4}, {b::header::parameter_count, 4}};
  for (unsigned k = 0; k < layer_count(); ++k) {
    const size_t e = b::kHeaderBytes + k * b::kLayerEntryBytes;
    fields[n++] = {e + b::layer::in_width, 2};
    fields[n++] = {e + b::layer::out_width, 2};
    fields[n++] = {e + b::layer::weights_offset, 4};
    fields[n++] = {e + b::layer::weights_bytes, 4};
    fields[n++] = {e + b::layer::bias_offset, 4};
    fields[n++] = {e + b::layer::bias_bytes, 4};
  }
  for (const Field& f : more) fields[n++] = f;
  const uint32_t size = sizeof work;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t max = fields[i].width == 2 ? 0xFFFFu : 0xFFFFFFFFu;
    const uint32_t values[] = {0, 1, max, size, size + 1, size + 16, max - 15};
    for (uint32_t v : values) {
      for (int recompute = 0; recompute < 2; ++recompute) {
        reset();
        const uint32_t original = work[fields[i].offset] | (work[fields[i].offset + 1] << 8) |
                                  (fields[i].width == 4 ? (work[fields[i].offset + 2] << 16) | ((uint32_t)work[fields[i].offset + 3] << 24) : 0);
        if ((v & max) == original) continue;  // not a change
        put(fields[i].offset, fields[i].width, v);
        if (recompute) fix_crc();
        CHECK(rejected(sizeof work));
      }
    }
  }
}

TEST_CASE(reserved_int8_codes_are_rejected_with_their_own_status) {
  ember::Model model;
  reset();
  work[b::kHeaderBytes + b::layer::kind] = 2;
  fix_crc();
  CHECK(model.load(work, sizeof work, arena, sizeof arena) == ember::Status::unsupported_layer_kind);
  reset();
  work[b::kHeaderBytes + b::layer::element_type] = 1;
  fix_crc();
  CHECK(model.load(work, sizeof work, arena, sizeof arena) == ember::Status::unsupported_element_type);
  reset();
  work[b::kHeaderBytes + b::layer::activation] = 9;
  fix_crc();
  CHECK(model.load(work, sizeof work, arena, sizeof arena) == ember::Status::unsupported_activation);
}

TEST_CASE(non_finite_or_zero_standardization_is_rejected) {
  const uint32_t norm = golden_v1_blob[b::header::norm_offset] | (golden_v1_blob[b::header::norm_offset + 1] << 8);
  const uint32_t bad[] = {0x7F800000u /* +inf */, 0x7FC00000u /* nan */, 0x00000000u /* zero scale */};
  for (uint32_t bits : bad) {
    reset();
    put(norm + 4 * 5, 4, bits);  // input_scale[0]
    fix_crc();
    ember::Model model;
    CHECK(model.load(work, sizeof work, arena, sizeof arena) == ember::Status::bad_standardization);
  }
}

TEST_CASE(wrong_magic_version_and_misaligned_pointers_get_their_own_status) {
  ember::Model model;
  reset();
  work[0] = 'X';
  CHECK(model.load(work, sizeof work, arena, sizeof arena) == ember::Status::bad_magic);
  reset();
  work[b::header::format_version] = 2;
  CHECK(model.load(work, sizeof work, arena, sizeof arena) == ember::Status::unsupported_version);
  reset();
  CHECK(model.load(work + 1, sizeof work - 1, arena, sizeof arena) == ember::Status::misaligned_blob);
  CHECK(model.load(nullptr, sizeof work, arena, sizeof arena) == ember::Status::null_argument);
}
