// Layer kind 4 (dense int8 with a float32 output, ember/dense_s8_float_output.hpp): the golden blob
// tests/data/golden_v3_float_output.ember gives on every target exactly the host runtime's output bits, its
// arena is the op contract's largest step, and the layer computes its definition (integer sum, then one
// float32 multiply). The rules of its entry: blob_rules_test.cpp.
#include <string.h>

#include "ember/dense_s8.hpp"
#include "ember/dense_s8_float_output.hpp"
#include "ember/model.hpp"
#include "golden_v3_float_output_blob.h"
#include "golden_v3_float_output_reference.h"
#include "unit_test.hpp"

namespace {
using ember::Status;

// The golden blob needs 64 bytes of arena; small, for the 16 KB of RAM of the Cortex-M0 (the rules of its
// entry are in blob_rules_test.cpp, which has a work copy of the golden blobs already).
float arena[16];
constexpr unsigned kLast = 3;  // the golden model's kind 4 layer

uint32_t float_bits(float v) {
  uint32_t bits;
  memcpy(&bits, &v, 4);
  return bits;
}
}  // namespace

TEST_CASE(golden_float_output_blob_gives_the_hosts_output_bits_on_every_target) {
  ember::Model model;
  REQUIRE(model.load(golden_v3_float_output_blob, sizeof golden_v3_float_output_blob, arena, sizeof arena) ==
          Status::ok);
  for (int r = 0; r < golden_float_output_rows; ++r) {
    float y[3];
    CHECK(model.run(&golden_float_output_inputs[5 * r], y) == Status::ok);
    for (int j = 0; j < 3; ++j) {
      if (float_bits(y[j]) != golden_float_output_output_bits[3 * r + j]) {
        printf("  row %d output %d: bits 0x%08x, host 0x%08x\n", r, j, (unsigned)float_bits(y[j]),
               (unsigned)golden_float_output_output_bits[3 * r + j]);
        CHECK(false);
      }
    }
  }
  float batch[8 * 3];
  CHECK(model.run_batch(golden_float_output_inputs, 8, batch) == Status::ok);
  CHECK(memcmp(batch, golden_float_output_output_bits, sizeof batch) == 0);
}

TEST_CASE(the_float_output_layer_takes_int8_codes_and_gives_four_bytes_per_output) {
  // Golden v2's steps (golden_int8_test.cpp), the last one now 4 int8 inputs + 3 float32 outputs, no scratch.
  auto scratch = [](uint32_t in) { return (ember::dense_s8_scratch_bytes(in) + 3u) & ~3u; };
  const uint32_t steps[] = {8 + 8 + scratch(5), 40, 56, 32, 8 + 4 + scratch(6), 4 + 12};
  uint32_t largest = 0;
  for (uint32_t s : steps) largest = s > largest ? s : largest;
  ember::ModelInfo info;
  REQUIRE(ember::inspect_blob(golden_v3_float_output_blob, sizeof golden_v3_float_output_blob, &info) == Status::ok);
  CHECK(info.arena_bytes == (largest + 15u) / 16u * 16u);
  ember::Model model;
  REQUIRE(model.load(golden_v3_float_output_blob, sizeof golden_v3_float_output_blob, arena, sizeof arena) ==
          Status::ok);
  const ember::LayerView l = model.layer(kLast);
  CHECK(l.is_int8 && l.float_output && l.multiplier == nullptr && l.output_scales != nullptr);
  CHECK(l.output_scale == 0.0f && l.output_zero_point == 0);
}

TEST_CASE(dense_s8_float_output_is_its_definition_on_random_layers) {
  // Widths 1 … 9 × 1 … 7, every input code and zero point, biases up to ±2^30 and a few sums that wrap:
  // the integer sum (64-bit here, reduced modulo 2^32), the relu on it, then one float32 multiply.
  uint32_t state = 4242u;
  auto next = [&state]() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  int8_t w[9 * 7], x[9];
  int32_t bias[7];
  float scale[7], got[7];
  for (uint32_t trial = 0; trial < 300; ++trial) {
    const uint32_t in = 1 + trial % 9, out = 1 + (trial / 9) % 7;
    for (uint32_t i = 0; i < in * out; ++i) w[i] = (int8_t)(int32_t)(next() % 256 - 128);
    for (uint32_t i = 0; i < in; ++i) x[i] = (int8_t)(int32_t)(next() % 256 - 128);
    for (uint32_t o = 0; o < out; ++o) {
      bias[o] = trial % 10 == 9 ? (int32_t)(0x7FFFFF00u + next() % 256) : (int32_t)(next() % (1u << 31)) - (1 << 30);
      scale[o] = (float)(1 + next() % 1000) * 1e-6f;
    }
    const int32_t offset = 128 - (int32_t)(next() % 256);  // −input zero point
    const bool relu = trial % 2 == 1;
    ember::dense_s8_float_output(w, bias, scale, x, got, in, out, offset, relu);
    for (uint32_t o = 0; o < out; ++o) {
      int64_t acc = bias[o];
      for (uint32_t i = 0; i < in; ++i) acc += (int64_t)w[o * in + i] * ((int64_t)x[i] + offset);
      int32_t wrapped = (int32_t)(uint32_t)(uint64_t)acc;
      if (relu && wrapped < 0) wrapped = 0;
      const float want = scale[o] * (float)wrapped;
      CHECK(float_bits(got[o]) == float_bits(want));
    }
  }
}

TEST_CASE(dense_s8_float_output_at_the_extremes) {
  // 127 · (127 + 128) · 3 + 2^24 + 2 = 16,874,373: odd and past 2^24, so the conversion to float32 rounds,
  // the tie to the even neighbour 16,874,372.
  const int8_t w[3] = {127, 127, 127};
  const int8_t x[3] = {127, 127, 127};
  const int32_t bias[1] = {(1 << 24) + 2};
  const float scale[1] = {1.0f};
  float y[1];
  ember::dense_s8_float_output(w, bias, scale, x, y, 3, 1, 128, false);
  CHECK(y[0] == 16874372.0f);
  // A negative accumulator under relu gives +0, not −0.
  const int32_t negative[1] = {-1000000};
  ember::dense_s8_float_output(w, negative, scale, x, y, 3, 1, 0, true);
  CHECK(float_bits(y[0]) == 0u);
  ember::dense_s8_float_output(w, negative, scale, x, y, 3, 1, 0, false);
  CHECK(y[0] == (float)(-1000000 + 3 * 127 * 127));
}
