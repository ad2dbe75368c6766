// Layer kind 1, dense float32: y = act(bias + W · x) with the summation order of dense_f32
// (docs/runtime.md, Numerics). Weights: out_width rows of in_width float32; bias: out_width float32.
// Needs no scratch; its arena share is the float input and output vectors.
#include "ember/activation.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/dense_f32.hpp"
#include "ember/dense_f32_vector.hpp"
#include "ember/dense_f32_vfp.hpp"
#include "ember/scalar_math.hpp"
#include "op.hpp"

namespace ember {
namespace {
using blob::read_u16;
using blob::read_u32;

Status validate_dense_f32(const ops::LayerCheck& c, ops::LayerNeeds* needs) {
  const uint8_t* e = c.entry;
  if (e[blob::layer::element_type] != static_cast<uint8_t>(blob::ElementType::float32))
    return Status::unsupported_element_type;
  if (!is_known_activation(e[blob::layer::activation])) return Status::unsupported_activation;
  if (ops::find_activation(c.ops, e[blob::layer::activation]) == nullptr) return Status::op_not_linked;
  if (e[blob::layer::reserved0] != 0) return Status::reserved_not_zero;
  // The quantization fields are int8-only; a float layer keeps them zero.
  for (size_t field = blob::layer::input_scale; field <= blob::layer::reserved1; field += 4)
    if (read_u32(e + field) != 0) return Status::reserved_not_zero;
  const uint64_t in = read_u16(e + blob::layer::in_width);
  const uint64_t out = read_u16(e + blob::layer::out_width);
  const uint64_t w = read_u32(e + blob::layer::weights_offset);
  const uint64_t bias = read_u32(e + blob::layer::bias_offset);
  if (w % blob::kSectionAlign != 0 || bias % blob::kSectionAlign != 0) return Status::misaligned_section;
  if (read_u32(e + blob::layer::weights_bytes) != in * out * 4 || read_u32(e + blob::layer::bias_bytes) != out * 4 ||
      !ops::inside(w, in * out * 4, c.params_begin, c.params_end) ||
      !ops::inside(bias, out * 4, c.params_begin, c.params_end))
    return Status::parameter_out_of_bounds;
  // A NaN or infinite parameter would make every output NaN: refused at load, as the exporters refuse it.
  const float* weights = blob::float_at(c.blob, static_cast<uint32_t>(w));
  for (uint64_t i = 0; i < in * out; ++i)
    if (!math::is_finite(weights[i])) return Status::non_finite_parameter;
  const float* biases = blob::float_at(c.blob, static_cast<uint32_t>(bias));
  for (uint64_t o = 0; o < out; ++o)
    if (!math::is_finite(biases[o])) return Status::non_finite_parameter;
  needs->in_bytes = static_cast<uint32_t>(in * 4);
  needs->out_bytes = static_cast<uint32_t>(out * 4);
  needs->scratch_bytes = 0;
  needs->parameter_count = in * out + out;
  needs->arrays[0] = ops::ParameterArray{w, in * out * 4};
  needs->arrays[1] = ops::ParameterArray{bias, out * 4};
  needs->array_count = 2;
  return Status::ok;
}

void evaluate_dense_f32(const ops::LayerEval& v) {
  const uint8_t* e = v.entry;
  const uint32_t in = read_u16(e + blob::layer::in_width);
  const uint32_t out = read_u16(e + blob::layer::out_width);
  const float* weights = blob::float_at(v.blob, read_u32(e + blob::layer::weights_offset));
  const float* bias = blob::float_at(v.blob, read_u32(e + blob::layer::bias_offset));
  const float* x = static_cast<const float*>(v.input);
  float* y = static_cast<float*>(v.output);
  // Hosts with a vector unit use the 4-lane build of dense_f32 (dense_f32_vector.hpp), Cortex-M cores with
  // an FPU the four-row build (dense_f32_vfp.hpp), both with the same bits; cores without an FPU use the
  // plain kernel, smaller in flash (soft-float calls dominate there).
#if defined(__x86_64__) || defined(__aarch64__)
  dense_f32_vector(weights, bias, x, y, in, out);
#elif EMBER_HAVE_DENSE_F32_VFP
  dense_f32_vfp(weights, bias, x, y, in, out);
#else
  dense_f32(weights, bias, x, y, in, out);
#endif
  ops::find_activation(v.ops, e[blob::layer::activation])->apply_f32(y, out);
}
}  // namespace
}  // namespace ember

extern "C" const ember_op ember_op_dense_f32 = {static_cast<uint8_t>(ember::blob::LayerKind::dense),
                                                ember::validate_dense_f32, ember::evaluate_dense_f32, nullptr, nullptr};
