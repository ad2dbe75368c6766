// The int8 side of `ember import`: a QDQ model's QuantizeLinear/DequantizeLinear pairs and int8 weights
// mapped to Ember's QuantizedDense (the TFLite int8 scheme of ember/dense_s8.hpp; docs/onnx.md, "QDQ
// models"). Private to exporters/src/onnx_*.cpp.
#ifndef EMBER_EXPORTERS_ONNX_QUANTIZED_HPP
#define EMBER_EXPORTERS_ONNX_QUANTIZED_HPP

#include <cstdint>
#include <string>

#include "ember/export/model_spec.hpp"
#include "onnx_tensor.hpp"

namespace ember::exporters::onnx_import_detail {

// An int8 activation tensor's parameters as Ember holds them: real = scale · (q − zero_point). A uint8
// tensor (ONNX Runtime's default for activations) maps exactly, with its zero point moved by −128.
struct ActivationQuantization {
  float scale = 0.0f;
  std::int32_t zero_point = 0;
  bool operator==(const ActivationQuantization& other) const;
};

// From a QuantizeLinear or DequantizeLinear node's scale and zero-point constants (zero point may be null):
// one positive finite scale, int8 or uint8. Throws OnnxError naming `what` otherwise.
ActivationQuantization activation_quantization(const Tensor* scale, const Tensor* zero_point, const std::string& what);

// Fills q.weights (out rows of in) and q.weight_scale from a DequantizeLinear'd int8 weight stored as
// [out, in] (weight_out_in) or [in, out]: symmetric (zero points 0), one scale per tensor or per output
// channel.
void set_int8_weights(const Tensor& weight, bool weight_out_in, std::size_t in, std::size_t out, QuantizedDense& q,
                      const std::string& what);

// The int32 bias from a constant: its integers when it is DequantizeLinear(int32, input_scale · weight_scale),
// else round(bias / (input_scale · weight_scale[o])). `bias` holds 1 or out values (already broadcast-checked).
void set_int8_bias(const Tensor& bias, QuantizedDense& q, const std::string& what);

// The output's parameters and the requantization multiplier and shift of every channel: from the scales, or
// from `stored` ("multiplier:shift,..." as `ember export` writes it in the model's metadata, see
// requantization_metadata) when it has one valid pair per channel within 1e-6 of the scales' ratio.
void set_int8_output(const ActivationQuantization& output, QuantizedDense& q, const std::string& what,
                     const std::string* stored);

// The metadata key and value `ember export` writes for int8 layer k, so that a blob whose multipliers are
// not exactly the nearest to its scales (a hand-made or re-tuned one) still comes back byte for byte.
std::string requantization_metadata_key(std::size_t layer);
std::string requantization_metadata(const QuantizedDense& q);

}  // namespace ember::exporters::onnx_import_detail

#endif  // EMBER_EXPORTERS_ONNX_QUANTIZED_HPP
