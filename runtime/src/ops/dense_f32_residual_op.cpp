// Layer kind 1, dense float32, with the layer flags of format v2: a residual layer (kLayerFlagResidual,
// in_width == out_width) computes y = x + act(bias + W · x), the plain dense op (dense_f32_op.cpp) followed
// by one float32 add per output (docs/blob-format.md, "Residual layers"). Unflagged layers run exactly as
// with the plain op. A wrapper rather than a flag test inside the plain op, so that images whose models
// have no residual layer link none of this (docs/runtime.md, Op sets).
#include "dense_f32_op.hpp"
#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "op.hpp"

namespace ember {
namespace {

Status validate_dense_f32_residual(const ops::LayerCheck& c, ops::LayerNeeds* needs) {
  const uint8_t flags = c.entry[blob::layer::flags];
  if (flags == 0) return ember_op_dense_f32.validate(c, needs);
  if (blob::read_u16(c.blob + blob::header::format_version) < blob::kFormatVersionFlags)
    return Status::reserved_not_zero;  // reserved in v1
  if ((flags & ~blob::kKnownLayerFlags) != 0) return Status::unsupported_layer_flags;
  if (blob::read_u16(c.entry + blob::layer::in_width) != blob::read_u16(c.entry + blob::layer::out_width))
    return Status::residual_width_mismatch;
  // Everything else is the plain layer's: check a copy of the entry without the flag (the offsets in it
  // still point into the blob).
  uint8_t entry[blob::kLayerEntryBytes];
  for (uint32_t i = 0; i < blob::kLayerEntryBytes; ++i) entry[i] = c.entry[i];
  entry[blob::layer::flags] = 0;
  ops::LayerCheck plain = c;
  plain.entry = entry;
  return ember_op_dense_f32.validate(plain, needs);
}

void* evaluate_dense_f32_residual(const ops::LayerEval& v) {
  // The plain op reads no flag and writes y at the other end of the arena from x, so x is still intact here.
  float* y = static_cast<float*>(ember_op_dense_f32.evaluate(v));
  if ((v.entry[blob::layer::flags] & blob::kLayerFlagResidual) == 0) return y;
  // One rounding per output, the same on every target (no fused operation is involved).
  const uint32_t width = blob::read_u16(v.entry + blob::layer::out_width);
  const float* x = static_cast<const float*>(v.input);
  for (uint32_t o = 0; o < width; ++o) y[o] = x[o] + y[o];
  return y;
}

}  // namespace
}  // namespace ember

// The model's ends are the plain op's (a float32 layer's vectors, residual or not).
extern "C" const ember_op ember_op_dense_f32_residual = {ember::validate_dense_f32_residual,
                                                         ember::evaluate_dense_f32_residual,
                                                         ember::ops::standardize_f32, ember::ops::destandardize_f32};
