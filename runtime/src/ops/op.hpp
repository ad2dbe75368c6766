// The contract every layer kind implements, in the spirit of TensorFlow Lite Micro's Prepare/Eval and
// CMSIS-NN's buffer-size queries. One op per file under runtime/src/ops/; the validator
// (blob_validator.cpp) and Model::run (model.cpp) walk the layer table and dispatch through the op set
// the model was loaded with (ember/op_set.h). docs/runtime.md, "The op contract", explains it with the
// int8 op as the worked example.
//
// The validator has already checked the part of a layer entry that is common to every kind: kind,
// element type, activation code range, in_width and out_width (non-zero, chaining). An op checks the rest
// of its entry and every parameter array it reads, then reports what it needs; evaluate() is only ever
// called on an entry that validate() accepted.
#ifndef EMBER_OPS_OP_HPP
#define EMBER_OPS_OP_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/op_set.h"
#include "ember/status.hpp"

namespace ember {
namespace ops {

// A parameter array of a layer, as byte offsets into the blob. The validator checks that all arrays of
// all layers lie inside the parameter section, in layout order, without overlap, with zero padding.
struct ParameterArray {
  uint64_t offset;
  uint64_t bytes;
};
constexpr uint32_t kMaxArraysPerLayer = 3;

// What validate() sees.
struct LayerCheck {
  const uint8_t* blob;
  const uint8_t* entry;  // this layer's 48-byte entry
  uint16_t format_version;
  uint64_t params_begin;  // params_offset
  uint64_t params_end;    // total_bytes
  const ember_op_set* ops;
};

// What validate() reports for an accepted layer.
struct LayerNeeds {
  uint32_t in_bytes;         // bytes of the input vector (in_width elements of the layer's element type)
  uint32_t out_bytes;        // bytes of the output vector
  uint32_t scratch_bytes;    // 4-aligned scratch beside the two vectors during evaluate()
  uint64_t parameter_count;  // weights and biases, as counted in the header's parameter_count
  ParameterArray arrays[kMaxArraysPerLayer];
  uint32_t array_count;
};

// What evaluate() gets: one sample, input and output in the arena, scratch of scratch_bytes.
struct LayerEval {
  const uint8_t* blob;
  const uint8_t* entry;
  const ember_op_set* ops;
  const void* input;
  void* output;
  void* scratch;
};

}  // namespace ops
}  // namespace ember

// Global names so that ember/op_set.h can declare them for C.
struct ember_op {
  uint8_t kind;  // the layer-kind code of docs/blob-format.md
  ember::Status (*validate)(const ember::ops::LayerCheck& check, ember::ops::LayerNeeds* needs);
  void (*evaluate)(const ember::ops::LayerEval& eval);
  // Element-type boundaries, null for float32 kinds (so a float-only image links no conversion code):
  // float32 values into this layer's input codes, and this layer's output codes back to float32. With
  // mean and scale (the model's standardization, at its input or output) the values are standardized on
  // the way in, (x − mean) / scale, and de-standardized on the way out, y · scale + mean; null for a
  // boundary between two layers.
  void (*to_input_codes)(const uint8_t* entry, const float* x, const float* mean, const float* scale, void* codes,
                         uint32_t count);
  void (*from_output_codes)(const uint8_t* entry, const void* codes, const float* mean, const float* scale, float* y,
                            uint32_t count);
};

struct ember_activation {
  uint8_t code;  // the activation code of docs/blob-format.md
  void (*apply_f32)(float* values, uint32_t count);
};

namespace ember {
namespace ops {

inline const ember_op* find_op(const ember_op_set* set, uint8_t kind) {
  return kind < EMBER_LAYER_KIND_SLOTS ? set->layer_kinds[kind] : nullptr;
}

inline const ember_activation* find_activation(const ember_op_set* set, uint8_t code) {
  return code < EMBER_ACTIVATION_SLOTS ? set->activations[code] : nullptr;
}

// Offset and length inside [begin, end), in 64 bits so that no field value can wrap.
inline bool inside(uint64_t offset, uint64_t length, uint64_t begin, uint64_t end) {
  return offset >= begin && offset <= end && length <= end - offset;
}

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_OP_HPP
