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
// the int8 op at boundaries between layers, so a float-only image links no conversion code. load() checked
// that every kind is in the op set, so the table is indexed directly.
__attribute__((always_inline)) inline void Model::run_layers(const float* input, float* output, LayerObserver observer,
                                                             void* context) const {
  uint8_t* const low = reinterpret_cast<uint8_t*>(arena_);
  uint8_t* const high = low + info_.arena_bytes;
  const ember_op* const* kinds = ops_->layer_kinds;
  // load() accepted the blob, so its layer table starts right after the header (docs/blob-format.md, Layout).
  const uint8_t* e = blob_ + blob::kHeaderBytes;
  kinds[e[blob::layer::kind]]->to_input_codes(e, input, input_mean_, input_scale_, low, info_.input_width);
  uint8_t* src = low;
  const uint8_t* previous = e;
  const uint8_t* const end = e + info_.layer_table_bytes;  // layer_count entries
  for (uint16_t k = 0; e != end; ++k, previous = e, e += blob::kLayerEntryBytes) {
    const ember_op* op = kinds[e[blob::layer::kind]];
    const uint32_t size = blob::element_bytes(e[blob::layer::element_type]);  // bytes per element of its vectors
    if (e[blob::layer::element_type] != previous[blob::layer::element_type]) {
      // A float32 / int8 boundary between two layers: one conversion step to the other end, by the int8 op.
      const uint32_t in_width = blob::read_u16(e + blob::layer::in_width);
      uint8_t* other = src == low ? high - size * in_width : low;
      if (size == 1) {
        op->to_input_codes(e, reinterpret_cast<const float*>(src), nullptr, nullptr, other, in_width);
      } else {
        kinds[previous[blob::layer::kind]]->from_output_codes(previous, src, nullptr, nullptr,
                                                              reinterpret_cast<float*>(other), in_width);
      }
      src = other;
    }
    // The output goes to the other end (a vector at the high end never starts at `low`: the arena holds
    // both); the op finds its scratch between the two (ops::scratch_between). Kind 4 (the last layer only)
    // writes a float32 output from its int8 input.
    const uint32_t out_width = blob::read_u16(e + blob::layer::out_width);
    const uint32_t out_size =
        e[blob::layer::kind] == static_cast<uint8_t>(blob::LayerKind::dense_int8_float_output) ? 4u : size;
    uint8_t* dst = src == low ? high - out_size * out_width : low;
    // Observers see float32 vectors; around an int8 layer they get null values (timing probes need none).
    const bool values = size == 4;
    if (observer != nullptr)
      observer(context, k, LayerPhase::begin, values ? reinterpret_cast<const float*>(src) : nullptr,
               blob::read_u16(e + blob::layer::in_width));
    op->evaluate(ops::LayerEval{blob_, e, ops_, src, dst});
    if (observer != nullptr)
      observer(context, k, LayerPhase::end, out_size == 4 ? reinterpret_cast<const float*>(dst) : nullptr,
               static_cast<uint16_t>(out_width));
    src = dst;
  }
  kinds[previous[blob::layer::kind]]->from_output_codes(previous, src, output_mean_, output_scale_, output,
                                                        info_.output_width);
}

}  // namespace ember

#endif  // EMBER_MODEL_LAYERS_HPP
