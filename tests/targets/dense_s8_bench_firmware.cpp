// Instruction counts of the int8 dense kernels on the 5D model's shape ([5, 64, 32, 16, 1], 2,896 MACs)
// with random weights and requantization parameters: dense_s8 (this target's build) against the portable
// dense_s8_reference, through the kernels alone (no model around them, so no input quantization or output
// dequantization). Exits 1 if the two builds give different bytes in any layer.
#include <stdio.h>
#include <string.h>

#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"
#include "ember/target/board.h"

namespace {
constexpr uint32_t kWidths[] = {5, 64, 32, 16, 1};
constexpr uint32_t kLayers = 4, kMaxWidth = 64, kRepeats = 50;
constexpr uint32_t kWeights = 5 * 64 + 64 * 32 + 32 * 16 + 16 * 1, kOutputs = 64 + 32 + 16 + 1;

constexpr uint32_t kPackedWeights = 8 * 64 + 64 * 32 + 32 * 16 + 16 * 4;  // padded to blocks of 4 x 4

int8_t weights[kWeights];
alignas(4) uint8_t packed[kPackedWeights];  // the same weights in the blob's layout, for dense_s8
int32_t bias[kOutputs], multiplier[kOutputs];
int8_t shift[kOutputs];
int8_t input[5];
int8_t outputs[2][kLayers][kMaxWidth];  // [reference, dense_s8][layer]
int32_t scratch[kMaxWidth / 2];

uint32_t state = 2026u;
uint32_t next() {
  state = state * 1664525u + 1013904223u;
  return state >> 8;
}

void fill() {
  for (int8_t& w : weights) w = static_cast<int8_t>(static_cast<int32_t>(next() % 255u) - 127);
  for (uint32_t i = 0; i < kOutputs; ++i) {
    bias[i] = static_cast<int32_t>(next() % 4001u) - 2000;
    multiplier[i] = static_cast<int32_t>((1u << 30) + (next() % (1u << 23)) * 128u);
    shift[i] = static_cast<int8_t>(-static_cast<int32_t>(6u + next() % 4u));  // effective scales 2^-7 .. 2^-10
  }
  for (int8_t& v : input) v = static_cast<int8_t>(static_cast<int32_t>(next() % 256u) - 128);
  uint32_t w = 0, p = 0;
  for (uint32_t k = 0; k < kLayers; ++k) {
    ember::dense_s8_pack_weights(weights + w, kWidths[k], kWidths[k + 1], packed + p);
    w += kWidths[k] * kWidths[k + 1];
    p += static_cast<uint32_t>(ember::dense_s8_weight_bytes(kWidths[k], kWidths[k + 1]));
  }
}

// One inference through the four layers. As min/max calibration quantizes a ReLU layer: output zero point
// -128, so the folded ReLU clamp is the whole int8 range.
template <bool Reference>
void infer() {
  const int8_t* src = input;
  uint32_t w = 0, p = 0, b = 0;
  for (uint32_t k = 0; k < kLayers; ++k) {
    int8_t* dst = outputs[Reference ? 0 : 1][k];
    const ember::DenseS8Params params = {k == 0 ? 5 : 128, k + 1 < kLayers ? -128 : 3, -128, 127};
    if (Reference)
      ember::dense_s8_reference(weights + w, bias + b, multiplier + b, shift + b, src, dst, kWidths[k], kWidths[k + 1],
                                params);
    else
      ember::dense_s8(packed + p, bias + b, multiplier + b, shift + b, src, dst, kWidths[k], kWidths[k + 1], params,
                      scratch);
    w += kWidths[k] * kWidths[k + 1];
    p += static_cast<uint32_t>(ember::dense_s8_weight_bytes(kWidths[k], kWidths[k + 1]));
    b += kWidths[k + 1];
    src = dst;
  }
}

template <bool Reference>
unsigned long instructions_per_inference() {
  const ember_probe_env* env = ember_board_probe_env();
  const uint64_t start = env->now();
  for (uint32_t r = 0; r < kRepeats; ++r) infer<Reference>();
  return static_cast<unsigned long>((env->now() - start + kRepeats / 2) / kRepeats);  // newlib-nano prints no floats
}
}  // namespace

int main() {
  fill();
  ember_board_probe_env()->now();  // the first read starts SysTick
  static_assert(sizeof scratch >= 2 * kMaxWidth, "scratch holds the widest layer's input as int16");
  static_assert(sizeof packed == 512 + 2048 + 512 + 64, "every layer's blocks");
  if (ember::dense_s8_scratch_bytes(kMaxWidth) > sizeof scratch) return 2;
  const unsigned long reference = instructions_per_inference<true>();
  const unsigned long kernel = instructions_per_inference<false>();
  const bool same = memcmp(outputs[0], outputs[1], sizeof outputs[0]) == 0;
  printf(
      "dense_s8 on the 5D shape (2896 MACs, %u repeats): reference %lu, dense_s8 %lu instructions per "
      "inference; outputs %s\n",
      static_cast<unsigned>(kRepeats), reference, kernel, same ? "identical" : "DIFFER");
  return same ? 0 : 1;
}
