// What the three int8 ops' evaluate() do around their kernels (dense_s8_entry.hpp): place the vectors and
// convert at the float32 / int8 boundaries between two layers (docs/blob-format.md, Boundaries), on the
// int8 side of each, so that a float-only image carries none of it. Its own file, so that the conversions
// it calls are not inlined into it a second time.
#include "dense_s8_entry.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"

namespace ember {

void* ops::evaluate_int8_layer(const LayerEval& v, Int8Kernel kernel) {
  const uint8_t* e = v.entry;
  const uint32_t in = blob::read_u16(e + blob::layer::in_width);
  const uint32_t out = blob::read_u16(e + blob::layer::out_width);
  constexpr uint8_t float32 = static_cast<uint8_t>(blob::ElementType::float32);
  // The layer table starts at the end of the header (placed by the validator).
  const uint8_t* first = v.blob + blob::kHeaderBytes;
  const void* x = v.input;
  if (e != first && (e - blob::kLayerEntryBytes)[blob::layer::element_type] == float32) {
    void* codes = opposite_end(v, x, in);
    to_int8_input_codes(e, static_cast<const float*>(x), nullptr, nullptr, codes, in);
    x = codes;
  }
  const bool float_output = e[blob::layer::kind] == static_cast<uint8_t>(blob::LayerKind::dense_int8_float_output);
  void* y = opposite_end(v, x, float_output ? 4 * out : out);
  kernel(v, x, y);
  // Kind 4 is the last layer; the last layer's output goes to the model output through its from_output_codes.
  const uint8_t* next = e + blob::kLayerEntryBytes;
  if (next == v.table_end || next[blob::layer::element_type] != float32) return y;
  float* values = static_cast<float*>(opposite_end(v, y, 4 * out));
  from_int8_output_codes(e, y, nullptr, nullptr, values, out);
  return values;
}

}  // namespace ember
