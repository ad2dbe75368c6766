// run_batch with caller-owned scratch (issue 16): the batched kernel's memory is sized by
// batch_scratch_bytes() like every other buffer of the runtime, and the results are run()'s bits.
#include <string.h>

#include "ember/dense_f32_tile.hpp"
#include "ember/model.hpp"
#include "golden_v1_blob.h"
#include "golden_v1_reference.h"
#include "unit_test.hpp"

namespace {
float arena[16];
// More than golden v1 needs on hosts (14 widths x 16 samples); a token buffer where no batched kernel runs.
alignas(16) float scratch[ember::kDenseTileScratchFloats > 0 ? 16 * 16 : 4];
float one_by_one[8 * 3], batched[8 * 3], with_scratch[8 * 3];
}  // namespace

TEST_CASE(batch_scratch_bytes_is_sixteen_samples_of_the_widest_adjacent_pair) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  // Golden v1 widths 5, 8, 6, 4, 3: the widest pair is 8 + 6. Builds without a batched kernel need none.
  CHECK(model.batch_scratch_bytes() == (ember::kDenseTileScratchFloats > 0 ? 14u * 16u * 4u : 0u));
}

TEST_CASE(run_batch_with_caller_scratch_gives_runs_bits) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  for (int r = 0; r < 8; ++r) CHECK(model.run(&golden_v1_inputs[5 * r], &one_by_one[3 * r]) == ember::Status::ok);
  CHECK(model.run_batch(golden_v1_inputs, 8, batched) == ember::Status::ok);
  CHECK(model.run_batch(golden_v1_inputs, 8, with_scratch, scratch, model.batch_scratch_bytes()) ==
        ember::Status::ok);
  CHECK(memcmp(one_by_one, batched, sizeof batched) == 0);
  CHECK(memcmp(one_by_one, with_scratch, sizeof with_scratch) == 0);
}

TEST_CASE(run_batch_refuses_scratch_that_is_short_or_misaligned) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  if (model.batch_scratch_bytes() == 0) return;  // no batched kernel on this build: no scratch to check
  CHECK(model.run_batch(golden_v1_inputs, 8, with_scratch, scratch, model.batch_scratch_bytes() - 4) ==
        ember::Status::arena_too_small);
  CHECK(model.run_batch(golden_v1_inputs, 8, with_scratch, nullptr, 0) == ember::Status::arena_too_small);
  CHECK(model.run_batch(golden_v1_inputs, 8, with_scratch, scratch + 1, sizeof scratch - 4) ==
        ember::Status::bad_argument);
}
