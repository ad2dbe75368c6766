// Decoding of ONNX tensors (inline typed fields or little-endian raw_data) and evaluation of the
// constant-only nodes that exporters such as torch.onnx.export leave in a graph.
#include "onnx_tensor.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ember::exporters::onnx_import_detail {
namespace {
using onnx::TensorProto;

std::string dims_text(const std::vector<std::int64_t>& dims) {
  std::string s = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "]";
}

// Element count of `dims`, rejecting negative dimensions and anything above kMaxTensorElements.
std::uint64_t checked_count(const std::vector<std::int64_t>& dims, const std::string& what) {
  std::uint64_t count = 1;
  for (std::int64_t d : dims) {
    if (d < 0) throw OnnxError(what + " has a negative dimension " + dims_text(dims));
    const auto u = static_cast<std::uint64_t>(d);
    if (u != 0 && count > kMaxTensorElements / u)
      throw OnnxError(what + " has shape " + dims_text(dims) + ", more than the " +
                      std::to_string(kMaxTensorElements) + " elements Ember imports per tensor");
    count *= u;
  }
  return count;
}

std::uint64_t read_le(const std::string& raw, std::size_t at, std::size_t width) {
  std::uint64_t v = 0;
  for (std::size_t b = 0; b < width; ++b) v |= std::uint64_t{static_cast<std::uint8_t>(raw[at + b])} << (8 * b);
  return v;
}

double raw_element(const std::string& raw, std::size_t i, int type) {
  switch (type) {
    case TensorProto::FLOAT: {
      const auto bits = static_cast<std::uint32_t>(read_le(raw, 4 * i, 4));
      float f;
      std::memcpy(&f, &bits, 4);
      return f;
    }
    case TensorProto::DOUBLE: {
      const std::uint64_t bits = read_le(raw, 8 * i, 8);
      double d;
      std::memcpy(&d, &bits, 8);
      return d;
    }
    case TensorProto::INT64: return static_cast<double>(static_cast<std::int64_t>(read_le(raw, 8 * i, 8)));
    case TensorProto::INT32: return static_cast<std::int32_t>(static_cast<std::uint32_t>(read_le(raw, 4 * i, 4)));
    case TensorProto::INT8: return static_cast<std::int8_t>(raw[i]);
    case TensorProto::UINT8: return static_cast<std::uint8_t>(raw[i]);
    default: return raw[i] != 0;  // BOOL, one byte each
  }
}

std::size_t element_bytes(int type) {
  switch (type) {
    case TensorProto::FLOAT: case TensorProto::INT32: return 4;
    case TensorProto::DOUBLE: case TensorProto::INT64: return 8;
    case TensorProto::BOOL: case TensorProto::INT8: case TensorProto::UINT8: return 1;
    default: return 0;
  }
}

template <typename Field>
void copy_typed(const Field& field, std::uint64_t count, Tensor& t, const std::string& what) {
  if (static_cast<std::uint64_t>(field.size()) != count)
    throw OnnxError(what + " holds " + std::to_string(field.size()) + " values, its shape " + dims_text(t.dims) +
                    " needs " + std::to_string(count));
  t.values.assign(field.begin(), field.end());
}

// Axes for Squeeze/Unsqueeze: an attribute before opset 13, the second input from 13 on.
std::vector<std::int64_t> axes_of(const onnx::NodeProto& node, const std::vector<const Tensor*>& inputs) {
  std::vector<std::int64_t> axes;
  if (const onnx::AttributeProto* a = find_attribute(node, "axes")) axes.assign(a->ints().begin(), a->ints().end());
  if (inputs.size() > 1 && inputs[1] != nullptr)
    for (double v : inputs[1]->values) axes.push_back(static_cast<std::int64_t>(v));
  return axes;
}

std::int64_t normalized_axis(std::int64_t axis, std::size_t rank, const std::string& what) {
  const auto r = static_cast<std::int64_t>(rank);
  if (axis < -r || axis >= r) throw OnnxError(what + ": axis " + std::to_string(axis) + " is out of range");
  return axis < 0 ? axis + r : axis;
}

Tensor binary(const std::string& op, const Tensor& a, const Tensor& b, const std::string& what) {
  Tensor out;
  if (a.dims == b.dims) out.dims = a.dims;
  else if (a.count() == 1 && a.dims.size() <= b.dims.size()) out.dims = b.dims;
  else if (b.count() == 1 && b.dims.size() <= a.dims.size()) out.dims = a.dims;
  else
    throw OnnxError(what + ": folding " + op + " of constants shaped " + a.shape_text() + " and " + b.shape_text() +
                    " is not supported (same shape or one scalar)");
  out.is_float = a.is_float || b.is_float;
  out.was_double = a.was_double || b.was_double;
  const std::size_t n = std::max(a.values.size(), b.values.size());
  const bool in_float32 = out.is_float && !out.was_double;  // as the exporting framework computed it
  out.values.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = a.values[a.count() == 1 ? 0 : i], y = b.values[b.count() == 1 ? 0 : i];
    double r;
    if (in_float32) {
      const float fx = static_cast<float>(x), fy = static_cast<float>(y);
      r = op == "Add" ? fx + fy : op == "Sub" ? fx - fy : op == "Mul" ? fx * fy : fx / fy;
    } else if (!out.is_float && op == "Div") {
      if (y == 0) throw OnnxError(what + ": integer division by zero");
      r = static_cast<double>(static_cast<std::int64_t>(x) / static_cast<std::int64_t>(y));
    } else {
      r = op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y;
    }
    out.values[i] = r;
  }
  return out;
}

Tensor reshape(const Tensor& data, const Tensor& shape, bool allow_zero, const std::string& what) {
  Tensor out = data;
  out.dims.clear();
  std::int64_t unknown = -1;
  std::uint64_t known = 1;
  for (std::size_t i = 0; i < shape.values.size(); ++i) {
    auto d = static_cast<std::int64_t>(shape.values[i]);
    if (d == 0 && !allow_zero) {
      if (i >= data.dims.size()) throw OnnxError(what + ": Reshape copies a dimension the input does not have");
      d = data.dims[i];
    }
    if (d == -1) {
      if (unknown >= 0) throw OnnxError(what + ": Reshape has two -1 dimensions");
      unknown = static_cast<std::int64_t>(i);
      out.dims.push_back(1);
      continue;
    }
    if (d < 0 || (d > 0 && known > kMaxTensorElements / static_cast<std::uint64_t>(d)))
      throw OnnxError(what + ": Reshape to " + shape.shape_text() + " is invalid");
    known *= static_cast<std::uint64_t>(d);
    out.dims.push_back(d);
  }
  if (unknown >= 0) {
    if (known == 0 || data.count() % known != 0) throw OnnxError(what + ": Reshape cannot infer its -1 dimension");
    out.dims[static_cast<std::size_t>(unknown)] = static_cast<std::int64_t>(data.count() / known);
  } else if (known != data.count()) {
    throw OnnxError(what + ": Reshape of " + data.shape_text() + " to " + dims_text(out.dims) + " changes the count");
  }
  return out;
}
// QuantizeLinear / DequantizeLinear of constants, per tensor or per `axis` (opset 13): y = saturate(round(x /
// scale) + zero_point) with ties to even, and x = (q − zero_point) · scale, in float32 as ONNX defines them.
Tensor quantize_linear(const onnx::NodeProto& node, const std::vector<const Tensor*>& in, const std::string& what) {
  const bool quantize = node.op_type() == "QuantizeLinear";
  if (in.size() < 2 || in[0] == nullptr || in[1] == nullptr) throw OnnxError(what + " is missing an input");
  const Tensor& x = *in[0];
  const Tensor& scale = *in[1];
  const Tensor* zero = in.size() > 2 ? in[2] : nullptr;
  if (scale.count() == 0 || (zero != nullptr && zero->count() != scale.count()))
    throw OnnxError(what + ": scale and zero point must have the same number of values");
  std::int64_t axis = 0;
  std::size_t stride = 1, extent = 1;
  if (scale.count() > 1) {
    axis = normalized_axis(int_attribute(node, "axis", 1), x.dims.size(), what);
    extent = static_cast<std::size_t>(x.dims[static_cast<std::size_t>(axis)]);
    if (extent != scale.count())
      throw OnnxError(what + ": " + std::to_string(scale.count()) + " scales for axis " + std::to_string(axis) +
                      " of shape " + x.shape_text());
    for (std::size_t d = static_cast<std::size_t>(axis) + 1; d < x.dims.size(); ++d)
      stride *= static_cast<std::size_t>(x.dims[d]);
  }
  const int q_type = quantize ? (zero ? zero->elem_type : TensorProto::UINT8) : x.elem_type;
  if (q_type != TensorProto::INT8 && q_type != TensorProto::UINT8 && !(q_type == TensorProto::INT32 && !quantize))
    throw OnnxError(what + ": Ember imports int8 and uint8 quantization (and int32 biases)");
  Tensor out;
  out.dims = x.dims;
  out.values.resize(x.values.size());
  for (std::size_t i = 0; i < x.values.size(); ++i) {
    const std::size_t c = scale.count() == 1 ? 0 : (i / stride) % extent;
    const auto s = static_cast<float>(scale.values[c]);
    const double zp = zero ? zero->values[c] : 0.0;
    if (quantize) {
      const double lo = q_type == TensorProto::INT8 ? -128 : 0, hi = q_type == TensorProto::INT8 ? 127 : 255;
      out.values[i] = std::min(hi, std::max(lo, std::nearbyint(static_cast<float>(x.values[i]) / s) + zp));
    } else {
      out.values[i] = static_cast<float>(x.values[i] - zp) * s;
    }
  }
  if (quantize) {
    out.is_float = false;
    out.elem_type = q_type;
    return out;
  }
  QuantizedOrigin origin;
  for (double v : x.values) origin.q.push_back(static_cast<std::int64_t>(v));
  for (double v : scale.values) origin.scale.push_back(static_cast<float>(v));
  for (std::size_t c = 0; c < scale.count(); ++c)
    origin.zero_point.push_back(zero ? static_cast<std::int64_t>(zero->values[c]) : 0);
  origin.axis = axis;
  origin.elem_type = q_type;
  out.quantized = std::move(origin);
  return out;
}
}  // namespace

std::string Tensor::shape_text() const { return dims_text(dims); }

std::string printable(const std::string& name) {
  std::string s;
  for (char c : name.substr(0, 80)) s += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  return name.size() > 80 ? s + "..." : s;
}

const onnx::AttributeProto* find_attribute(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

std::int64_t int_attribute(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback) {
  const onnx::AttributeProto* a = find_attribute(node, name);
  return a != nullptr ? a->i() : fallback;
}

float float_attribute(const onnx::NodeProto& node, const std::string& name, float fallback) {
  const onnx::AttributeProto* a = find_attribute(node, name);
  return a != nullptr ? a->f() : fallback;
}

Tensor decode_tensor(const TensorProto& p, const std::string& what) {
  if (p.data_location() == TensorProto::EXTERNAL || p.external_data_size() > 0)
    throw OnnxError(what + " keeps its data in an external file; Ember imports self-contained .onnx files "
                           "(onnx.save(model, path, save_as_external_data=False))");
  if (p.has_segment()) throw OnnxError(what + " is a segment of a tensor; Ember imports whole tensors");
  Tensor t;
  t.dims.assign(p.dims().begin(), p.dims().end());
  const std::uint64_t count = checked_count(t.dims, what);
  const int type = p.data_type();
  const std::size_t width = element_bytes(type);
  if (width == 0)
    throw OnnxError(what + " has element type " + TensorProto_DataType_Name(static_cast<TensorProto::DataType>(type)) +
                    "; Ember imports float32 (float64 is converted)");
  t.is_float = type == TensorProto::FLOAT || type == TensorProto::DOUBLE;
  t.was_double = type == TensorProto::DOUBLE;
  t.elem_type = type;
  if (!p.raw_data().empty()) {
    if (p.raw_data().size() != count * width)
      throw OnnxError(what + " holds " + std::to_string(p.raw_data().size()) + " bytes of data, its shape " +
                      t.shape_text() + " needs " + std::to_string(count * width));
    t.values.resize(count);
    for (std::uint64_t i = 0; i < count; ++i) t.values[i] = raw_element(p.raw_data(), i, type);
    return t;
  }
  switch (type) {
    case TensorProto::FLOAT: copy_typed(p.float_data(), count, t, what); break;
    case TensorProto::DOUBLE: copy_typed(p.double_data(), count, t, what); break;
    case TensorProto::INT64: copy_typed(p.int64_data(), count, t, what); break;
    default: copy_typed(p.int32_data(), count, t, what); break;  // INT32, INT8, UINT8 and BOOL
  }
  return t;
}

Tensor constant_node_value(const onnx::NodeProto& node, const std::string& what) {
  if (node.attribute_size() != 1) throw OnnxError(what + " must have exactly one value attribute");
  const onnx::AttributeProto& a = node.attribute(0);
  Tensor t;
  if (a.name() == "value") return decode_tensor(a.t(), what);
  if (a.name() == "value_float") {
    t.values = {a.f()};
  } else if (a.name() == "value_floats") {
    t.values.assign(a.floats().begin(), a.floats().end());
    t.dims = {static_cast<std::int64_t>(t.values.size())};
  } else if (a.name() == "value_int") {
    t.values = {static_cast<double>(a.i())};
    t.is_float = false;
  } else if (a.name() == "value_ints") {
    for (std::int64_t v : a.ints()) t.values.push_back(static_cast<double>(v));
    t.dims = {static_cast<std::int64_t>(t.values.size())};
    t.is_float = false;
  } else {
    throw OnnxError(what + " holds a " + printable(a.name()) + "; Ember imports dense numeric constants");
  }
  checked_count(t.dims, what);
  return t;
}

bool is_foldable_op(const std::string& op) {
  static const char* const ops[] = {"Identity", "Cast", "Neg",     "Add",     "Sub",      "Mul",
                                    "Div",      "Transpose", "Reshape", "Flatten", "Squeeze", "Unsqueeze",
                                    "QuantizeLinear", "DequantizeLinear"};
  return std::find(std::begin(ops), std::end(ops), op) != std::end(ops);
}

static Tensor fold_constant_op(const onnx::NodeProto& node, const std::vector<const Tensor*>& in,
                               const std::string& what) {
  const std::string& op = node.op_type();
  const std::size_t needed = (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" || op == "Reshape") ? 2 : 1;
  if (in.size() < needed || std::any_of(in.begin(), in.begin() + needed, [](const Tensor* t) { return !t; }))
    throw OnnxError(what + " is missing an input");
  const Tensor& x = *in[0];
  if (op == "Identity") return x;
  if (op == "Neg") {
    Tensor out = x;
    for (double& v : out.values) v = -v;
    return out;
  }
  if (op == "Cast") {
    Tensor out = x;
    const std::int64_t to = int_attribute(node, "to", 0);
    if (to == TensorProto::FLOAT) {
      for (double& v : out.values) v = static_cast<float>(v);
      out.is_float = true;
      out.was_double = false;
    } else if (to == TensorProto::DOUBLE) {
      out.is_float = out.was_double = true;
    } else if (to == TensorProto::INT64 || to == TensorProto::INT32) {
      for (double& v : out.values) v = static_cast<double>(static_cast<std::int64_t>(v));
      out.is_float = out.was_double = false;
    } else {
      throw OnnxError(what + ": Cast to element type " + std::to_string(to) + " is not supported");
    }
    return out;
  }
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") return binary(op, x, *in[1], what);
  if (op == "Transpose") {
    if (x.dims.size() != 2) throw OnnxError(what + ": only rank-2 constants can be transposed");
    const onnx::AttributeProto* perm = find_attribute(node, "perm");
    if (perm != nullptr && perm->ints_size() == 2 && perm->ints(0) == 0) return x;
    Tensor out = x;
    const auto rows = static_cast<std::size_t>(x.dims[0]), cols = static_cast<std::size_t>(x.dims[1]);
    out.dims = {x.dims[1], x.dims[0]};
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c) out.values[c * rows + r] = x.values[r * cols + c];
    return out;
  }
  if (op == "Reshape") return reshape(x, *in[1], int_attribute(node, "allowzero", 0) != 0, what);
  if (op == "Flatten") {
    const std::int64_t axis = int_attribute(node, "axis", 1);
    const auto a = static_cast<std::size_t>(axis == static_cast<std::int64_t>(x.dims.size())
                                                ? axis
                                                : normalized_axis(axis, x.dims.size(), what));
    std::int64_t outer = 1;
    for (std::size_t i = 0; i < a; ++i) outer *= x.dims[i];
    Tensor out = x;
    out.dims = {outer, outer == 0 ? 0 : static_cast<std::int64_t>(x.count()) / outer};
    return out;
  }
  if (op == "Squeeze" || op == "Unsqueeze") {
    std::vector<std::int64_t> axes = axes_of(node, in);
    Tensor out = x;
    if (op == "Squeeze") {
      out.dims.clear();
      for (std::size_t i = 0; i < x.dims.size(); ++i) {
        const bool listed = std::any_of(axes.begin(), axes.end(), [&](std::int64_t a) {
          return normalized_axis(a, x.dims.size(), what) == static_cast<std::int64_t>(i);
        });
        if ((axes.empty() && x.dims[i] == 1) || listed) continue;
        out.dims.push_back(x.dims[i]);
      }
    } else {
      const std::size_t rank = x.dims.size() + axes.size();
      for (std::int64_t& a : axes) a = normalized_axis(a, rank, what);
      std::sort(axes.begin(), axes.end());
      for (std::int64_t a : axes) out.dims.insert(out.dims.begin() + a, 1);
    }
    return out;
  }
  if (op == "QuantizeLinear" || op == "DequantizeLinear") return quantize_linear(node, in, what);
  throw OnnxError(what + ": " + printable(op) + " cannot be folded");
}

Tensor evaluate_constant_op(const onnx::NodeProto& node, const std::vector<const Tensor*>& in,
                            const std::string& what) {
  Tensor out = fold_constant_op(node, in, what);
  // The integers behind a DequantizeLinear only describe the result of that node (or of an Identity of it).
  if (node.op_type() != "DequantizeLinear" && node.op_type() != "Identity") out.quantized.reset();
  return out;
}

}  // namespace ember::exporters::onnx_import_detail
