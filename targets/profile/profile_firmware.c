/* Firmware behind `ember profile --target`: profiles whichever model the host exported into the header
 * named by EMBER_PROFILE_MODEL_HEADER (symbol `profiled_model`), with the same deterministic inputs the
 * host profile uses, and prints the tables (--json: JSON lines, --csv: CSV, default Markdown). */
#include <stdio.h>

#include "ember/ember.h"
#include "ember/probe/profile.h"
#include "ember/target/board.h"
#include EMBER_PROFILE_MODEL_HEADER

#define MAX_BATCH 16u

static ember_model model;
static float arena[PROFILED_MODEL_ARENA_BYTES / sizeof(float)];
static float rows[MAX_BATCH * PROFILED_MODEL_INPUT_WIDTH];
static float batch_inputs[MAX_BATCH * PROFILED_MODEL_INPUT_WIDTH];
static float batch_outputs[MAX_BATCH * PROFILED_MODEL_OUTPUT_WIDTH];

int main(void) {
  int status = ember_load(&model, profiled_model, profiled_model_len, arena, sizeof arena);
  if (status != EMBER_OK) {
    printf("ember_load: %s\n", ember_status_message(status));
    return 2;
  }
  ember_profile_fill_inputs(rows, sizeof rows / sizeof rows[0]);
  const ember_profile_request request = {rows, MAX_BATCH, batch_inputs, batch_outputs, MAX_BATCH, arena, sizeof arena};
  status = ember_profile_print(&model, &request, ember_board_probe_env(),
                               ember_board_table_format(), ember_board_write, 0);
  if (status != EMBER_OK) printf("profile: %s\n", ember_status_message(status));
  return status == EMBER_OK ? 0 : 1;
}
