// The loaders without an op set: they link every op (ember_op_set_all). Kept apart from model.cpp so an
// image that loads with its own op set links neither this file nor the ops it does not use.
#include "ember/model.hpp"

namespace ember {

Status inspect_blob(const void* blob, size_t blob_bytes, ModelInfo* info) {
  return inspect_blob(blob, blob_bytes, ember_op_set_all, info);
}

Status Model::load(const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes) {
  return load(blob, blob_bytes, arena, arena_bytes, ember_op_set_all);
}

}  // namespace ember
