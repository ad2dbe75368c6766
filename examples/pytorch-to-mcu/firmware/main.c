/* The PyTorch digits MLP on a Cortex-M: load the imported blob from flash, run the 100 held-out rows and
 * compare every class probability with PyTorch's (|ember − pytorch| <= 1e-5 · |pytorch| + 1e-7, the floor for
 * probabilities that are nearly zero). Exit status 0 only if all 1,000 match. */
#include <stdio.h>

#include "digits_model.h"
#include "digits_reference.h"
#include "ember/ember.h"

static ember_model model;
static float arena[DIGITS_MODEL_ARENA_BYTES / sizeof(float)];

static int matches_pytorch(float device, float pytorch) {
  const float difference = device > pytorch ? device - pytorch : pytorch - device;
  const float magnitude = pytorch < 0.0f ? -pytorch : pytorch;
  return difference <= 1e-5f * magnitude + 1e-7f;
}

int main(void) {
  if (ember_load(&model, digits_model, digits_model_len, arena, sizeof arena) != EMBER_OK) {
    puts("pytorch_digits: ember_load failed");
    return 2;
  }
  unsigned mismatches = 0;
  for (unsigned r = 0; r < DIGITS_TEST_ROWS; ++r) {
    float p[DIGITS_MODEL_OUTPUT_WIDTH];
    if (ember_run(&model, &digits_test_inputs[r * DIGITS_MODEL_INPUT_WIDTH], p) != EMBER_OK) {
      puts("pytorch_digits: ember_run failed");
      return 2;
    }
    for (unsigned j = 0; j < DIGITS_MODEL_OUTPUT_WIDTH; ++j)
      mismatches += !matches_pytorch(p[j], digits_pytorch_outputs[r * DIGITS_MODEL_OUTPUT_WIDTH + j]);
  }
  puts(mismatches == 0 ? "pytorch_digits: PASS, all 1000 outputs match PyTorch within 1e-5 relative"
                       : "pytorch_digits: FAIL, an output differs from PyTorch's beyond 1e-5 relative");
  return mismatches == 0 ? 0 : 1;
}
