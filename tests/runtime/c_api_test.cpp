#include <string.h>

#include "ember/ember.h"
#include "ember/status.hpp"
#include "golden_v1_blob.h"
#include "golden_v1_reference.h"
#include "unit_test.hpp"

TEST_CASE(c_api_loads_runs_and_reports_like_the_cpp_api) {
  static ember_model model;
  static float arena[16];
  size_t need = 0;
  REQUIRE(ember_required_arena_bytes(golden_v1_blob, golden_v1_blob_len, &need) == EMBER_OK);
  CHECK(need == 64);
  REQUIRE(ember_load(&model, golden_v1_blob, golden_v1_blob_len, arena, sizeof arena) == EMBER_OK);
  CHECK(ember_input_width(&model) == 5 && ember_output_width(&model) == 3);
  float out[3];
  CHECK(ember_run(&model, golden_v1_inputs, out) == EMBER_OK);
  float pair[6];
  CHECK(ember_run_batch(&model, golden_v1_inputs, 2, pair) == EMBER_OK);
  CHECK(memcmp(pair, out, sizeof out) == 0);
}

TEST_CASE(c_api_status_messages_are_one_line) {
  for (int code = 0; code <= EMBER_INT8_FLOAT_OUTPUT_NOT_LAST; ++code) {
    const char* m = ember_status_message(code);
    REQUIRE(m != 0);
    CHECK(strlen(m) > 0 && strchr(m, '\n') == 0);
  }
  CHECK(ember_load(0, golden_v1_blob, golden_v1_blob_len, 0, 0) != EMBER_OK);
}

TEST_CASE(ember_h_names_every_status_code) {
  // c_api.cpp checks each EMBER_* against the enum at compile time; this checks that none is missing at the
  // end: the code after the last #define is unknown to the runtime.
  CHECK(strcmp(ember::status_name(static_cast<ember::Status>(EMBER_INT8_FLOAT_OUTPUT_NOT_LAST + 1)), "unknown") == 0);
  CHECK(strcmp(ember::status_name(static_cast<ember::Status>(EMBER_INT8_FLOAT_OUTPUT_NOT_LAST)),
               "int8_float_output_not_last") == 0);
  CHECK(EMBER_OP_NOT_LINKED == 26 && EMBER_CRC_MISMATCH == 8);
}
