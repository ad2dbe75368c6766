/* The profiler, C API: measures a loaded model on this platform and prints the profile tables through
 * ember::report::TableWriter, in the same format on the host and on every target.
 *
 *   ember_profile_request request = {rows, row_count, batch_inputs, batch_outputs, max_batch, arena,
 *                                    sizeof arena};
 *   ember_profile_print(&model, &request, ember_board_probe_env(), EMBER_PROFILE_MARKDOWN, sink, context);
 */
#ifndef EMBER_PROBE_PROFILE_H
#define EMBER_PROBE_PROFILE_H

#include <stddef.h>

#include "ember/ember.h"
#include "ember/probe/probe_env.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EMBER_PROFILE_MARKDOWN 0
#define EMBER_PROFILE_CSV 1
#define EMBER_PROFILE_JSON 2

typedef struct ember_profile_request {
  const float* rows;    /* row_count input rows, cycled to fill each batch */
  size_t row_count;
  float* batch_inputs;  /* caller-owned work memory: max_batch x input width floats */
  float* batch_outputs; /* max_batch x output width floats */
  size_t max_batch;     /* batches of 1, 2, 4, ... up to this many samples are timed */
  void* arena;          /* the arena the model was loaded with, painted to find its high-water */
  size_t arena_bytes;
} ember_profile_request;

/* Text sink: receives rendered bytes (not NUL-terminated). */
typedef void (*ember_profile_sink)(void* context, const char* text, size_t bytes);

/* Profiles `model` and prints its tables. Returns EMBER_OK or the runtime status that stopped it. */
int ember_profile_print(ember_model* model, const ember_profile_request* request, const ember_probe_env* env,
                        int format, ember_profile_sink sink, void* sink_context);

/* Deterministic inputs in [-2, 2) for profiling a model without data: the same numbers on every
 * platform, so the host and a device time the same work. */
void ember_profile_fill_inputs(float* values, size_t count);

#ifdef __cplusplus
}
#endif

#endif /* EMBER_PROBE_PROFILE_H */
