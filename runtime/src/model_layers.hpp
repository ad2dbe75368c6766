// The walk over the layers that Model::run does, shared by model.cpp (without an observer: the calls fold
// away) and model_observer.cpp (with one), so an image that never installs an observer does not carry the
// observer's calls (docs/runtime.md). Private to the runtime.
#ifndef EMBER_MODEL_LAYERS_HPP
#define EMBER_MODEL_LAYERS_HPP

#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/model.hpp"
#include "ops/op.hpp"

namespace ember {

// Ping-pong: every step reads one end of the arena and writes the other (docs/blob-format.md, Arena). A
// vector holds float32 values or, around int8 layers, int8 codes; the ops convert at the model's ends and
// the int8 ops at boundaries between layers, and each op places its own output (ops::opposite_end), so this
// walk knows no kind and no element type and a float-only image links no conversion code. load() checked
// that every kind is in the op set, so the table is indexed directly.
__attribute__((always_inline)) inline void Model::run_layers(const float* input, float* output, LayerObserver observer,
                                                             void* context) const {
  uint8_t* const low = reinterpret_cast<uint8_t*>(arena_);
  const ember_op* const* kinds = ops_->layer_kinds;
  // load() accepted the blob, so its layer table starts right after the header (docs/blob-format.md, Layout).
  const uint8_t* const first = blob_ + blob::kHeaderBytes;
  const uint8_t* const end = first + info_.layer_table_bytes;  // layer_count entries
  // Filled before the first call, and the walk steps its own entry pointer: the compiler must assume that a
  // call may change the model and the LayerEval it was handed, so both would be reloaded after it.
  ops::LayerEval eval{blob_, first, end, ops_, low, low, low + info_.arena_bytes};
  // The standardization section follows the table: input mean, input scale, output mean, output scale. Found
  // from the table's end here rather than kept in the model (four pointers load() would have to set); each
  // op finds its scales after the means (op.hpp).
  const float* const input_mean = reinterpret_cast<const float*>(end);
  kinds[first[blob::layer::kind]]->to_input_codes(first, input, input_mean, low);
  // At least one layer (load() checked the count), so the walk tests for the table's end after each one.
  const uint8_t* e = first;
  uint16_t k = 0;
  do {
    eval.entry = e;
    // Observers see float32 vectors; around an int8 layer they get null values (timing probes need none).
    // Kind 4 (the last layer only) writes a float32 output from its int8 input.
    const bool float_input = e[blob::layer::element_type] == static_cast<uint8_t>(blob::ElementType::float32);
    if (observer != nullptr)
      observer(context, k, LayerPhase::begin, float_input ? static_cast<const float*>(eval.input) : nullptr,
               blob::read_u16(e + blob::layer::in_width));
    eval.input = kinds[e[blob::layer::kind]]->evaluate(eval);
    if (observer != nullptr)
      observer(context, k, LayerPhase::end,
               float_input || e[blob::layer::kind] == static_cast<uint8_t>(blob::LayerKind::dense_int8_float_output)
                   ? static_cast<const float*>(eval.input)
                   : nullptr,
               blob::read_u16(e + blob::layer::out_width));
    e += blob::kLayerEntryBytes;
    ++k;
  } while (e != end);
  const uint8_t* last = end - blob::kLayerEntryBytes;
  const float* const output_mean = input_mean + 2 * info_.input_width;
  kinds[last[blob::layer::kind]]->from_output_codes(last, eval.input, output_mean, output);
}

}  // namespace ember

#endif  // EMBER_MODEL_LAYERS_HPP
