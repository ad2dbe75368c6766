/* Ember runtime, C API for firmware that does not use C++. Same behaviour and status codes as
 * ember::Model (ember/model.hpp); the model object is opaque storage the caller owns.
 *
 *   static ember_model model;
 *   static float arena[EMBER_ARENA_BYTES / sizeof(float)];
 *   if (ember_load(&model, blob, sizeof blob, arena, sizeof arena) != EMBER_OK) { ... }
 *   ember_run(&model, input, output);
 */
#ifndef EMBER_EMBER_H
#define EMBER_EMBER_H

#include <stddef.h>
#include <stdint.h>

#include "ember/op_set.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EMBER_OK 0

/* Large enough for ember::Model on every supported target; checked by a static_assert in c_api.cpp. */
typedef struct ember_model {
  union {
    uint64_t align_;
    unsigned char bytes_[192];
  } storage_;
} ember_model;

/* Returns a status code (EMBER_OK on success); ember_status_message() turns it into one line.
 * ember_load links every op; ember_load_with_ops links only those of `ops` (ember/op_set.h), which must
 * outlive the model. */
int ember_load(ember_model* model, const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes);
int ember_load_with_ops(ember_model* model, const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes,
                        const ember_op_set* ops);
int ember_run(ember_model* model, const float* input, float* output);
int ember_run_batch(ember_model* model, const float* inputs, size_t count, float* outputs);

/* Validates a blob without an arena and reports the arena it needs. */
int ember_required_arena_bytes(const void* blob, size_t blob_bytes, size_t* arena_bytes);

size_t ember_input_width(const ember_model* model);
size_t ember_output_width(const ember_model* model);
const char* ember_status_message(int status);

#ifdef __cplusplus
}
#endif

#endif /* EMBER_EMBER_H */
