// The int8 golden blob (format v3) (float32 and int8 layers mixed) gives on every target exactly the outputs the host
// runtime gave when the blob was written (tests/data/golden_v2_int8_reference.h): int8 layers are integer
// arithmetic defined by dense_s8_reference, float32 layers follow one summation order, and the
// quantize/dequantize boundaries are float32 operations without libm.
#include <string.h>

#include "ember/dense_s8.hpp"
#include "ember/model.hpp"
#include "golden_v2_int8_blob.h"
#include "golden_v2_int8_reference.h"
#include "unit_test.hpp"

TEST_CASE(golden_int8_blob_gives_the_hosts_output_bits_on_every_target) {
  static float arena[64];
  ember::Model model;
  REQUIRE(model.load(golden_v2_int8_blob, sizeof golden_v2_int8_blob, arena, sizeof arena) == ember::Status::ok);
  CHECK(model.info().format_version == 3);
  for (int r = 0; r < golden_v2_rows; ++r) {
    float y[3];
    CHECK(model.run(&golden_v2_inputs[5 * r], y) == ember::Status::ok);
    for (int j = 0; j < 3; ++j) {
      uint32_t bits;
      memcpy(&bits, &y[j], 4);
      if (bits != golden_v2_output_bits[3 * r + j]) {
        printf("  row %d output %d: bits 0x%08x, host 0x%08x\n", r, j, (unsigned)bits,
               (unsigned)golden_v2_output_bits[3 * r + j]);
        CHECK(false);
      }
    }
  }
}

TEST_CASE(run_batch_equals_run_for_int8_models) {
  static float arena[64];
  ember::Model model;
  REQUIRE(model.load(golden_v2_int8_blob, sizeof golden_v2_int8_blob, arena, sizeof arena) == ember::Status::ok);
  float batch[8 * 3];
  CHECK(model.run_batch(golden_v2_inputs, 8, batch) == ember::Status::ok);
  CHECK(memcmp(batch, golden_v2_output_bits, sizeof batch) == 0);
}

TEST_CASE(the_int8_arena_is_the_largest_step_of_the_op_contract) {
  // Steps of golden v2: quantize into layer 0 takes no step; layer 0 int8 5 -> 8: 8 + 8; conversion
  // int8 -> float32 of 8: 8 + 32 = 40; layer 1 float32 8 -> 6: 32 + 24 = 56; conversion float32 -> int8 of
  // 6: 8 + 24 = 32; layer 2 int8 6 -> 4: 8 + 4; layer 3 int8 4 -> 3: 4 + 4; each int8 layer plus its
  // kernel's dense_s8_scratch_bytes (4-aligned). The largest, rounded up to 16.
  auto scratch = [](uint32_t in) { return (ember::dense_s8_scratch_bytes(in) + 3u) & ~3u; };
  uint32_t steps[] = {8 + 8 + scratch(5), 40, 56, 32, 8 + 4 + scratch(6), 4 + 4 + scratch(4)};
  uint32_t largest = 0;
  for (uint32_t s : steps) largest = s > largest ? s : largest;
  ember::ModelInfo info;
  REQUIRE(ember::inspect_blob(golden_v2_int8_blob, sizeof golden_v2_int8_blob, &info) == ember::Status::ok);
  CHECK(info.arena_bytes == (largest + 15u) / 16u * 16u);
}
