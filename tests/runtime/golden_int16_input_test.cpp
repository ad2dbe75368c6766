// Layer kind 3 (dense int8 with an int16 input, ember/dense_s16x8.hpp): the golden blob
// tests/data/golden_v2_int16_input.ember gives on every target exactly the host runtime's output bits,
// its arena is the op contract's largest step, and the kernel computes its definition.
#include <string.h>

#include "ember/dense_s16x8.hpp"
#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"
#include "ember/model.hpp"
#include "golden_v2_int16_input_blob.h"
#include "golden_v2_int16_input_reference.h"
#include "unit_test.hpp"

TEST_CASE(golden_int16_input_blob_gives_the_hosts_output_bits_on_every_target) {
  static float arena[64];
  ember::Model model;
  REQUIRE(model.load(golden_v2_int16_input_blob, sizeof golden_v2_int16_input_blob, arena, sizeof arena) ==
          ember::Status::ok);
  for (int r = 0; r < golden_int16_input_rows; ++r) {
    float y[3];
    CHECK(model.run(&golden_int16_input_inputs[5 * r], y) == ember::Status::ok);
    for (int j = 0; j < 3; ++j) {
      uint32_t bits;
      memcpy(&bits, &y[j], 4);
      if (bits != golden_int16_input_output_bits[3 * r + j]) {
        printf("  row %d output %d: bits 0x%08x, host 0x%08x\n", r, j, (unsigned)bits,
               (unsigned)golden_int16_input_output_bits[3 * r + j]);
        CHECK(false);
      }
    }
  }
}

TEST_CASE(the_int16_input_arena_counts_two_bytes_per_input_and_the_kernel_scratch) {
  // As golden v2 (golden_int8_test.cpp), but layer 0 takes 5 int16 inputs: 12 + 8, and kind 2's scratch
  // (its kernel reorders the input, blob format v3).
  auto scratch = [](uint32_t in) { return (ember::dense_s8_scratch_bytes(in) + 3u) & ~3u; };
  uint32_t steps[] = {12 + 8 + scratch(5), 40, 56, 32, 8 + 4 + scratch(6), 4 + 4 + scratch(4)};
  uint32_t largest = 0;
  for (uint32_t s : steps) largest = s > largest ? s : largest;
  ember::ModelInfo info;
  REQUIRE(ember::inspect_blob(golden_v2_int16_input_blob, sizeof golden_v2_int16_input_blob, &info) ==
          ember::Status::ok);
  CHECK(info.arena_bytes == (largest + 15u) / 16u * 16u);
}

TEST_CASE(dense_s16x8_is_its_definition_at_the_int16_extremes) {
  // Two outputs over three inputs at ±32767/−32768 and weights at ±127: the accumulator reaches ±12.5
  // million (no wrap), requantized by 0.75 · 2^−16, offset by 3.
  const int16_t x[3] = {32767, -32768, 12345};
  const int8_t w[6] = {127, -127, 5, -128, 127, -1};
  const int32_t bias[2] = {1000, -70000};
  const int32_t multiplier[2] = {(int32_t)(3u << 29), (int32_t)(3u << 29)};  // 0.75 in Q31
  const int8_t shift[2] = {-16, -16};
  ember::DenseS16x8Params params{3, -128, 127};
  int8_t y[2];
  ember::dense_s16x8_reference(w, bias, multiplier, shift, x, y, 3, 2, params);
  for (int o = 0; o < 2; ++o) {
    int64_t acc = bias[o];
    for (int i = 0; i < 3; ++i) acc += (int64_t)x[i] * w[3 * o + i];
    int64_t v = (int64_t)ember::requantize((int32_t)acc, multiplier[o], shift[o]) + params.output_offset;
    v = v < -128 ? -128 : v > 127 ? 127 : v;
    CHECK(y[o] == (int8_t)v);
  }
  CHECK(y[0] == 99);   // 0.75 · 8,385,670 / 65536 = 95.96 → 96, + 3
  CHECK(y[1] == -94);  // 0.75 · −8,438,057 / 65536 = −96.57 → −97, + 3
}

TEST_CASE(dense_s16x8_gives_the_references_bits_on_random_layers) {
  // Odd and even output counts (the two-rows-per-pass tail), inputs over the whole int16 range, biases and
  // shifts across their ranges (positive shifts saturate), ReLU clamps and plain ones.
  uint32_t state = 12345u;
  auto next = [&state]() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  int8_t w[9 * 7];
  int32_t bias[7], multiplier[7];
  int8_t shift[7];
  int16_t x[9];
  for (uint32_t trial = 0; trial < 200; ++trial) {
    const uint32_t in = 1 + trial % 9, out = 1 + (trial / 9) % 7;
    for (uint32_t i = 0; i < in * out; ++i) w[i] = (int8_t)(int32_t)(next() % 256 - 128);
    for (uint32_t i = 0; i < in; ++i) x[i] = (int16_t)(int32_t)(next() % 65536 - 32768);
    for (uint32_t o = 0; o < out; ++o) {
      bias[o] = (int32_t)(next() % 2000001) - 1000000;
      multiplier[o] = (int32_t)((1u << 30) + next() % (1u << 30));
      shift[o] = (int8_t)(int32_t)(next() % 47 - 31);  // −31 … 15, inside the format's −31 … 30
    }
    const int32_t zero = (int32_t)(next() % 256) - 128;
    const ember::DenseS16x8Params params{zero, trial % 2 ? zero : -128, 127};
    int8_t got[7], want[7];
    alignas(4) uint8_t packed[12 * 8];  // the blob's blocks (ember/dense_s8_layout.hpp)
    alignas(4) uint8_t scratch[2 * 12];
    ember::dense_s8_pack_weights(w, in, out, packed);
    ember::dense_s16x8(packed, bias, multiplier, shift, x, got, in, out, params, scratch);
    ember::dense_s16x8_reference(w, bias, multiplier, shift, x, want, in, out, params);
    CHECK(memcmp(got, want, out) == 0);
  }
}

