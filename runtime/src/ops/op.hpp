// The contract every layer kind implements, in the spirit of TensorFlow Lite Micro's Prepare/Eval and
// CMSIS-NN's buffer-size queries. One op per file under runtime/src/ops/; the validator
// (blob_validator.cpp) and Model::run (model.cpp) walk the layer table and dispatch through the op set
// the model was loaded with (ember/op_set.h). docs/runtime.md, "The op contract", explains it with the
// int8 op as the worked example.
//
// The validator has already checked the part of a layer entry that is common to every kind: kind (known,
// in the op set), in_width and out_width (non-zero, chaining). An op checks the rest of its entry, places
// every parameter array it reads (place_array) before reading it, then reports what it needs; evaluate()
// is only ever called on an entry that validate() accepted.
#ifndef EMBER_OPS_OP_HPP
#define EMBER_OPS_OP_HPP

#include <stddef.h>
#include <stdint.h>

#include "ember/op_set.h"
#include "ember/status.hpp"

// Load-time code (validation, binding): runs once per load, so it is built for size, not speed. GCC and
// Clang optimize a cold function for size whatever the -O level, and keep it out of the hot code's way.
#define EMBER_COLD __attribute__((cold))

namespace ember {
namespace ops {

// Where the next parameter array may go (docs/blob-format.md, Layout and "Parameter arrays"): every array
// starts exactly at the end of the one before, rounded up to 16, with zero bytes in between, and ends inside
// the blob. One rule for every op's arrays, so it is written once (place_array, blob_validator.cpp; the
// validator checks the sections before them, whose starts the format fixes, directly). Offsets and lengths
// are checked against `total` before any addition, so every end is at most total_bytes, and the next start
// is found without adding to `end` (a multiple of 16 at most 15 past it): no field value can wrap.
struct Layout {
  const uint8_t* blob;
  uint32_t begin;  // lowest offset an array may start at: params_offset
  uint32_t total;  // total_bytes
  uint32_t end;    // end of the last array placed (params_offset before the first); the next one starts at it
                   // rounded up to 16
};

// True if bytes [0, count) of p are all zero. Counts are 32-bit: every region checked lies inside the blob,
// whose total_bytes is a u32.
bool zero_bytes(const uint8_t* p, uint32_t count);

// True if none of the `count` float32 values at p is a NaN or an infinity.
bool all_finite(const uint8_t* p, uint32_t count);

// What validate() sees.
struct LayerCheck {
  const uint8_t* blob;
  const uint8_t* entry;     // this layer's 48-byte entry
  const uint8_t* previous;  // the previous layer's entry (already accepted), null for layer 0
  const ember_op_set* ops;
  Layout* layout;  // the op places its parameter arrays, in layout order, with place_array
};

// The three parameter arrays a layer entry can name, each by its offset field (docs/blob-format.md, layer
// table entry): weights, bias, and the int8 kinds' requant (kind 4's scales). Its length field follows the
// offset field, except requant's (requant_bytes, byte 44). A small code per array keeps every call site of
// place_array to a few register moves (Cortex-M4F: no argument on the stack).
enum class ParameterArray : uint8_t { weights = 8, bias = 16, requant = 32 };

// A parameter array of this layer's entry: its offset field must be 16-aligned (misaligned_section) and its
// length field equal count × element_bytes, a product taken in 64 bits, so widths whose product no u32
// field can hold are refused, not wrapped (parameter_out_of_bounds; requant_out_of_bounds for the requant
// array), and the array must lie in [begin, total) (the same status), start at layout->end rounded up to 16
// (parameters_out_of_order) with zero bytes before it (nonzero_padding); then it is the last array placed.
// Once it returns ok the op may read the array.
Status place_array(const LayerCheck& check, ParameterArray array, uint32_t count, uint32_t element_bytes);

// What validate() reports for an accepted layer: it sets every field before it returns ok (the validator
// does not zero them first). The validator sizes the arena from it: one step of both
// vectors and the scratch, plus a conversion step where in_bytes differs from the previous layer's
// out_bytes (a float32 / int8 boundary).
struct LayerNeeds {
  uint32_t in_bytes;         // bytes of the input vector (in_width elements of the layer's element type)
  uint32_t out_bytes;        // bytes of the output vector
  uint32_t scratch_bytes;    // 4-aligned scratch beside the two vectors during evaluate()
  uint32_t parameter_count;  // weights and biases, as counted in the header's parameter_count; at most the
                             // bytes of the arrays the op placed, so 32 bits hold it and the validator's sum
};

// What evaluate() gets: one sample, its input vector at one end of the arena [arena, arena_end). The op
// writes its output vector at the other end (opposite_end) and returns where the next layer's input is.
struct LayerEval {
  const uint8_t* blob;
  const uint8_t* entry;
  const uint8_t* table_end;  // the end of the layer table: entry + 48 is the next layer's entry, if not this
  const ember_op_set* ops;
  const void* input;
  uint8_t* arena;
  uint8_t* arena_end;
};

// Where a vector of `bytes` bytes goes that is not to overwrite `vector`, at one end of the arena: the high
// end if `vector` is at the low end, else the low end (a vector at the high end never starts at `arena`: the
// arena holds both; docs/blob-format.md, Arena).
inline void* opposite_end(const LayerEval& v, const void* vector, uint32_t bytes) {
  return vector == v.arena ? v.arena_end - bytes : v.arena;
}

// A layer's scratch (LayerNeeds::scratch_bytes) lies between its two vectors, 4-aligned after the one at the
// low end of the arena (docs/blob-format.md, Arena); the op knows how many bytes each vector has.
inline void* scratch_between(const void* input, const void* output, uint32_t in_bytes, uint32_t out_bytes) {
  const uintptr_t in = reinterpret_cast<uintptr_t>(input);
  const uintptr_t out = reinterpret_cast<uintptr_t>(output);
  return reinterpret_cast<void*>(((in < out ? in + in_bytes : out + out_bytes) + 3u) & ~uintptr_t{3});
}

}  // namespace ops
}  // namespace ember

// Global names so that ember/op_set.h can declare them for C. An op or activation is found by its slot in the
// op set, which is its code (layer kind, activation: docs/blob-format.md), so neither repeats the code.
struct ember_op {
  ember::Status (*validate)(const ember::ops::LayerCheck& check, ember::ops::LayerNeeds* needs);
  // Returns the next layer's input: the output vector it wrote, or (an int8 op before a float32 layer) that
  // vector converted to float32 at the other end of the arena.
  void* (*evaluate)(const ember::ops::LayerEval& eval);
  // Conversions from and to the float32 values outside the layer. At the model's ends (mean non-null, the
  // blob's standardization) every kind has them: the model input is standardized, (x − mean) / scale, into
  // this layer's input vector, and its output vector is de-standardized, y · scale + mean, into the caller's
  // output; Model::run calls them without knowing the element type. The count is the entry's in_width
  // (to_input_codes) or out_width (from_output_codes), and the scales follow the means (scale = mean +
  // count, the standardization section's order), so neither is passed: four arguments, all in registers.
  // Between two layers of different element types (mean null) the int8 op converts inside its evaluate (its
  // input after a float32 layer, its output before one), so Model::run knows no element type and a float32
  // kind never gets a null mean.
  void (*to_input_codes)(const uint8_t* entry, const float* x, const float* mean, void* codes);
  void (*from_output_codes)(const uint8_t* entry, const void* codes, const float* mean, float* y);
};

struct ember_activation {
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

}  // namespace ops
}  // namespace ember

#endif  // EMBER_OPS_OP_HPP
