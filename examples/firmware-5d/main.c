/* The 5D interpolator on a microcontroller: the blob stays in flash where `ember export --format
 * c-header` put it, the arena is a static buffer sized by the header's #define, and the firmware checks
 * its outputs against the host runtime's before printing the profile. Exit status 0 means every output
 * matched within 1e-5 relative. Written in C against ember/ember.h; board details live in targets/. */
#include <math.h>
#include <stdio.h>

#include "ember/ember.h"
#include "ember/probe/profile.h"
#include "ember/target/board.h"
#include "model_5d.h"
#include "model_5d_reference.h"

#define MAX_BATCH 16u

static ember_model model;
static float arena[MODEL_5D_ARENA_BYTES / sizeof(float)];
static float batch_inputs[MAX_BATCH * MODEL_5D_INPUT_WIDTH];
static float batch_outputs[MAX_BATCH * MODEL_5D_OUTPUT_WIDTH];

/* Relative difference against the host's output, with an absolute floor for outputs near zero. */
static int matches_host(float device, float host) {
  return fabsf(device - host) <= 1e-5f * fabsf(host) + 1e-7f;
}

static unsigned check_against_host(void) {
  unsigned mismatches = 0;
  for (unsigned r = 0; r < MODEL_5D_TEST_ROWS; ++r) {
    float y[MODEL_5D_OUTPUT_WIDTH];
    if (ember_run(&model, &model_5d_test_inputs[r * MODEL_5D_INPUT_WIDTH], y) != EMBER_OK) return MODEL_5D_TEST_ROWS;
    for (unsigned j = 0; j < MODEL_5D_OUTPUT_WIDTH; ++j) {
      const float host = model_5d_host_outputs[r * MODEL_5D_OUTPUT_WIDTH + j];
      if (!matches_host(y[j], host)) {
        ++mismatches;
        printf("row %u output %u differs from the host's beyond 1e-5 relative\n", r, j);
      }
    }
  }
  return mismatches;
}

int main(void) {
  /* Load once, timed: the whole validation, CRC-32 included (docs/targets.md gives the figure). */
  const ember_probe_env* env = ember_board_probe_env();
  const uint64_t load_begin = env->now();
  const int status = ember_load(&model, model_5d, model_5d_len, arena, sizeof arena);
  const uint64_t load_end = env->now();
  if (status != EMBER_OK) {
    printf("ember_load: %s\n", ember_status_message(status));
    return 2;
  }
  const unsigned mismatches = check_against_host();
  const int format = ember_board_table_format();
  if (format == EMBER_PROFILE_MARKDOWN) {
    printf("%u of %u outputs match the host within 1e-5 relative\n", MODEL_5D_TEST_ROWS - mismatches, MODEL_5D_TEST_ROWS);
    printf("ember_load took %lu %s\n\n", (unsigned long)(load_end - load_begin), env->unit);
  }

  const ember_profile_request request = {model_5d_test_inputs, MODEL_5D_TEST_ROWS, batch_inputs, batch_outputs,
                                         MAX_BATCH, arena, sizeof arena};
  const int profiled = ember_profile_print(&model, &request, ember_board_probe_env(),
                                           format, ember_board_write, 0);
  if (profiled != EMBER_OK) printf("profile: %s\n", ember_status_message(profiled));
  return mismatches == 0 && profiled == EMBER_OK ? 0 : 1;
}
