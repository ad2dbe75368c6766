// The C API forwards to ember::Model placed in the caller's ember_model storage.
#include "ember/ember.h"

#include <new>  // placement construction only: the Model lives in the caller's storage, never on the heap

#include "ember/model.hpp"

static_assert(sizeof(ember::Model) <= sizeof(ember_model), "grow ember_model storage");
static_assert(alignof(ember::Model) <= alignof(ember_model), "ember_model is under-aligned");

namespace {
ember::Model* as_model(ember_model* m) { return reinterpret_cast<ember::Model*>(m); }
const ember::Model* as_model(const ember_model* m) { return reinterpret_cast<const ember::Model*>(m); }
int code(ember::Status s) { return static_cast<int>(s); }
}  // namespace

extern "C" {

int ember_load_with_ops(ember_model* model, const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes,
                        const ember_op_set* ops) {
  if (model == nullptr || ops == nullptr) return code(ember::Status::null_argument);
  // cppcheck-suppress legacyUninitvar ; placement new initializes m
  ember::Model* m = ::new(static_cast<void*>(model)) ember::Model();
  return code(m->load(blob, blob_bytes, arena, arena_bytes, *ops));
}

int ember_run(ember_model* model, const float* input, float* output) {
  if (model == nullptr) return code(ember::Status::null_argument);
  return code(as_model(model)->run(input, output));
}

int ember_run_batch(ember_model* model, const float* inputs, size_t count, float* outputs) {
  if (model == nullptr) return code(ember::Status::null_argument);
  return code(as_model(model)->run_batch(inputs, count, outputs));
}

size_t ember_input_width(const ember_model* model) { return model ? as_model(model)->input_width() : 0; }
size_t ember_output_width(const ember_model* model) { return model ? as_model(model)->output_width() : 0; }

const char* ember_status_message(int status) {
  if (status < 0 || status > 255) return "unknown status code";
  return ember::status_message(static_cast<ember::Status>(status));
}

}  // extern "C"
