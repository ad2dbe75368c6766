/* A grown 5D model with a residual layer (examples/firmware-5d/residual/, from `ember train --grow
 * --grow-residual`) on a microcontroller, as firmware-5d runs its model: the blob stays in flash, loaded
 * with the op set its C header names (the residual-capable dense op), and every output of the 8 test rows,
 * by ember_run and by ember_run_batch, must equal the host runtime's output bit for bit (the reference
 * header writes them with 9 significant digits, which round-trips a float exactly). Exit status 0 and a PASS
 * line when they all do. */
#include <stdio.h>
#include <string.h>

#include "ember/ember.h"
#include "ember/op_set.h"
#include "residual/model_5d.h"
#include "residual/model_5d_reference.h"

static ember_model model;
static float arena[MODEL_5D_ARENA_BYTES / sizeof(float)];
static const ember_op_set ops = MODEL_5D_OP_SET;

static unsigned differing(const float* device, unsigned count) {
  unsigned n = 0;
  for (unsigned i = 0; i < count; ++i)
    if (memcmp(&device[i], &model_5d_host_outputs[i], sizeof(float)) != 0) ++n;
  return n;
}

int main(void) {
  const int status = ember_load_with_ops(&model, model_5d, model_5d_len, arena, sizeof arena, &ops);
  if (status != EMBER_OK) {
    printf("residual 5d firmware: load failed: %s\n", ember_status_message(status));
    return 2;
  }
  float single[MODEL_5D_TEST_ROWS * MODEL_5D_OUTPUT_WIDTH];
  for (unsigned r = 0; r < MODEL_5D_TEST_ROWS; ++r)
    if (ember_run(&model, &model_5d_test_inputs[r * MODEL_5D_INPUT_WIDTH], &single[r * MODEL_5D_OUTPUT_WIDTH]) != EMBER_OK)
      return 2;
  float batch[MODEL_5D_TEST_ROWS * MODEL_5D_OUTPUT_WIDTH];
  if (ember_run_batch(&model, model_5d_test_inputs, MODEL_5D_TEST_ROWS, batch) != EMBER_OK) return 2;
  const unsigned count = MODEL_5D_TEST_ROWS * MODEL_5D_OUTPUT_WIDTH;
  const unsigned bad = differing(single, count) + differing(batch, count);
  if (bad != 0) {
    printf("residual 5d firmware: FAIL, %u of %u outputs differ from the host's bits\n", bad, 2 * count);
    return 1;
  }
  printf("residual 5d firmware: PASS, %u of %u outputs (run and run_batch) equal the host's bits\n", 2 * count,
         2 * count);
  return 0;
}
