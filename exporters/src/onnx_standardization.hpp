// The affine maps an Ember blob applies around its layers, composed op by op from the Sub/Div/Mul/Add by
// constants an ONNX graph has before its first layer and after its last (docs/onnx.md). Empty vectors are the
// blob's defaults (mean 0, scale 1), so the usual forms (Sub then Div; Mul then Add) keep the file's values
// bit for bit and `ember export --format onnx` round-trips. Private to exporters/src/onnx_*.cpp.
#ifndef EMBER_EXPORTERS_ONNX_STANDARDIZATION_HPP
#define EMBER_EXPORTERS_ONNX_STANDARDIZATION_HPP

#include <string>
#include <vector>

namespace ember::exporters::onnx_import_detail {

// x' = (x − mean) / scale, per feature.
struct InputStandardization {
  std::vector<float> mean, scale;
  // Applies `op` (Sub, Add, Mul or Div) with the constant `c`: op(x', c), or op(c, x') when !data_first (not
  // for Div). Throws OnnxError for a Mul by zero.
  void compose(const std::string& op, bool data_first, const std::vector<float>& c, const std::string& what);
};

// y = z · scale + mean, per output.
struct OutputStandardization {
  std::vector<float> scale, mean;
  bool empty() const { return scale.empty() && mean.empty(); }
  // As InputStandardization::compose, for the network's output z.
  void compose(const std::string& op, bool data_first, const std::vector<float>& c);
};

}  // namespace ember::exporters::onnx_import_detail

#endif  // EMBER_EXPORTERS_ONNX_STANDARDIZATION_HPP
