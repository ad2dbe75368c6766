#include "onnx_standardization.hpp"

#include "onnx_tensor.hpp"

namespace ember::exporters::onnx_import_detail {

void InputStandardization::compose(const std::string& op, bool data_first, const std::vector<float>& c,
                                   const std::string& what) {
  const std::size_t n = c.size();
  if (op == "Mul")
    for (float v : c)
      if (v == 0.0f) throw OnnxError(what + " multiplies the input by zero; Ember's input scale must be non-zero");
  if (op == "Sub" || op == "Add") {
    // x' − c = (x − (mean + c·scale)) / scale; x' + c moves the mean the other way.
    const float sign = op == "Sub" ? 1.0f : -1.0f;
    for (std::size_t i = 0; i < n; ++i) {
      const float shift = sign * (scale.empty() ? c[i] : c[i] * scale[i]);
      if (mean.size() < n) mean.push_back(shift);
      else mean[i] += shift;
    }
    if (op == "Sub" && !data_first) {  // c − x' = (x − (mean + c·scale)) / (−scale)
      if (scale.empty()) scale.assign(n, 1.0f);
      for (float& s : scale) s = -s;
    }
    return;
  }
  if (scale.empty()) scale.assign(n, 1.0f);
  for (std::size_t i = 0; i < n; ++i)  // Div by c multiplies the scale; Mul by c divides it
    scale[i] = op == "Div" ? scale[i] * c[i] : scale[i] / c[i];
}

void OutputStandardization::compose(const std::string& op, bool data_first, const std::vector<float>& c) {
  const std::size_t n = c.size();
  if (op == "Mul" || op == "Div") {
    const bool mul = op == "Mul";
    if (scale.empty()) {
      scale.resize(n);
      for (std::size_t i = 0; i < n; ++i) scale[i] = mul ? c[i] : 1.0f / c[i];
    } else {
      for (std::size_t i = 0; i < n; ++i) scale[i] = mul ? scale[i] * c[i] : scale[i] / c[i];
    }
    for (std::size_t i = 0; i < mean.size(); ++i) mean[i] = mul ? mean[i] * c[i] : mean[i] / c[i];
    return;
  }
  if (op == "Sub" && !data_first) {  // c − y = z·(−scale) + (c − mean)
    if (scale.empty()) scale.assign(n, 1.0f);
    for (float& s : scale) s = -s;
    if (mean.empty()) mean = c;
    else for (std::size_t i = 0; i < n; ++i) mean[i] = c[i] - mean[i];
    return;
  }
  const float sign = op == "Add" ? 1.0f : -1.0f;
  if (mean.empty()) {
    mean.resize(n);
    for (std::size_t i = 0; i < n; ++i) mean[i] = sign * c[i];
  } else {
    for (std::size_t i = 0; i < n; ++i) mean[i] += sign * c[i];
  }
}

}  // namespace ember::exporters::onnx_import_detail
