// Layer kind 1, dense float32: y = act(bias + W · x) with the summation order of dense_f32
// (docs/runtime.md, Numerics). Weights: out_width rows of in_width float32; bias: out_width float32.
// Needs no scratch; its arena share is the float input and output vectors. This is the plain op; the
// residual-capable one (dense_f32_residual_op.cpp) wraps it.
#include "dense_f32_op.hpp"

#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_f32.hpp"
#include "ember/dense_f32_vector.hpp"
#include "ember/dense_f32_vfp.hpp"
#include "op.hpp"

namespace ember {
namespace {
using blob::read_u16;
using blob::read_u32;

EMBER_COLD Status validate_dense_f32(const ops::LayerCheck& c, ops::LayerNeeds* needs) {
  const uint8_t* e = c.entry;
  if (e[blob::layer::element_type] != static_cast<uint8_t>(blob::ElementType::float32))
    return Status::unsupported_element_type;
  if (!is_known_activation(e[blob::layer::activation])) return Status::unsupported_activation;
  if (ops::find_activation(c.ops, e[blob::layer::activation]) == nullptr) return Status::op_not_linked;
  // The quantization fields (bytes 24-47) are int8-only; a float layer keeps them zero. This op runs no
  // layer flag, so to it the flags byte (byte 3) is reserved too: a flagged (residual) layer needs
  // ember_op_dense_f32_residual (dense_f32_residual_op.cpp), which names each flag problem. The same status
  // as the reserved byte had, because another one costs this op 20 bytes of flash (Cortex-M4F).
  if (e[blob::layer::flags] != 0 ||
      !ops::zero_bytes(e + blob::layer::input_scale, blob::kLayerEntryBytes - blob::layer::input_scale))
    return Status::reserved_not_zero;
  const uint32_t in = read_u16(e + blob::layer::in_width);
  const uint32_t out = read_u16(e + blob::layer::out_width);
  const uint32_t weights = read_u32(e + blob::layer::weights_offset);
  // in * out < 2^32 (two u16 widths); place_array multiplies by the element size in 64 bits.
  Status s = ops::place_array(c, ops::ParameterArray::weights, in * out, 4);
  if (s == Status::ok) s = ops::place_array(c, ops::ParameterArray::bias, out, 4);
  if (s != Status::ok) return s;
  // A NaN or infinite parameter would make every output NaN: refused at load, as the exporters refuse it.
  // Weights, padding (zero, so finite) and biases lie back to back: one pass from the weights to the end.
  if (!ops::all_finite(c.blob + weights, static_cast<uint32_t>(c.layout->end - weights) / 4))
    return Status::non_finite_parameter;
  needs->in_bytes = in * 4;
  needs->out_bytes = out * 4;
  needs->scratch_bytes = 0;
  needs->parameter_count = in * out + out;  // at most the arrays' bytes (op.hpp)
  return Status::ok;
}

void* evaluate_dense_f32(const ops::LayerEval& v) {
  const uint8_t* e = v.entry;
  const uint32_t in = read_u16(e + blob::layer::in_width);
  const uint32_t out = read_u16(e + blob::layer::out_width);
  const float* weights = blob::float_at(v.blob, read_u32(e + blob::layer::weights_offset));
  const float* bias = blob::float_at(v.blob, read_u32(e + blob::layer::bias_offset));
  const float* x = static_cast<const float*>(v.input);
  float* y = static_cast<float*>(ops::opposite_end(v, x, out * 4));
  // Hosts with a vector unit use the 4-lane build of dense_f32 (dense_f32_vector.hpp), Cortex-M cores with
  // an FPU the one-row VMLA build (dense_f32_vfp.hpp), both with the same bits; cores without an FPU use the
  // plain kernel, smaller in flash (soft-float calls dominate there).
#if defined(__x86_64__) || defined(__aarch64__)
  dense_f32_vector(weights, bias, x, y, in, out);
#elif EMBER_HAVE_DENSE_F32_VFP
  dense_f32_vfp(weights, bias, x, y, in, out);
#else
  dense_f32(weights, bias, x, y, in, out);
#endif
  // validate found this activation in the op set, so its slot is indexed directly.
  v.ops->activations[e[blob::layer::activation]]->apply_f32(y, out);
  return y;
}

}  // namespace

// The model's ends (op.hpp): standardize the input into this layer's float32 input vector, de-standardize
// its output vector into the caller's output. `count` is at least 1, so the loops test it after each value
// only.
void ops::standardize_f32(const uint8_t* entry, const float* x, const float* mean, void* values) {
  const uint32_t count = blob::entry_u16(entry, blob::layer::in_width);
  const float* scale = mean + count;
  float* v = static_cast<float*>(values);
  uint32_t i = 0;
  do v[i] = (x[i] - mean[i]) / scale[i];
  while (++i < count);
}

void ops::destandardize_f32(const uint8_t* entry, const void* values, const float* mean, float* y) {
  const uint32_t count = blob::entry_u16(entry, blob::layer::out_width);
  const float* scale = mean + count;
  const float* v = static_cast<const float*>(values);
  uint32_t j = 0;
  do y[j] = v[j] * scale[j] + mean[j];
  while (++j < count);
}
}  // namespace ember

extern "C" const ember_op ember_op_dense_f32 = {ember::validate_dense_f32, ember::evaluate_dense_f32,
                                                ember::ops::standardize_f32, ember::ops::destandardize_f32};
