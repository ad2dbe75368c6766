// The C entry points that link every op (ember_op_set_all); apart from c_api.cpp so that firmware calling
// ember_load_with_ops links only the ops of its own set.
#include "ember/ember.h"
#include "ember/model.hpp"

extern "C" {

int ember_load(ember_model* model, const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes) {
  return ember_load_with_ops(model, blob, blob_bytes, arena, arena_bytes, &ember_op_set_all);
}

int ember_required_arena_bytes(const void* blob, size_t blob_bytes, size_t* arena_bytes) {
  if (arena_bytes == nullptr) return static_cast<int>(ember::Status::null_argument);
  ember::ModelInfo info;
  const ember::Status s = ember::inspect_blob(blob, blob_bytes, &info);
  if (s == ember::Status::ok) *arena_bytes = info.arena_bytes;
  return static_cast<int>(s);
}

}  // extern "C"
