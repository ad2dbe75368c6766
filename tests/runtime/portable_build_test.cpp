// Built only into runtime_unit_tests_portable: the same runtime sources compiled with EMBER_PORTABLE_KERNELS,
// so an AVX2 host runs the portable (vector-extension) tile and single-sample kernels that it would otherwise
// skip. There they must give run()'s bits too (issue 14: 24 % of the portable batch kernel's lines ran).
#include <string.h>

#include "ember/dense_f32_tile.hpp"
#include "ember/model.hpp"
#include "golden_v1_blob.h"
#include "model_5d_blob.h"
#include "unit_test.hpp"

namespace {
// 37 samples: two whole tiles, then a partial tile of 5 (below the partial-tile threshold: run one by one).
// 45 samples: two tiles and a partial tile of 13 that goes through the tile kernel.
constexpr size_t kMaxSamples = 45;
float arena[4096];
float inputs[kMaxSamples * 8], batch[kMaxSamples * 4], single[4];

uint32_t state = 2024u;
float next_value() {
  state = state * 1664525u + 1013904223u;
  return (float)(state >> 8) / 4194304.0f - 2.0f;
}

void expect_run_batch_equals_run(const unsigned char* blob, size_t bytes, size_t samples) {
  ember::Model model;
  REQUIRE(model.load(blob, bytes, arena, sizeof arena) == ember::Status::ok);
  REQUIRE(model.input_width() <= 8 && model.output_width() <= 4 && samples <= kMaxSamples);
  for (size_t i = 0; i < samples * model.input_width(); ++i) inputs[i] = next_value();
  REQUIRE(model.run_batch(inputs, samples, batch) == ember::Status::ok);
  for (size_t s = 0; s < samples; ++s) {
    REQUIRE(model.run(inputs + s * model.input_width(), single) == ember::Status::ok);
    CHECK(memcmp(single, batch + s * model.output_width(), model.output_width() * sizeof(float)) == 0);
  }
}
}  // namespace

TEST_CASE(portable_build_selects_the_portable_tile_kernel) {
  CHECK(strcmp(ember::dense_f32_tile_variant(), "portable") == 0);
}

// The 5D model (5 -> 64 -> 32 -> 16 -> 1, ReLU) has narrow and wide layers; the golden model has tanh.
TEST_CASE(portable_run_batch_equals_run_bit_for_bit) {
  const size_t counts[] = {1, 16, 37, 45};
  for (size_t samples : counts) {
    expect_run_batch_equals_run(model_5d_blob, model_5d_blob_len, samples);
    expect_run_batch_equals_run(golden_v1_blob, golden_v1_blob_len, samples);
  }
}
