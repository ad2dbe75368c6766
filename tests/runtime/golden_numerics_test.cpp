// The golden blob, run by the runtime on this platform, against double-precision reference outputs stored
// with it (tests/data/golden_v1_reference.h). Runs on the host and on every target.
#include <math.h>
#include <string.h>

#include "ember/model.hpp"
#include "golden_v1_blob.h"
#include "golden_v1_reference.h"
#include "unit_test.hpp"

namespace {
alignas(16) unsigned char blob_copy[sizeof golden_v1_blob];
float arena[64];
}  // namespace

TEST_CASE(golden_blob_loads_and_reports_its_shape) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  CHECK(model.input_width() == 5);
  CHECK(model.output_width() == 3);
  CHECK(model.layer_count() == 4);
  CHECK(model.arena_bytes() == 64);
  CHECK(strcmp(model.info().name, "golden-v1") == 0);
}

TEST_CASE(golden_blob_outputs_match_the_double_reference_within_1e_5_relative) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  for (int r = 0; r < golden_v1_rows; ++r) {
    float out[3];
    REQUIRE(model.run(golden_v1_inputs + 5 * r, out) == ember::Status::ok);
    for (int j = 0; j < 3; ++j) {
      const double want = golden_v1_outputs[3 * r + j];
      CHECK(fabs(out[j] - want) <= 1e-5 * fabs(want) + 1e-7);
    }
  }
}

TEST_CASE(run_batch_equals_run_row_by_row) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  float batch[3 * 8], single[3];
  REQUIRE(model.run_batch(golden_v1_inputs, (size_t)golden_v1_rows, batch) == ember::Status::ok);
  for (int r = 0; r < golden_v1_rows; ++r) {
    REQUIRE(model.run(golden_v1_inputs + 5 * r, single) == ember::Status::ok);
    for (int j = 0; j < 3; ++j) CHECK(batch[3 * r + j] == single[j]);
  }
}

TEST_CASE(model_runs_from_a_blob_copy_at_another_address) {
  memcpy(blob_copy, golden_v1_blob, sizeof blob_copy);
  ember::Model a, b;
  REQUIRE(a.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  float arena_b[16];
  REQUIRE(b.load(blob_copy, sizeof blob_copy, arena_b, sizeof arena_b) == ember::Status::ok);
  float ya[3], yb[3];
  a.run(golden_v1_inputs, ya);
  b.run(golden_v1_inputs, yb);
  CHECK(memcmp(ya, yb, sizeof ya) == 0);
}

namespace {
struct ObserverLog {
  int begins = 0, ends = 0;
  uint16_t last_width = 0;
};
void observe(void* context, uint16_t, ember::LayerPhase phase, const float*, uint16_t width) {
  ObserverLog* log = static_cast<ObserverLog*>(context);
  (phase == ember::LayerPhase::begin ? log->begins : log->ends) += 1;
  log->last_width = width;
}
}  // namespace

TEST_CASE(observer_sees_every_layer_begin_and_end) {
  ember::Model model;
  REQUIRE(model.load(golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == ember::Status::ok);
  ObserverLog log;
  model.set_observer(observe, &log);
  float out[3];
  model.run(golden_v1_inputs, out);
  CHECK(log.begins == 4 && log.ends == 4);
  CHECK(log.last_width == 3);
}

TEST_CASE(unloaded_model_refuses_to_run) {
  ember::Model model;
  float in[5] = {0}, out[3];
  CHECK(model.run(in, out) == ember::Status::not_loaded);
  CHECK(model.load(golden_v1_blob, golden_v1_blob_len, arena, 32) == ember::Status::arena_too_small);
  CHECK(!model.loaded());
  CHECK(model.run(in, out) == ember::Status::not_loaded);
}
