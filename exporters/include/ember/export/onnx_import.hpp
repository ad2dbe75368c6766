// `ember import`: an ONNX model (as torch.onnx.export writes MLPs, opsets 9 to 17) to a ModelSpec.
// Supported ops, patterns and every error message: docs/onnx.md.
#ifndef EMBER_EXPORT_ONNX_IMPORT_HPP
#define EMBER_EXPORT_ONNX_IMPORT_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ember/export/model_spec.hpp"

namespace ember::exporters {

// Files above this size are refused before parsing: 64 MiB, far above any model a microcontroller holds
// (the largest float blob Ember runs comfortably is well under 2 MiB).
constexpr std::uint64_t kMaxOnnxFileBytes = std::uint64_t{64} << 20;

struct OnnxImport {
  ModelSpec spec;
  std::vector<std::string> layer_sources;  // per layer: the ONNX nodes it came from, e.g. "Gemm '/0/Gemm' + Relu"
  std::vector<std::string> notes;          // lossless-but-worth-saying conversions (float64 to float32, ...)
};

// Parses `onnx_bytes` with the ONNX library's ModelProto and maps the graph to dense layers. The model name
// is the graph's name when it is 1 to 31 bytes long, else `fallback_name` (cut to 31 bytes).
// Throws std::invalid_argument with a one-line message naming the node, the op and what Ember supports.
OnnxImport import_onnx(const std::vector<std::uint8_t>& onnx_bytes, const std::string& fallback_name);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_ONNX_IMPORT_HPP
