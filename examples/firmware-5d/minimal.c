/* The 5D interpolator as a product firmware would integrate it, and nothing more: load the blob from flash,
 * run the 8 test rows, compare with the host runtime's outputs, report pass or fail with puts, and end with
 * that status (0 = every output within 1e-5 relative). No profiler and no printf, so this image measures
 * what Ember costs a firmware in flash and RAM (docs/targets.md). */
#include <stdio.h>

#include "ember/ember.h"
#include "model_5d.h"
#include "model_5d_reference.h"

static ember_model model;
static float arena[MODEL_5D_ARENA_BYTES / sizeof(float)];

/* Relative difference against the host's output, with an absolute floor for outputs near zero; written
 * without fabsf so the image needs nothing from libm. */
static int matches_host(float device, float host) {
  const float difference = device > host ? device - host : host - device;
  const float magnitude = host < 0.0f ? -host : host;
  return difference <= 1e-5f * magnitude + 1e-7f;
}

int main(void) {
  const int status = ember_load(&model, model_5d, model_5d_len, arena, sizeof arena);
  if (status != EMBER_OK) {
    puts("firmware_5d_minimal: ember_load failed:");
    puts(ember_status_message(status));
    return 2;
  }
  int passed = 1;
  for (unsigned r = 0; r < MODEL_5D_TEST_ROWS; ++r) {
    float y[MODEL_5D_OUTPUT_WIDTH];
    if (ember_run(&model, &model_5d_test_inputs[r * MODEL_5D_INPUT_WIDTH], y) != EMBER_OK) {
      puts("firmware_5d_minimal: ember_run failed");
      return 2;
    }
    for (unsigned j = 0; j < MODEL_5D_OUTPUT_WIDTH; ++j) {
      if (!matches_host(y[j], model_5d_host_outputs[r * MODEL_5D_OUTPUT_WIDTH + j])) passed = 0;
    }
  }
  puts(passed ? "firmware_5d_minimal: PASS, 8 of 8 outputs match the host within 1e-5 relative"
              : "firmware_5d_minimal: FAIL, an output differs from the host's beyond 1e-5 relative");
  return passed ? 0 : 1;
}
