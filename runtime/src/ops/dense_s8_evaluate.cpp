// ember_op::evaluate of the three int8 kinds (dense_s8_entry.hpp), one function told apart by the entry's kind
// byte: place the vectors, convert at the float32 / int8 boundaries between two layers (docs/blob-format.md,
// Boundaries) on the int8 side of each, so that a float-only image carries none of it, and run the kind's
// kernel, dense_s8 (kinds 2 and 3) or dense_s8_float_output (kind 4, defined here so that it is inlined into
// its one call in an image). One function reads the entry's fields once for the three kinds, where a driver
// calling a kernel function per kind repeated them and paid a call and a wrapper per layer (Cortex-M4F: 392
// bytes at -O3 against 148 + 132 + 136 + 2 × 12; 334 now, built -Os, on main at d283f96). Its own file, so that
// the conversions it calls are not inlined into it a second time.
#include "dense_s8_entry.hpp"
#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_s8.hpp"
#include "ember/dense_s8_float_output.hpp"

namespace ember {

namespace {

// Kind 4's kernel (ember/dense_s8_float_output.hpp), forced inline: this file is built -Os on Cortex-M
// (runtime/CMakeLists.txt), which would keep it out of line in evaluate_int8, its one caller in an image
// (40 bytes more). in_width and out_width are at least 1 (the validator's bad_width), so the loops test at
// their ends; -Os builds a for loop with a second branch per pass (35 more instructions for the 5D model's
// 16 → 1 layer).
__attribute__((always_inline)) inline void float_output_rows(const int8_t* weights, const int32_t* bias,
                                                             const float* scale, const int8_t* x, float* y,
                                                             uint32_t in_width, uint32_t out_width,
                                                             int32_t input_offset, bool relu) {
  const int8_t* w = weights;  // row-major: row o + 1 starts where row o ends
  uint32_t o = 0;
  do {
    // Unsigned arithmetic: the sum wraps modulo 2^32 as the definition says, without signed overflow.
    uint32_t sum = static_cast<uint32_t>(bias[o]);
    const int8_t* xi = x;
    const int8_t* const row_end = w + in_width;
    do {
      sum += static_cast<uint32_t>(static_cast<int32_t>(*w++) * (static_cast<int32_t>(*xi++) + input_offset));
    } while (w != row_end);
    // The relu on the integer: -Os makes it one conditional BIC of the sign (a select after the conversion
    // loaded a float zero and branched, 14 bytes more; at -O3 this `if` had GCC copy the loop's tail).
    int32_t acc = static_cast<int32_t>(sum);
    if (relu && acc < 0) acc = 0;
    y[o] = scale[o] * static_cast<float>(acc);
  } while (++o != out_width);
}

}  // namespace

void dense_s8_float_output(const int8_t* weights, const int32_t* bias, const float* scale, const int8_t* x, float* y,
                           uint32_t in_width, uint32_t out_width, int32_t input_offset, bool relu) {
  float_output_rows(weights, bias, scale, x, y, in_width, out_width, input_offset, relu);
}

namespace {
using blob::read_i32;
using blob::read_u16;
using blob::read_u32;
}  // namespace

void* ops::evaluate_int8(const LayerEval& v) {
  const uint8_t* e = v.entry;
  const uint32_t in = read_u16(e + blob::layer::in_width);
  const uint32_t out = read_u16(e + blob::layer::out_width);
  constexpr uint8_t float32 = static_cast<uint8_t>(blob::ElementType::float32);
  // The layer table starts at the end of the header (placed by the validator). Kind 3 is layer 0 (validate),
  // so its x is always the model input's int16 codes, never a boundary's: this conversion never writes int16.
  const uint8_t* first = v.blob + blob::kHeaderBytes;
  const void* x = v.input;
  if (e != first && (e - blob::kLayerEntryBytes)[blob::layer::element_type] == float32) {
    void* codes = opposite_end(v, x, in);
    to_int8_input_codes(e, static_cast<const float*>(x), nullptr, codes);
    x = codes;
  }
  const uint8_t kind = e[blob::layer::kind];
  const bool float_output = kind == static_cast<uint8_t>(blob::LayerKind::dense_int8_float_output);
  void* y = opposite_end(v, x, float_output ? 4 * out : out);
  // Offsets are 16-aligned and the blob 4-aligned (checked at load), so the int32 and float arrays are aligned.
  const uint8_t* weights = v.blob + read_u32(e + blob::layer::weights_offset);
  const int32_t* bias = reinterpret_cast<const int32_t*>(v.blob + read_u32(e + blob::layer::bias_offset));
  const uint8_t* third = v.blob + read_u32(e + blob::layer::requant_offset);
  const int32_t input_offset = -read_i32(e + blob::layer::input_zero_point);
  const bool relu = e[blob::layer::activation] == static_cast<uint8_t>(Activation::relu);
  // Kind 4: its third array holds the scales; it is the last layer (validate), so its output is the model
  // output's, which Model::run de-standardizes through from_output_codes.
  if (float_output) {
    float_output_rows(reinterpret_cast<const int8_t*>(weights), bias, reinterpret_cast<const float*>(third),
                      static_cast<const int8_t*>(x), static_cast<float*>(y), in, out, input_offset, relu);
    return y;
  }
  const int32_t* multiplier = reinterpret_cast<const int32_t*>(third);
  const int8_t* shift = reinterpret_cast<const int8_t*>(multiplier + out);
  // Kind 3 (zero point 0): the int16 input, which dense_s8 reads itself (ember/dense_s16x8.hpp passes it
  // the same way), 2 bytes per input before the scratch.
  const bool int16_input = kind == static_cast<uint8_t>(blob::LayerKind::dense_int8_int16_input);
  DenseS8Params params;
  params.input_offset = input_offset;
  params.output_offset = read_i32(e + blob::layer::output_zero_point);
  // ReLU folded into the clamp: real 0 is the output zero point (validate keeps it in -128 … 127).
  params.activation_min = relu ? params.output_offset : -128;
  params.activation_max = 127;
  // Set last, as one conditional store: chosen where input_offset is first set, GCC made a copy of the
  // whole call per kind (184 B against 132 when kinds 2 and 3 had their own layer function).
  if (int16_input) params.input_offset = kInt16Input;
  dense_s8(weights, bias, multiplier, shift, static_cast<const int8_t*>(x), static_cast<int8_t*>(y), in, out, params,
           ops::scratch_between(x, y, int16_input ? 2 * in : in, out));
  // The last layer's output goes to the model output through its from_output_codes.
  const uint8_t* next = e + blob::kLayerEntryBytes;
  if (next == v.table_end || next[blob::layer::element_type] != float32) return y;
  float* values = static_cast<float*>(opposite_end(v, y, 4 * out));
  from_int8_output_codes(e, y, nullptr, values);
  return values;
}

}  // namespace ember
