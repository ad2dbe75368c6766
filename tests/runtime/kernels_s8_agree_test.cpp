// dense_s8 (the build this target runs: DSP extension on M4/M7/M33, SIMD on hosts, portable elsewhere)
// must give dense_s8_reference's bytes on every layer: random weights, inputs and biases over many widths
// (odd ones and ones that leave 1-3 inputs or rows past the blocks of 4), weight rows and inputs at every
// byte alignment, every shift from -31 to 30, multipliers at both ends of their range [2^30, 2^31 - 1]
// (the validator refuses others), fast and slow requantization mixed in a group of four rows, extreme
// offsets, biases that make the int32 sum wrap, clamps that saturate, and accumulators at the int32
// limits. dense_s8 reads the weights in the blob's layout (ember/dense_s8_layout.hpp), packed from the
// reference's rows.
#include <string.h>

#include "ember/dense_s16x8.hpp"
#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"
#include "unit_test.hpp"

namespace {
constexpr uint32_t kMaxIn = 35, kMaxOut = 13;  // small enough for the Cortex-M0's 16 KB of RAM
// Weights and input sit 0-3 bytes past an aligned start; outputs and scratch have guard bytes after them.
alignas(4) int8_t weight_buffer[kMaxIn * kMaxOut + 4];
alignas(4) int8_t input_buffer[kMaxIn + 4];
int32_t bias[kMaxOut], multiplier[kMaxOut];
int8_t shift[kMaxOut], want[kMaxOut], got[kMaxOut + 4];
alignas(4) uint8_t scratch[2 * kMaxIn + 4 + 16];
alignas(4) uint8_t packed[(kMaxIn + 3) * (kMaxOut + 3)];

uint32_t state = 777u;
uint32_t next() {
  state = state * 1664525u + 1013904223u;
  return state >> 1;
}
int8_t next_s8() { return static_cast<int8_t>(static_cast<int32_t>(next() % 256u) - 128); }

const uint32_t kIns[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 24, 31, 32, 33, 35};
const uint32_t kOuts[] = {1, 2, 3, 4, 5, 7, 8, 11, 13};

// One layer's parameters; `variant` picks the offsets, clamp and requantization ranges.
ember::DenseS8Params fill(uint32_t in, uint32_t out, uint32_t variant, int8_t* w, int8_t* x) {
  for (uint32_t i = 0; i < in * out; ++i) w[i] = next_s8();
  for (uint32_t i = 0; i < in; ++i) x[i] = next_s8();
  for (uint32_t o = 0; o < out; ++o) {
    switch (variant % 4) {
      case 0:  // typical: sums of a few thousand, multipliers in range, scales 2^-2 .. 2^-12
        bias[o] = static_cast<int32_t>(next() % 20001u) - 10000;
        multiplier[o] = static_cast<int32_t>((1u << 30) + next() % (1u << 30));
        shift[o] = static_cast<int8_t>(-2 - static_cast<int32_t>(next() % 11u));
        break;
      case 1:  // every shift, multipliers at the ends of [2^30, 2^31 - 1]
        bias[o] = static_cast<int32_t>(next() % 2000001u) - 1000000;
        multiplier[o] = (next() & 1u) ? (int32_t{1} << 30) : INT32_MAX;
        shift[o] = static_cast<int8_t>(static_cast<int32_t>((o + variant) % 62u) - 31);
        break;
      case 2:  // biases near the int32 limits: the sum wraps; positive shifts saturate
        bias[o] = (next() & 1u) ? INT32_MAX - static_cast<int32_t>(next() % 1000u)
                                : INT32_MIN + static_cast<int32_t>(next() % 1000u);
        multiplier[o] = static_cast<int32_t>((1u << 30) + next() % (1u << 30));
        shift[o] = static_cast<int8_t>(static_cast<int32_t>(next() % 62u) - 31);
        break;
      default:  // shifts at the fast path's edge (-2) mixed within each group of four rows
        bias[o] = static_cast<int32_t>(next() % 200001u) - 100000;
        multiplier[o] = static_cast<int32_t>((1u << 30) + next() % (1u << 30));
        shift[o] = static_cast<int8_t>(-3 + static_cast<int32_t>(next() % 5u));
        break;
    }
  }
  const int32_t input_offsets[] = {-127, 0, 128, static_cast<int32_t>(next() % 256u) - 127};
  const int32_t output_offsets[] = {-128, 0, 127, static_cast<int32_t>(next() % 256u) - 128};
  ember::DenseS8Params p;
  p.input_offset = input_offsets[(variant / 4) % 4];
  p.output_offset = output_offsets[(variant / 2) % 4];
  switch ((variant / 3) % 3) {
    case 0:
      p.activation_min = -128;
      p.activation_max = 127;
      break;  // identity, or ReLU with zero point -128
    case 1:
      p.activation_min = p.output_offset;
      p.activation_max = 127;
      break;  // ReLU
    default:
      p.activation_min = -20;
      p.activation_max = 35;
      break;  // a narrow clamp
  }
  return p;
}
}  // namespace

TEST_CASE(dense_s8_equals_the_reference_on_random_layers_at_every_alignment) {
  uint32_t variant = 0;
  for (uint32_t in : kIns)
    for (uint32_t out : kOuts) {
      const uint32_t align = variant % 4;
      int8_t* w = weight_buffer + align;
      int8_t* x = input_buffer + (3 - align);
      const ember::DenseS8Params params = fill(in, out, variant, w, x);
      ++variant;
      CHECK(ember::dense_s8_scratch_bytes(in) + 16 <= sizeof scratch);
      CHECK(ember::dense_s8_scratch_bytes(in) % 4 == 0);
      memset(got, 0x5A, sizeof got);
      memset(scratch, 0xA5, sizeof scratch);
      ember::dense_s8_reference(w, bias, multiplier, shift, x, want, in, out, params);
      CHECK(ember::dense_s8_weight_bytes(in, out) <= sizeof packed);
      ember::dense_s8_pack_weights(w, in, out, packed);
      ember::dense_s8(packed, bias, multiplier, shift, x, got, in, out, params, scratch);
      CHECK(memcmp(want, got, out) == 0);
      bool guards_intact = true;
      for (uint32_t j = out; j < out + 4; ++j) guards_intact = guards_intact && got[j] == 0x5A;
      for (uint32_t j = ember::dense_s8_scratch_bytes(in); j < sizeof scratch; ++j)
        guards_intact = guards_intact && scratch[j] == 0xA5;
      CHECK(guards_intact);
    }
}

// The extremes of every operand at once: x and w at -128/127, offsets at their ends, so each product and
// x + input_offset take their largest magnitudes.
TEST_CASE(dense_s8_equals_the_reference_at_the_extremes_of_inputs_and_weights) {
  const int8_t values[] = {-128, 127};
  for (uint32_t in : kIns) {
    const uint32_t out = 5;
    for (int8_t wv : values)
      for (int8_t xv : values)
        for (uint32_t k = 0; k < 2; ++k) {
          const int32_t input_offset = k == 0 ? -127 : 128;
          for (uint32_t i = 0; i < in * out; ++i) weight_buffer[i] = wv;
          for (uint32_t i = 0; i < in; ++i) input_buffer[i] = xv;
          for (uint32_t o = 0; o < out; ++o) {
            bias[o] = 0;
            multiplier[o] = INT32_MAX;
            shift[o] = static_cast<int8_t>(-2 - static_cast<int32_t>(o));
          }
          const ember::DenseS8Params params = {input_offset, 0, -128, 127};
          ember::dense_s8_reference(weight_buffer, bias, multiplier, shift, input_buffer, want, in, out, params);
          ember::dense_s8_pack_weights(weight_buffer, in, out, packed);
          ember::dense_s8(packed, bias, multiplier, shift, input_buffer, got, in, out, params, scratch);
          CHECK(memcmp(want, got, out) == 0);
        }
  }
}

// The requantization at its edges: zero weights, so each accumulator is its bias exactly, from INT32_MIN to
// INT32_MAX; multipliers at 2^30 and 2^31 - 1 and next to them; every shift, the same for a whole layer (all
// groups on one path) or varying inside a group; zero points at both ends.
TEST_CASE(dense_s8_equals_the_reference_at_the_edges_of_requantization) {
  const int32_t accumulators[] = {INT32_MIN, INT32_MIN + 1, -(int32_t{1} << 30), -1, 0, 1, int32_t{1} << 30, INT32_MAX};
  const int32_t multipliers[] = {int32_t{1} << 30, (int32_t{1} << 30) + 1, INT32_MAX - 1, INT32_MAX};
  const int32_t zero_points[] = {-128, 0, 127};
  constexpr uint32_t in = 4, out = 8;  // one layer per multiplier: two groups of four rows
  static_assert(out <= kMaxOut, "fits the buffers");
  for (uint32_t i = 0; i < in * out; ++i) weight_buffer[i] = 0;
  for (uint32_t i = 0; i < in; ++i) input_buffer[i] = static_cast<int8_t>(17 * i);
  ember::dense_s8_pack_weights(weight_buffer, in, out, packed);
  for (int32_t m : multipliers)
    for (int32_t s = -32; s <= 30; ++s)  // s = -32: each output its own shift, -31 ... 30 in turn
      for (int32_t zero_point : zero_points) {
        for (uint32_t o = 0; o < out; ++o) {
          bias[o] = accumulators[o];
          multiplier[o] = m;
          shift[o] =
              static_cast<int8_t>(s >= -31 ? s : -31 + static_cast<int32_t>((o * 9u + static_cast<uint32_t>(m)) % 62u));
        }
        const ember::DenseS8Params params = {0, zero_point, -128, 127};
        ember::dense_s8_reference(weight_buffer, bias, multiplier, shift, input_buffer, want, in, out, params);
        ember::dense_s8(packed, bias, multiplier, shift, input_buffer, got, in, out, params, scratch);
        CHECK(memcmp(want, got, out) == 0);
      }
}

// The int16-input layer (kind 3) through the same builds: dense_s16x8 on the blocks against
// dense_s16x8_reference on rows, random int16 inputs including both ends, every width above.
TEST_CASE(dense_s16x8_equals_its_reference_on_random_layers) {
  static int16_t x16[kMaxIn];
  uint32_t variant = 0;
  for (uint32_t in : kIns)
    for (uint32_t out : kOuts) {
      for (uint32_t i = 0; i < in * out; ++i) weight_buffer[i] = next_s8();
      for (uint32_t i = 0; i < in; ++i) {
        const uint32_t r = next();
        x16[i] = r % 7u == 0 ? (r & 8u ? int16_t{32767} : int16_t{-32768})
                             : static_cast<int16_t>(static_cast<int32_t>(r % 65536u) - 32768);
      }
      for (uint32_t o = 0; o < out; ++o) {
        bias[o] = static_cast<int32_t>(next() % 2000001u) - 1000000;
        multiplier[o] = static_cast<int32_t>((1u << 30) + next() % (1u << 30));
        shift[o] = static_cast<int8_t>(variant % 3 == 2 ? static_cast<int32_t>(next() % 62u) - 31
                                                        : -10 - static_cast<int32_t>(next() % 12u));
      }
      const int32_t zero_point = variant % 2 == 0 ? -128 : static_cast<int32_t>(next() % 256u) - 128;
      const ember::DenseS16x8Params params = {zero_point, variant % 4 == 1 ? zero_point : -128, 127};
      ++variant;
      memset(got, 0x5A, sizeof got);
      ember::dense_s16x8_reference(weight_buffer, bias, multiplier, shift, x16, want, in, out, params);
      ember::dense_s8_pack_weights(weight_buffer, in, out, packed);
      ember::dense_s16x8(packed, bias, multiplier, shift, x16, got, in, out, params, scratch);
      CHECK(memcmp(want, got, out) == 0);
      bool guards_intact = true;
      for (uint32_t j = out; j < out + 4; ++j) guards_intact = guards_intact && got[j] == 0x5A;
      CHECK(guards_intact);
    }
}
