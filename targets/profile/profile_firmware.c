/* Firmware behind `ember profile --target`: built once per preset, it reads the model blob named on its
 * command line from the host (semihosting), so profiling another model rebuilds nothing. It profiles the
 * model with the same deterministic inputs the host profile uses and prints the tables (--json: JSON
 * lines, --csv: CSV, default Markdown).
 * Usage: qemu-run.sh <machine> ember_profile_firmware.elf <model.ember> [--json|--csv] */
#include <stdint.h>
#include <stdio.h>

#include "ember/ember.h"
#include "ember/probe/profile.h"
#include "ember/target/board.h"
#include "host_file.h"

#define MAX_BATCH 16u
/* Room for models far larger than the MCU-sized ones Ember targets (the 5D model is 12 KB, 384 bytes of
 * arena); a larger one is refused with a message. The mps2 boards have at least 2 MiB of RAM under QEMU;
 * a small board (the micro:bit's 16 KB) sets smaller capacities from targets/profile/CMakeLists.txt. */
#ifndef BLOB_CAPACITY
#define BLOB_CAPACITY (512u * 1024u)
#define ARENA_CAPACITY (128u * 1024u)
#define WORK_FLOATS (64u * 1024u)
#endif

static ember_model model;
static _Alignas(16) unsigned char blob[BLOB_CAPACITY];
static _Alignas(16) unsigned char arena[ARENA_CAPACITY];
static float work[WORK_FLOATS];
static char model_path[256];

/* The image footprint of a firmware that compiled this model in, as a product would: the blob in flash
 * instead of this image's RAM buffer, and RAM for exactly the arena and batch buffers the model needs
 * instead of the capacities above. */
static size_t blob_bytes, arena_bytes, work_floats_used;
static int model_footprint(ember_image_footprint* out) {
  if (!ember_board_probe_env()->image_footprint(out)) return 0;
  const size_t capacities = sizeof blob + sizeof arena + sizeof work;
  out->flash_total += (uint32_t)blob_bytes;
  out->ram_static = (uint32_t)(out->ram_static - capacities + arena_bytes + work_floats_used * sizeof(float));
  return 1;
}

static int fail(const char* what, const char* detail) {
  printf("ember_profile_firmware: %s%s\n", what, detail);
  return 2;
}

int main(void) {
  if (host_file_model_path(model_path, sizeof model_path) != 0)
    return fail("usage: ember_profile_firmware.elf <model.ember> [--json|--csv]", "");
  const long read = host_file_read(model_path, blob, sizeof blob);
  if (read == -2) return fail("model larger than this firmware's blob buffer (BLOB_CAPACITY): ", model_path);
  if (read < 0) return fail("cannot read ", model_path);
  blob_bytes = (size_t)read;

  int status = ember_required_arena_bytes(blob, blob_bytes, &arena_bytes);
  if (status == EMBER_OK && arena_bytes > sizeof arena)
    return fail("model needs more arena than this firmware has (ARENA_CAPACITY)", "");
  if (status == EMBER_OK) status = ember_load(&model, blob, blob_bytes, arena, arena_bytes);
  if (status != EMBER_OK) return fail("ember_load: ", ember_status_message(status));

  /* rows, batch inputs and batch outputs: MAX_BATCH samples each, carved from one pool. */
  const size_t in = ember_input_width(&model), out = ember_output_width(&model);
  work_floats_used = MAX_BATCH * (2u * in + out);
  if (work_floats_used > WORK_FLOATS) return fail("model too wide for the firmware's batch buffers", "");
  float* rows = work;
  float* batch_inputs = rows + MAX_BATCH * in;
  float* batch_outputs = batch_inputs + MAX_BATCH * in;

  ember_probe_env env = *ember_board_probe_env();
  env.image_footprint = model_footprint;
  ember_profile_fill_inputs(rows, MAX_BATCH * in);
  const ember_profile_request request = {rows, MAX_BATCH, batch_inputs, batch_outputs, MAX_BATCH, arena, arena_bytes};
  status = ember_profile_print(&model, &request, &env, ember_board_table_format(), ember_board_write, 0);
  if (status != EMBER_OK) printf("profile: %s\n", ember_status_message(status));
  return status == EMBER_OK ? 0 : 1;
}
