// `ember export --format onnx`: a float ModelSpec as an ONNX model (opset 13) that onnx.checker accepts and
// that `ember import` turns back into the same blob bytes. Graph layout: docs/onnx.md.
#ifndef EMBER_EXPORT_ONNX_EXPORT_HPP
#define EMBER_EXPORT_ONNX_EXPORT_HPP

#include <string>

#include "ember/export/model_spec.hpp"

namespace ember::exporters {

// The serialized ModelProto; int8 layers in QDQ form. Throws std::invalid_argument for an invalid spec.
std::string write_onnx(const ModelSpec& spec);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_ONNX_EXPORT_HPP
