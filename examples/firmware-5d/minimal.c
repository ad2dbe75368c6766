/* The 5D interpolator as a product firmware would integrate it, and nothing more: load the blob from flash,
 * run the 8 test rows, compare with the host runtime's outputs, report pass or fail with puts, and end with
 * that status (0 = every output within 1e-5 relative). No profiler and no printf, so this image measures
 * what Ember costs a firmware in flash and RAM (docs/targets.md). */
#include <stdio.h>

#include "ember/ember.h"
#include "ember/op_set.h"
/* The float model by default; the int8 image (firmware_5d_minimal_int8) names the int8 blob's headers, which
 * regenerate.sh writes under the same C symbols. */
#ifndef MODEL_5D_HEADER
#define MODEL_5D_HEADER "model_5d.h"
#define MODEL_5D_REFERENCE_HEADER "model_5d_reference.h"
#endif
#include MODEL_5D_HEADER
#include MODEL_5D_REFERENCE_HEADER

#ifndef EMBER_MINIMAL_BASELINE
static ember_model model;
static float arena[MODEL_5D_ARENA_BYTES / sizeof(float)];
/* The ops this ReLU model uses, as `ember export --format c-header` wrote them: dense float32 (or int8),
 * identity and ReLU; nothing else is linked. */
static const ember_op_set ops = MODEL_5D_OP_SET;
static int load(void) { return ember_load_with_ops(&model, model_5d, model_5d_len, arena, sizeof arena, &ops); }
static int run(const float* x, float* y) { return ember_run(&model, x, y); }
#else
/* The same image without Ember (and without the blob): the reference that load + run's code flash is
 * measured against (docs/targets.md). Built as firmware_5d_minimal_baseline; it is not a test. The statuses
 * come from a volatile, so the compiler keeps main's failure branches and their messages here as in the
 * image with Ember: they are main's bytes, not load + run's. */
static volatile int baseline_status = EMBER_OK;
static int load(void) { return baseline_status; }
static int run(const float* x, float* y) {
  y[0] = x[0];
  return baseline_status;
}
#endif

/* Relative difference against the host's output, with an absolute floor for outputs near zero; written
 * without fabsf so the image needs nothing from libm. */
static int matches_host(float device, float host) {
  const float difference = device > host ? device - host : host - device;
  const float magnitude = host < 0.0f ? -host : host;
  return difference <= 1e-5f * magnitude + 1e-7f;
}

int main(void) {
  /* A failed load ends with its status code as the exit status; ember_status_message() would explain it, but
   * its sentences (about 2 KB) are not part of load + run and a product prints them where it has a console. */
  const int status = load();
  if (status != EMBER_OK) {
    puts("firmware_5d_minimal: ember_load failed; the exit status is its code");
    return status;
  }
  int passed = 1;
  for (unsigned r = 0; r < MODEL_5D_TEST_ROWS; ++r) {
    float y[MODEL_5D_OUTPUT_WIDTH];
    if (run(&model_5d_test_inputs[r * MODEL_5D_INPUT_WIDTH], y) != EMBER_OK) {
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
