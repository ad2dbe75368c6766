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

/* Every status code of ember::Status (ember/status.hpp), same numbers; c_api.cpp checks each at compile time.
 * Codes are never renumbered; later ones are appended. */
#define EMBER_OK 0
#define EMBER_NULL_ARGUMENT 1
#define EMBER_MISALIGNED_BLOB 2
#define EMBER_TRUNCATED_HEADER 3
#define EMBER_BAD_MAGIC 4
#define EMBER_UNSUPPORTED_VERSION 5
#define EMBER_BAD_HEADER_SIZE 6
#define EMBER_SIZE_MISMATCH 7
#define EMBER_CRC_MISMATCH 8
#define EMBER_BAD_LAYER_COUNT 9
#define EMBER_BAD_WIDTH 10
#define EMBER_SECTION_OUT_OF_BOUNDS 11
#define EMBER_MISALIGNED_SECTION 12
#define EMBER_RESERVED_NOT_ZERO 13
#define EMBER_UNSUPPORTED_ELEMENT_TYPE 14
#define EMBER_UNSUPPORTED_LAYER_KIND 15
#define EMBER_UNSUPPORTED_ACTIVATION 16
#define EMBER_WIDTH_MISMATCH 17
#define EMBER_PARAMETER_OUT_OF_BOUNDS 18
#define EMBER_PARAMETER_COUNT_MISMATCH 19
#define EMBER_BAD_STANDARDIZATION 20
#define EMBER_BAD_MODEL_NAME 21
#define EMBER_ARENA_SIZE_MISMATCH 22
#define EMBER_ARENA_TOO_SMALL 23
#define EMBER_NOT_LOADED 24
#define EMBER_BAD_ARGUMENT 25
#define EMBER_OP_NOT_LINKED 26
#define EMBER_BAD_QUANTIZATION_SCALE 27
#define EMBER_BAD_ZERO_POINT 28
#define EMBER_BAD_MULTIPLIER 29
#define EMBER_BAD_SHIFT 30
#define EMBER_REQUANT_OUT_OF_BOUNDS 31
#define EMBER_UNSUPPORTED_INT8_ACTIVATION 32
#define EMBER_QUANTIZATION_MISMATCH 33
#define EMBER_NONZERO_PADDING 34
#define EMBER_PARAMETERS_OUT_OF_ORDER 35
#define EMBER_TRAILING_BYTES 36
#define EMBER_NON_FINITE_PARAMETER 37
#define EMBER_INT16_INPUT_NOT_FIRST 38
#define EMBER_UNSUPPORTED_LAYER_FLAGS 39
#define EMBER_RESIDUAL_WIDTH_MISMATCH 40
#define EMBER_INT8_FLOAT_OUTPUT_NOT_LAST 41

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
