// Constant tensors of an ONNX graph as the importer sees them: initializers and Constant nodes decoded into
// one value type, and the few constant-only ops exporters leave unfolded, evaluated. Private to
// exporters/src/onnx_*.cpp; the public API is ember/export/onnx_import.hpp.
#ifndef EMBER_EXPORTERS_ONNX_TENSOR_HPP
#define EMBER_EXPORTERS_ONNX_TENSOR_HPP

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::exporters::onnx_import_detail {

// The largest tensor the importer decodes: 16 Mi elements (64 MiB of float32), well above any model that
// fits a microcontroller, and small enough that element counts times 8 bytes never overflow 64 bits.
constexpr std::uint64_t kMaxTensorElements = std::uint64_t{1} << 24;

// A constant that is DequantizeLinear(q, scale, zero_point) of constant integers (a QDQ model's weights and
// biases): the integers and their parameters, which an int8 layer takes as they are.
struct QuantizedOrigin {
  std::vector<std::int64_t> q;
  std::vector<float> scale;            // one per tensor, or one per index of `axis`
  std::vector<std::int64_t> zero_point;  // same count as scale (zeros when absent)
  std::int64_t axis = 1;
  int elem_type = 0;  // onnx::TensorProto::INT8, UINT8 or INT32
};

// Values are held as double: float32, int64 shapes up to 2^53, int8/int32 and bools all convert exactly,
// and float32 values convert back to the same bits.
struct Tensor {
  std::vector<std::int64_t> dims;
  std::vector<double> values;
  bool is_float = true;     // float32 or float64 (as opposed to an integer or bool tensor)
  bool was_double = false;  // stored as float64 in the file
  int elem_type = 1;        // onnx::TensorProto::DataType as stored (FLOAT = 1)
  std::optional<QuantizedOrigin> quantized;  // set when this is the DequantizeLinear of constants

  std::uint64_t count() const { return values.size(); }
  std::string shape_text() const;
};

// Every import error is one line; OnnxError carries it to the CLI.
struct OnnxError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Names from the file, made safe to print on one line: control bytes become '?', at most 80 bytes.
std::string printable(const std::string& name);

// Throws OnnxError for external data, unsupported element types, or data whose length disagrees with dims.
Tensor decode_tensor(const onnx::TensorProto& proto, const std::string& what);

// The value of a Constant node (value, value_float(s), value_int(s)).
Tensor constant_node_value(const onnx::NodeProto& node, const std::string& what);

// True if `op` is one of the ops evaluate_constant_op handles.
bool is_foldable_op(const std::string& op);

// Evaluates a constant-only node: Identity, Cast, Neg, Add, Sub, Mul, Div (same shape or one scalar),
// Transpose (rank 2), Reshape, Flatten, Squeeze, Unsqueeze, QuantizeLinear and DequantizeLinear (per tensor
// or per axis). Throws OnnxError for anything else.
Tensor evaluate_constant_op(const onnx::NodeProto& node, const std::vector<const Tensor*>& inputs,
                            const std::string& what);

// Attribute helpers: the attribute's value, or `fallback` when absent.
std::int64_t int_attribute(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback);
float float_attribute(const onnx::NodeProto& node, const std::string& name, float fallback);
const onnx::AttributeProto* find_attribute(const onnx::NodeProto& node, const std::string& name);

}  // namespace ember::exporters::onnx_import_detail

#endif  // EMBER_EXPORTERS_ONNX_TENSOR_HPP
