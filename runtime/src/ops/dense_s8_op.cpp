// The dense int8 op, layer kinds 2, 3 and 4 (blob format v3, docs/blob-format.md), told apart by the entry's
// kind byte: one op table under the three kinds' names (ember/op_set.h). Kind 2, dense int8: the TFLite int8
// arithmetic of ember/dense_s8.hpp, with no float inside the layer. Parameter arrays, in this order: weights
// (int8 in the layout of ember/dense_s8_layout.hpp), bias (out_width int32), requant (out_width int32
// multipliers, then out_width int8 shifts). Arena share: the int8 input and output vectors plus
// dense_s8_scratch_bytes(in_width) of kernel scratch. Kind 3, int16 input (ember/dense_s16x8.hpp): kind 2's
// entry, arrays and output, only as layer 0, where the standardized model input is quantized to 16 bits
// (symmetric, zero point 0) instead of 8; its arena share is the int16 input vector, the int8 output vector
// and kind 2's scratch. Kind 4, float32 output (ember/dense_s8_float_output.hpp): kind 2's input, row-major
// int8 weights, int32 bias, and one float32 scale per output where kind 2 has its requant; the last layer of
// a model only, so its float32 output goes straight to the de-standardization; no scratch. The evaluate of
// the three is ops::evaluate_int8 (dense_s8_evaluate.cpp).
#include "dense_s8_entry.hpp"
#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"
#include "op.hpp"
#include "quantize.hpp"

namespace ember {
namespace {
using blob::read_f32;
using blob::read_i32;
using blob::read_u16;
using blob::read_u32;

// Finite and > 0: exactly the float32 bit patterns 0x00000001 (the smallest subnormal) to 0x7F7FFFFF (the
// largest finite value); read as bits, one compare instead of a float classification.
bool is_scale(uint32_t bits) { return bits - 1u < 0x7F7FFFFFu; }
bool is_scale_at(const uint8_t* field) { return is_scale(blob::read_u32(field)); }
bool is_zero_point_at(const uint8_t* field) { return blob::read_u32(field) + 128u <= 255u; }  // -128 … 127

}  // namespace

// Quantize with this layer's input scale and zero point (docs/blob-format.md, Boundaries); kind 4's input too,
// and kind 3's, told apart by the entry's kind byte: int16 codes, zero point 0 (validate), saturating to
// −32768 … 32767. One function for the three kinds instead of two loops, with the rounding inline
// (ops::quantize_code saturates first, so it needs no out-of-line copy shared between code widths). Built
// for size (EMBER_COLD, though it runs once per inference; the file -Os on Cortex-M): on Cortex-M4F 176 B
// (188 when only cold), where this loop and an out-of-line rounding took 176 + 164 (docs/targets.md); the
// int8 5D model's 5 inputs no longer pay a call. The bounds less the zero point in int32, then converted: no
// float constants to load.
EMBER_COLD void ops::to_int8_input_codes(const uint8_t* e, const float* x, const float* mean, void* codes) {
  const uint32_t count = blob::entry_u16(e, blob::layer::in_width);
  const float s = read_f32(e + blob::layer::input_scale);
  const int32_t zero_point = read_i32(e + blob::layer::input_zero_point);
  const bool s16 = e[blob::layer::kind] == static_cast<uint8_t>(blob::LayerKind::dense_int8_int16_input);
  const int32_t low = s16 ? -32768 : -128;  // the codes are low … −low − 1
  const float below = static_cast<float>(low - zero_point);
  const float above = static_cast<float>(-1 - low - zero_point);
  // At the model input the scales follow the means (op.hpp), mean[count + i]; between layers mean is null, and
  // no offset is added to it (null + count is undefined behaviour). count is a validated width, at least 1:
  // the loop tests it after each value.
  uint32_t i = 0;
  do {
    const int32_t q =
        ops::quantize_code(mean != nullptr ? (x[i] - mean[i]) / mean[count + i] : x[i], s, zero_point, below, above);
    if (s16)
      static_cast<int16_t*>(codes)[i] = static_cast<int16_t>(q);
    else
      static_cast<int8_t*>(codes)[i] = static_cast<int8_t>(q);
  } while (++i != count);
}

// The output side of the three kinds, told apart by the entry's kind byte like the input side: kinds 2 and 3
// dequantize their int8 codes with the layer's output scale and zero point, into y; kind 4's output is
// float32 already. Then, at the model output, de-standardize (values may be y). One function for the three
// kinds, so an image with kinds 2 and 4 carries one such loop pair (kind 4 is always the last layer, so it
// never gets a null mean). Built for size like the input side (EMBER_COLD; it runs once per inference on
// the output's values): 98 B on Cortex-M4F against 108 (90 now, -Os, with count-at-end
// loops, on main at d283f96), the same instructions for the 5D model's one output.
EMBER_COLD void ops::from_int8_output_codes(const uint8_t* e, const void* codes, const float* mean, float* y) {
  const uint32_t count = blob::entry_u16(e, blob::layer::out_width);
  // count is a validated width, at least 1: the loops test it after each value.
  const float* values = static_cast<const float*>(codes);
  if (e[blob::layer::kind] != static_cast<uint8_t>(blob::LayerKind::dense_int8_float_output)) {
    const float s = read_f32(e + blob::layer::output_scale);
    const int32_t zero_point = read_i32(e + blob::layer::output_zero_point);
    const int8_t* q = static_cast<const int8_t*>(codes);
    uint32_t j = 0;
    do {
      y[j] = ops::dequantize_s8(q[j], s, zero_point);
    } while (++j != count);
    values = y;
  }
  if (mean == nullptr) return;
  const float* scale = mean + count;  // at the model output the scales follow the means (op.hpp)
  uint32_t j = 0;
  do {
    y[j] = values[j] * scale[j] + mean[j];
  } while (++j != count);
}

// Kinds 2, 3 and 4 (docs/blob-format.md, Validation order). One function for the three, told apart by the
// entry's kind byte rather than a parameter, so that the three kinds share one op table. Kind 3 adds two
// rules around kind 2's checks, its position first (layer 0) and its input zero point (0) last. Kind 4
// differs where its output is float32: its position (last), no output scale or zero point (reserved,
// zero), row-major weights, one float32 scale per output where kind 2 has its requantization.
EMBER_COLD Status ops::validate_int8_entry(const LayerCheck& c, LayerNeeds* needs) {
  const uint8_t* e = c.entry;
  const uint8_t kind = e[blob::layer::kind];
  const bool float_output = kind == static_cast<uint8_t>(blob::LayerKind::dense_int8_float_output);
  const bool int16_input = kind == static_cast<uint8_t>(blob::LayerKind::dense_int8_int16_input);
  // Model::run quantizes only the model input to int16; every other int8 tensor is 8 bits.
  if (int16_input && c.previous != nullptr) return Status::int16_input_not_first;
  if (e[blob::layer::element_type] != static_cast<uint8_t>(blob::ElementType::int8))
    return Status::unsupported_element_type;
  const uint8_t activation = e[blob::layer::activation];
  if (activation != static_cast<uint8_t>(Activation::identity) && activation != static_cast<uint8_t>(Activation::relu))
    return Status::unsupported_int8_activation;
  // No layer flag applies to int8 layers (a residual layer is float32 only).
  if (e[blob::layer::flags] != 0) return Status::unsupported_layer_flags;
  // Model::run hands only the model output a float32 vector from an int8 layer. The layer table starts at
  // the end of the header (placed by the validator), so the last entry is at a fixed offset.
  if (float_output &&
      e != c.blob + blob::kHeaderBytes + (read_u16(c.blob + blob::header::layer_count) - 1u) * blob::kLayerEntryBytes)
    return Status::int8_float_output_not_last;
  // The input tensor's scale and zero point, then the output's: kind 4's output is float32, so its output
  // scale and zero point (bytes 36-43) are reserved, zero.
  if (!is_scale_at(e + blob::layer::input_scale)) return Status::bad_quantization_scale;
  if (!is_zero_point_at(e + blob::layer::input_zero_point)) return Status::bad_zero_point;
  if (float_output) {
    // Two word loads: no zero_bytes call (8 bytes less on Cortex-M4F).
    if ((read_u32(e + blob::layer::output_scale) | read_u32(e + blob::layer::output_zero_point)) != 0)
      return Status::reserved_not_zero;
  } else {
    if (!is_scale_at(e + blob::layer::output_scale)) return Status::bad_quantization_scale;
    if (!is_zero_point_at(e + blob::layer::output_zero_point)) return Status::bad_zero_point;
  }
  const uint32_t in = read_u16(e + blob::layer::in_width);
  const uint32_t out = read_u16(e + blob::layer::out_width);
  // Kind 4's weights are row-major, kind 2's in blocks of P(out_width) × P(in_width) (dense_s8_layout.hpp).
  const uint32_t weight_rows = float_output ? out : dense_s8_padded(out);
  const uint32_t weight_columns = float_output ? in : dense_s8_padded(in);
  Status s = ops::place_array(c, ops::ParameterArray::weights, weight_rows, weight_columns);
  if (s == Status::ok) s = ops::place_array(c, ops::ParameterArray::bias, out, 4);
  // Kind 2's requant (multipliers, shifts) or kind 4's scales: the same fields of the entry.
  if (s == Status::ok)
    s = ops::place_array(c, ops::ParameterArray::requant, out, float_output ? 4u : blob::kRequantBytesPerOutput);
  if (s != Status::ok) return s;
  const uint8_t* values = c.blob + read_u32(e + blob::layer::requant_offset);
  // One word per output, kind 4's scale or kind 2's multiplier, read once for both branches (16 bytes less
  // on Cortex-M4F than a read in each).
  for (uint32_t o = 0; o < out; ++o) {
    const uint32_t word = read_u32(values + 4 * o);
    if (float_output) {
      if (!is_scale(word)) return Status::bad_quantization_scale;
    } else {
      if (static_cast<int32_t>(word) < blob::kMinMultiplier) return Status::bad_multiplier;  // also zero, negative
      // The shift byte as an int8 in kMinShift … kMaxShift: one unsigned compare of the byte less kMinShift,
      // mod 256.
      if (static_cast<uint8_t>(values[4 * out + o] - blob::kMinShift) > blob::kMaxShift - blob::kMinShift)
        return Status::bad_shift;
    }
  }
  // Two int8 layers in a row share the tensor between them, so they must describe it the same way.
  const uint8_t* p = c.previous;
  if (p != nullptr && p[blob::layer::element_type] == static_cast<uint8_t>(blob::ElementType::int8) &&
      (read_u32(p + blob::layer::output_scale) != read_u32(e + blob::layer::input_scale) ||
       read_u32(p + blob::layer::output_zero_point) != read_u32(e + blob::layer::input_zero_point)))
    return Status::quantization_mismatch;
  // Kind 3's int16 input is symmetric: its codes and dense_s8's kInt16Input have no zero point.
  if (int16_input && read_i32(e + blob::layer::input_zero_point) != 0) return Status::bad_zero_point;
  needs->in_bytes = int16_input ? 2 * in : in;
  needs->out_bytes = float_output ? 4 * out : out;
  needs->scratch_bytes = float_output ? 0u : (dense_s8_scratch_bytes(in) + 3u) & ~3u;
  needs->parameter_count = in * out + out;  // at most the arrays' bytes (op.hpp)
  return Status::ok;
}
}  // namespace ember

// Every function of the table reads the entry's kind byte, so the three kinds have the same table: one
// object under three names (aliases: the same address), so that an op set naming two or three of them
// links 16 bytes, not 48, and ember/op_set.h keeps a name per kind for the C headers the exporter writes.
extern "C" const ember_op ember_op_dense_s8 = {ember::ops::validate_int8_entry, ember::ops::evaluate_int8,
                                               ember::ops::to_int8_input_codes, ember::ops::from_int8_output_codes};
extern "C" const ember_op ember_op_dense_s16x8 __attribute__((alias("ember_op_dense_s8")));
extern "C" const ember_op ember_op_dense_s8_float_output __attribute__((alias("ember_op_dense_s8")));
