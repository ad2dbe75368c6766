// ONNX -> ModelSpec. The graph must be one chain from the single [N, features] input to the single output:
// optional Sub/Div/Mul/Add by constants (the input standardization), then dense layers (Gemm, or MatMul and
// an Add of the bias) each followed by at most one activation, then optional Mul/Add/Sub/Div by constants
// (the output de-standardization). Shape-only ops (Identity, Dropout in inference, Flatten, Reshape to
// [N, k], Transpose) pass the tensor through. Everything else is one line naming the node: docs/onnx.md.
#include "ember/export/onnx_import.hpp"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "onnx_quantized.hpp"
#include "onnx_standardization.hpp"
#include "onnx_tensor.hpp"

namespace ember::exporters {
namespace {
using namespace onnx_import_detail;

constexpr const char* kSupportedOps =
    "Ember imports Gemm, MatMul, Relu, Tanh, Sigmoid, Softmax, Flatten, Identity, Reshape, Transpose, Dropout and "
    "Add/Sub/Mul/Div by constants";
constexpr std::int64_t kMinOpset = 9, kMaxOpset = 17;

std::string hint_for(const std::string& op) {
  if (op == "Conv" || op == "ConvTranspose" || op == "MaxPool" || op == "AveragePool" || op == "GlobalAveragePool" ||
      op == "LSTM" || op == "GRU" || op == "RNN")
    return "Ember has dense layers only (nn.Linear), on a flattened [N, features] input";
  if (op == "LeakyRelu" || op == "Elu" || op == "Selu" || op == "Gelu" || op == "PRelu" || op == "HardSigmoid" ||
      op == "HardSwish" || op == "Softplus" || op == "Clip" || op == "Mish" || op == "ThresholdedRelu")
    return "Ember's activations are Relu, Tanh, Sigmoid and Softmax";
  if (op == "LogSoftmax") return "use Softmax and take the logarithm on the host";
  if (op == "BatchNormalization" || op == "LayerNormalization" || op == "InstanceNormalization")
    return "fold it into the neighbouring Linear layer before export, or standardize the input with Sub/Div";
  if (op == "If" || op == "Loop" || op == "Scan" || op == "Where")
    return "Ember imports a straight chain of layers without control flow";
  if (op == "Shape" || op == "Gather" || op == "Concat" || op == "Slice" || op == "Unsqueeze" || op == "Squeeze" ||
      op == "Expand")
    return "export with a fixed input shape (torch.onnx.export(..., do_constant_folding=True)) so shapes are constants";
  return kSupportedOps;
}

std::string node_label(const onnx::NodeProto& node, int index) {
  const std::string who = node.name().empty() ? "#" + std::to_string(index) : "'" + printable(node.name()) + "'";
  return "node " + who + " (" + printable(node.op_type()) + ")";
}

bool is_activation(const std::string& op) {
  return op == "Relu" || op == "Tanh" || op == "Sigmoid" || op == "Softmax";
}

// The ops that may sit on the data path.
bool is_data_op(const std::string& op) {
  static const char* const ops[] = {"Gemm",     "MatMul",  "Add",   "Sub",     "Mul",     "Div",
                                    "Identity", "Dropout", "Flatten", "Reshape", "Transpose",
                                    "QuantizeLinear", "DequantizeLinear"};
  return is_activation(op) || std::find(std::begin(ops), std::end(ops), op) != std::end(ops);
}


Activation activation_of(const std::string& op) {
  return op == "Relu" ? Activation::relu : op == "Tanh" ? Activation::tanh
         : op == "Sigmoid" ? Activation::sigmoid : Activation::softmax;
}

// A computed tensor on the chain: [N, width], or [width, N] after a Transpose (`transposed`).
struct DataTensor {
  std::uint32_t width = 0;
  bool transposed = false;
  bool consumed = false;
  std::string not_usable;  // why it cannot feed a node (an extra graph input, Dropout's mask), or empty
  std::string consumer;    // label of the node that read it
  // QDQ models: the tensor holds a QuantizeLinear's integers (only a DequantizeLinear may read it), or it is a
  // DequantizeLinear's float result, exactly representable with these parameters.
  std::optional<ActivationQuantization> integers, dequantized;
};

class GraphImporter {
 public:
  GraphImporter(const onnx::ModelProto& model, const std::string& fallback_name)
      : model_(model), graph_(model.graph()), fallback_name_(fallback_name) {}

  OnnxImport run() {
    read_opset();
    for (const auto& init : graph_.initializer())
      constants_[init.name()] = decode_tensor(init, "initializer '" + printable(init.name()) + "'");
    read_input();
    for (int i = 0; i < graph_.node_size(); ++i) import_node(graph_.node(i), node_label(graph_.node(i), i));
    finish();
    return std::move(result_);
  }

 private:
  void read_opset() {
    bool found = false;
    for (const auto& o : model_.opset_import()) {
      if (!o.domain().empty() && o.domain() != "ai.onnx") continue;
      found = true;
      opset_ = o.version();
    }
    if (!found) throw OnnxError("the model declares no opset for the ONNX domain (truncated or not an ONNX model?)");
    if (opset_ < kMinOpset || opset_ > kMaxOpset)
      throw OnnxError("the model uses opset " + std::to_string(opset_) + "; Ember imports opsets 9 to 17 "
                      "(torch.onnx.export(..., opset_version=13))");
  }

  void read_input() {
    const onnx::ValueInfoProto* input = nullptr;
    for (const auto& vi : graph_.input()) {
      if (constants_.count(vi.name())) continue;  // IR < 4 lists initializers as inputs too
      if (input == nullptr) {
        input = &vi;
      } else {
        DataTensor extra;
        extra.not_usable = "graph input '" + printable(vi.name()) + "'";
        data_[vi.name()] = extra;
        extra_inputs_.push_back(vi.name());
      }
    }
    if (input == nullptr) throw OnnxError("the graph has no input; Ember models take one [N, features] input");
    const std::string what = "graph input '" + printable(input->name()) + "'";
    const auto& type = input->type();
    if (!type.has_tensor_type() || (type.tensor_type().elem_type() != onnx::TensorProto::FLOAT &&
                                    type.tensor_type().elem_type() != onnx::TensorProto::DOUBLE))
      throw OnnxError(what + " is not a float tensor; Ember models take float32 [N, features]");
    if (type.tensor_type().elem_type() == onnx::TensorProto::DOUBLE)
      result_.notes.push_back("the graph input is float64; the blob takes float32");
    const auto& shape = type.tensor_type().shape();
    std::string text = "[";
    for (int i = 0; i < shape.dim_size(); ++i)
      text += (i ? "," : "") + (shape.dim(i).has_dim_value() ? std::to_string(shape.dim(i).dim_value())
                                                             : printable(shape.dim(i).dim_param()));
    text += "]";
    const bool features_fixed = shape.dim_size() == 2 && shape.dim(1).has_dim_value() &&
                                shape.dim(1).dim_value() >= 1 && shape.dim(1).dim_value() <= 65535;
    if (!type.tensor_type().has_shape() || !features_fixed)
      throw OnnxError(what + " has shape " + (type.tensor_type().has_shape() ? text : "(none)") +
                      "; Ember models take [N, features] with 1 to 65535 fixed features (flatten the input before "
                      "export)");
    if (shape.dim(0).has_dim_value()) static_batch_ = shape.dim(0).dim_value();
    DataTensor in;
    in.width = static_cast<std::uint32_t>(shape.dim(1).dim_value());
    data_[input->name()] = in;
  }

  [[noreturn]] void unsupported(const std::string& what, const std::string& op) const {
    throw OnnxError(what + ": unsupported op; " + hint_for(op));
  }

  void import_node(const onnx::NodeProto& node, const std::string& what) {
    const std::string& op = node.op_type();
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      throw OnnxError(what + ": op from domain '" + printable(node.domain()) + "' is not supported; " + kSupportedOps);
    if (node.output_size() < 1 || node.output(0).empty()) throw OnnxError(what + " has no output");
    for (const std::string& out : node.output())
      if (!out.empty() && (constants_.count(out) || data_.count(out)))
        throw OnnxError(what + " redefines tensor '" + printable(out) + "'; ONNX assigns each tensor once");
    if (op == "Constant") {
      constants_[node.output(0)] = constant_node_value(node, what);
      return;
    }
    std::vector<const Tensor*> consts(static_cast<std::size_t>(node.input_size()), nullptr);
    std::vector<int> data_inputs;
    for (int i = 0; i < node.input_size(); ++i) {
      const std::string& name = node.input(i);
      if (name.empty()) continue;  // an omitted optional input
      if (auto c = constants_.find(name); c != constants_.end()) {
        consts[static_cast<std::size_t>(i)] = &c->second;
      } else if (data_.count(name)) {
        data_inputs.push_back(i);
      } else {
        throw OnnxError(what + " reads '" + printable(name) + "', which no initializer or earlier node produces");
      }
    }
    if (data_inputs.empty()) {
      if (!is_foldable_op(op))
        throw OnnxError(what + ": only computes on constants, and Ember folds only Identity, Cast, Neg, Add, Sub, "
                               "Mul, Div, Transpose, Reshape, Flatten, Squeeze and Unsqueeze of constants");
      constants_[node.output(0)] = evaluate_constant_op(node, consts, what);
      return;
    }
    const bool is_dense = op == "Gemm" || op == "MatMul";
    if (!is_data_op(op)) unsupported(what, op);
    if (data_inputs.size() > 1) {
      const std::string second = printable(node.input(data_inputs[1]));
      if (is_dense)
        throw OnnxError(what + " takes its weight from the computed tensor '" + second +
                        "' (a dynamic weight); Ember needs weights stored as initializers or Constant nodes");
      throw OnnxError(what + " combines two computed tensors ('" + printable(node.input(data_inputs[0])) + "' and '" +
                      second + "'): a branch or skip connection; Ember imports a single chain of layers");
    }
    const int at = data_inputs[0];
    DataTensor& d = data_.at(node.input(at));
    if (!d.not_usable.empty())
      throw OnnxError(what + " reads " + d.not_usable + "; Ember models take one input and use only the data path" +
                      (is_dense ? " (weights must be initializers)" : ""));
    if (d.consumed)
      throw OnnxError("tensor '" + printable(node.input(at)) + "' feeds both " + d.consumer + " and " + what +
                      ": a branch; Ember imports a single chain of layers");
    d.consumed = true;
    d.consumer = what;
    const DataTensor in = d;
    if (in.integers && op != "DequantizeLinear")
      throw OnnxError(what + " reads the integers of a QuantizeLinear; Ember expects a DequantizeLinear right after "
                      "each QuantizeLinear (QDQ format)");

    DataTensor out = in;
    out.consumed = false;
    out.consumer.clear();
    if (is_dense) {
      out = dense(node, what, in, at, consts);
    } else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
      elementwise(node, what, in, at, consts);
    } else if (is_activation(op)) {
      activation(node, what, in);
    } else if (op == "Identity") {
    } else if (op == "Dropout") {
      dropout(what, consts);
    } else if (op == "Flatten") {
      const std::int64_t axis = int_attribute(node, "axis", 1);
      if (axis != 1 && axis != -1)
        throw OnnxError(what + ": Flatten(axis=" + std::to_string(axis) + ") would mix samples and features; "
                        "Ember keeps [N, features] (axis=1)");
    } else if (op == "Reshape") {
      reshape(node, what, in, consts);
    } else if (op == "QuantizeLinear") {
      out.integers = quantize(what, in, consts);
      out.dequantized.reset();
    } else if (op == "DequantizeLinear") {
      const ActivationQuantization a = activation_quantization(consts.size() > 1 ? consts[1] : nullptr,
                                                               consts.size() > 2 ? consts[2] : nullptr, what);
      if (!in.integers || !(a == *in.integers))
        throw OnnxError(what + " does not undo the QuantizeLinear before it (another scale or zero point)");
      out.integers.reset();
      out.dequantized = a;
    } else if (op == "Transpose") {
      const onnx::AttributeProto* perm = find_attribute(node, "perm");
      const bool keep = perm != nullptr && perm->ints_size() == 2 && perm->ints(0) == 0 && perm->ints(1) == 1;
      const bool swap = perm == nullptr || (perm->ints_size() == 2 && perm->ints(0) == 1 && perm->ints(1) == 0);
      if (!keep && !swap) throw OnnxError(what + ": only rank-2 transposes are supported");
      out.transposed = swap ? !in.transposed : in.transposed;
    } else {
      unsupported(what, op);
    }
    data_[node.output(0)] = out;
    for (int i = 1; i < node.output_size(); ++i) {
      if (node.output(i).empty()) continue;
      DataTensor side;
      side.not_usable = "output " + std::to_string(i) + " of " + what;
      data_[node.output(i)] = side;
    }
    tip_ = node.output(0);
  }

  // One value per feature from a constant that broadcasts along the samples axis: a scalar, [k] or [1, k] for
  // [N, k] data, [k, 1] for transposed [k, N] data.
  std::vector<float> per_feature(const Tensor& c, const std::string& cname, std::uint32_t width, bool transposed,
                                 const std::string& what) {
    const std::size_t rank = c.dims.size();
    bool ok = c.count() == 1 && rank <= 2;
    if (!transposed) ok = ok || (rank == 1 && c.dims[0] == width) || (rank == 2 && c.dims[0] == 1 && c.dims[1] == width);
    else ok = ok || (rank == 2 && c.dims[0] == width && c.dims[1] == 1);
    if (!ok)
      throw OnnxError(what + ": constant '" + printable(cname) + "' of shape " + c.shape_text() +
                      " does not give one value per feature of a tensor " + std::to_string(width) +
                      " wide; Ember needs a scalar, [k] or [1, k]");
    uses_double_ = uses_double_ || c.was_double;
    std::vector<float> v(width);
    for (std::uint32_t i = 0; i < width; ++i) v[i] = static_cast<float>(c.values[c.count() == 1 ? 0 : i]);
    return v;
  }

  DataTensor dense(const onnx::NodeProto& node, const std::string& what, const DataTensor& in, int at,
                   const std::vector<const Tensor*>& consts) {
    const bool gemm = node.op_type() == "Gemm";
    if (node.input_size() < 2) throw OnnxError(what + " needs two operands, the data and a constant weight");
    if (!output_.empty())
      throw OnnxError(what + " follows a Mul/Add/Sub/Div on the previous layer's output; Ember applies constants "
                      "only before the first layer and after the last (fold them into the weights)");
    if (at > 1) throw OnnxError(what + " takes its bias from a computed tensor; Ember needs constant biases");
    close_int8_layer_check(what);
    const bool trans_a = gemm && int_attribute(node, "transA", 0) != 0;
    const bool trans_b = gemm && int_attribute(node, "transB", 0) != 0;
    const float alpha = gemm ? float_attribute(node, "alpha", 1.0f) : 1.0f;
    const float beta = gemm ? float_attribute(node, "beta", 1.0f) : 1.0f;
    // Data as A: A' = [N, in] and B' = [in, out]. Data as B: B' = [in, N] and A' = [out, in], output [out, N].
    const bool data_is_a = at == 0;
    const bool layout_ok = data_is_a ? in.transposed == trans_a : in.transposed == !trans_b;
    if (!layout_ok)
      throw OnnxError(what + ": with transA=" + std::to_string(trans_a) + " transB=" + std::to_string(trans_b) +
                      " the product would mix samples; Ember's layers multiply each sample by the weights");
    const bool weight_out_in = data_is_a ? trans_b : !trans_a;  // stored as [out, in] rather than [in, out]
    const Tensor* w = consts[data_is_a ? 1 : 0];
    if (w == nullptr || w->dims.size() != 2)
      throw OnnxError(what + " needs a rank-2 constant weight" + (w ? ", got shape " + w->shape_text() : "") +
                      "; Ember's dense layers hold a weight matrix");
    const std::int64_t w_in = weight_out_in ? w->dims[1] : w->dims[0];
    const std::int64_t w_out = weight_out_in ? w->dims[0] : w->dims[1];
    if (w_in != in.width)
      throw OnnxError(what + ": weight of shape " + w->shape_text() + " does not take the " +
                      std::to_string(in.width) + " features of its input");
    if (w_out < 1 || w_out > 65535)
      throw OnnxError(what + ": " + std::to_string(w_out) + " outputs; Ember layers have 1 to 65535");
    if (!w->is_float && !w->quantized) throw OnnxError(what + ": the weight is not a float tensor");
    uses_double_ = uses_double_ || w->was_double;
    DenseLayerSpec layer;
    layer.in_width = static_cast<std::uint16_t>(w_in);
    layer.out_width = static_cast<std::uint16_t>(w_out);
    const auto n_in = static_cast<std::size_t>(w_in), n_out = static_cast<std::size_t>(w_out);
    const bool has_c = gemm && node.input_size() > 2 && !node.input(2).empty();
    const bool int8 = in.dequantized && w->quantized && w->quantized->elem_type == onnx::TensorProto::INT8;
    if (in.dequantized && !int8 && !(previous_int8_output_ && *previous_int8_output_ == *in.dequantized))
      throw OnnxError(what + ": its input is quantized (QuantizeLinear/DequantizeLinear) but its weight is not int8; "
                      "Ember runs a layer in int8 when its weight is the DequantizeLinear of an int8 initializer");
    if (int8) {
      if (alpha != 1.0f || (has_c && beta != 1.0f))
        throw OnnxError(what + ": an int8 Gemm must have alpha and beta 1");
      QuantizedDense q;
      q.input_scale = in.dequantized->scale;
      q.input_zero_point = in.dequantized->zero_point;
      set_int8_weights(*w, weight_out_in, n_in, n_out, q, what);
      if (has_c) {
        per_feature(*consts[2], node.input(2), layer.out_width, !data_is_a, what);  // the shape check
        set_int8_bias(*consts[2], q, what);
      } else {
        q.bias.assign(n_out, 0);
      }
      layer.int8 = std::move(q);
      return add_layer(node, std::move(layer), has_c, !data_is_a, true);
    }
    if (w->quantized)
      result_.notes.push_back("layer " + std::to_string(spec_.layers.size()) +
                              ": weight-only quantization, imported as float32 weights");
    layer.weights.resize(n_in * n_out);
    for (std::size_t o = 0; o < n_out; ++o)
      for (std::size_t i = 0; i < n_in; ++i) {
        const float v = static_cast<float>(w->values[weight_out_in ? o * n_in + i : i * n_out + o]);
        layer.weights[o * n_in + i] = alpha == 1.0f ? v : alpha * v;
      }
    if (has_c) {
      layer.bias = per_feature(*consts[2], node.input(2), layer.out_width, !data_is_a, what);
      if (beta != 1.0f)
        for (float& b : layer.bias) b *= beta;
    } else {
      layer.bias.assign(n_out, 0.0f);
    }
    return add_layer(node, std::move(layer), has_c, !data_is_a, false);
  }

  DataTensor add_layer(const onnx::NodeProto& node, DenseLayerSpec layer, bool has_bias, bool transposed, bool int8) {
    if (spec_.layers.empty()) {
      spec_.input_mean = input_.mean;
      spec_.input_scale = input_.scale;
    }
    DataTensor out;
    out.width = layer.out_width;
    out.transposed = transposed;
    spec_.layers.push_back(std::move(layer));
    bias_open_ = !has_bias;
    activation_set_ = false;
    int8_open_ = int8;
    int8_layer_node_ = node_name_for_messages(node);
    previous_int8_output_.reset();
    result_.layer_sources.push_back(printable(node.op_type()) + " '" + printable(node.name()) + "'" +
                                    (int8 ? " (int8)" : ""));
    return out;
  }

  static std::string node_name_for_messages(const onnx::NodeProto& node) { return "'" + printable(node.name()) + "'"; }

  // An int8 layer ends at the QuantizeLinear of its output; nothing else may come first.
  void close_int8_layer_check(const std::string& what) const {
    if (int8_open_)
      throw OnnxError(what + " comes before the QuantizeLinear of int8 layer " + std::to_string(spec_.layers.size() - 1) +
                      " (node " + int8_layer_node_ + "); Ember's int8 layers output int8: quantize the layer's "
                      "output right after it (and its Relu)");
  }

  // QuantizeLinear on the data: the output parameters of the int8 layer it closes, or the input parameters of
  // the int8 layer that follows.
  ActivationQuantization quantize(const std::string& what, const DataTensor& in, const std::vector<const Tensor*>& consts) {
    const ActivationQuantization a = activation_quantization(consts.size() > 1 ? consts[1] : nullptr,
                                                             consts.size() > 2 ? consts[2] : nullptr, what);
    if (in.dequantized)
      throw OnnxError(what + " quantizes a tensor that is already quantized; Ember expects one QuantizeLinear/"
                      "DequantizeLinear pair between layers");
    if (!output_.empty())
      throw OnnxError(what + " follows a Mul/Add/Sub/Div of the output; Ember quantizes before the de-standardization");
    if (int8_open_) {
      const std::string* stored = nullptr;
      for (const auto& prop : model_.metadata_props())
        if (prop.key() == requantization_metadata_key(spec_.layers.size() - 1)) stored = &prop.value();
      set_int8_output(a, *spec_.layers.back().int8, what, stored);
      int8_open_ = false;
      previous_int8_output_ = a;
      result_.layer_sources.back() += " + QuantizeLinear";
    }
    return a;
  }

  void elementwise(const onnx::NodeProto& node, const std::string& what, const DataTensor& in, int at,
                   const std::vector<const Tensor*>& consts) {
    const std::string& op = node.op_type();
    const int other = at == 0 ? 1 : 0;
    if (node.input_size() != 2 || consts[static_cast<std::size_t>(other)] == nullptr)
      throw OnnxError(what + " needs two operands, one of them constant");
    const std::vector<float> c = per_feature(*consts[static_cast<std::size_t>(other)], node.input(other), in.width,
                                             in.transposed, what);
    const bool data_first = at == 0;
    if (op == "Div" && !data_first)
      throw OnnxError(what + " divides a constant by the data; Ember supports (x - mean) / scale and z * scale + mean");
    if (spec_.layers.empty() && in.dequantized)
      throw OnnxError(what + " follows a DequantizeLinear before the first layer; Ember quantizes the standardized "
                      "input (put the QuantizeLinear after the Sub/Div)");
    if (spec_.layers.empty()) return input_.compose(op, data_first, c, what);
    if (int8_open_ && op == "Add" && bias_open_ && !activation_set_) {  // MatMul + Add of an int8 layer: its bias
      set_int8_bias(*consts[static_cast<std::size_t>(other)], *spec_.layers.back().int8, what);
      bias_open_ = false;
      result_.layer_sources.back() += " + Add '" + printable(node.name()) + "'";
      return;
    }
    close_int8_layer_check(what);
    if (op == "Add" && bias_open_ && !activation_set_ && output_.empty()) {
      std::vector<float>& bias = spec_.layers.back().bias;
      for (std::size_t o = 0; o < bias.size(); ++o) bias[o] += c[o];
      bias_open_ = false;
      result_.layer_sources.back() += " + Add '" + printable(node.name()) + "'";
      return;
    }
    output_.compose(op, data_first, c);
    bias_open_ = false;
  }

  void activation(const onnx::NodeProto& node, const std::string& what, const DataTensor& in) {
    const std::string& op = node.op_type();
    if (spec_.layers.empty())
      throw OnnxError(what + " comes before the first Gemm/MatMul; an Ember model starts with a dense layer "
                      "(Sub/Div/Mul/Add by constants may precede it)");
    if (activation_set_)
      throw OnnxError(what + " is a second activation on one layer; Ember applies one activation per dense layer");
    if (!output_.empty())
      throw OnnxError(what + " follows a Mul/Add/Sub/Div of the layer's output; Ember applies the activation right "
                      "after the dense layer");
    if (in.dequantized)
      throw OnnxError(what + " follows the DequantizeLinear of int8 layer " + std::to_string(spec_.layers.size() - 1) +
                      "'s output; Ember folds Relu into int8 layers before their QuantizeLinear, and keeps layers "
                      "with tanh, sigmoid or softmax in float");
    if (int8_open_ && op != "Relu")
      throw OnnxError(what + ": int8 layer " + std::to_string(spec_.layers.size() - 1) + " ends in identity or "
                      "Relu in Ember; keep a layer with " + op + " in float (exclude it from quantization)");
    if (op == "Softmax") {
      const std::int64_t axis = int_attribute(node, "axis", opset_ < 13 ? 1 : -1);
      const bool per_sample = in.transposed ? (opset_ >= 13 && (axis == 0 || axis == -2)) : (axis == 1 || axis == -1);
      if (!per_sample)
        throw OnnxError(what + ": Softmax over axis " + std::to_string(axis) + " is not over each sample's "
                        "features; Ember's softmax runs over the last axis of [N, features]");
    }
    spec_.layers.back().activation = activation_of(op);
    activation_set_ = true;
    bias_open_ = false;
    result_.layer_sources.back() += " + " + op + " '" + printable(node.name()) + "'";
  }

  void dropout(const std::string& what, const std::vector<const Tensor*>& consts) {
    // From opset 12 the mode is the third input; absent means inference. Before 12 Dropout is inference-only.
    if (consts.size() > 2 && consts[2] != nullptr && !consts[2]->values.empty() && consts[2]->values[0] != 0.0)
      throw OnnxError(what + " is in training mode; export the model after model.eval()");
  }

  void reshape(const onnx::NodeProto& node, const std::string& what, const DataTensor& in,
               const std::vector<const Tensor*>& consts) {
    const Tensor* shape = consts.size() > 1 ? consts[1] : nullptr;
    if (shape == nullptr)
      throw OnnxError(what + " takes its shape from a computed tensor; export with a fixed input shape so "
                      "torch folds it into a constant");
    const bool allow_zero = int_attribute(node, "allowzero", 0) != 0;
    auto batch_like = [&](double v) {
      return (v == 0.0 && !allow_zero) || (static_batch_ > 0 && v == static_cast<double>(static_batch_));
    };
    const double k = in.width;
    bool ok = false;
    if (shape->values.size() == 2) {
      const double a = shape->values[0], b = shape->values[1];
      ok = in.transposed ? ((a == k || (a == 0.0 && !allow_zero)) && (b == -1.0 || batch_like(b)))
                         : ((b == k && (a == -1.0 || batch_like(a))) || (b == -1.0 && batch_like(a)));
    }
    if (!ok) {
      std::string target = "[";
      for (std::size_t i = 0; i < shape->values.size(); ++i)
        target += (i ? "," : "") + std::to_string(static_cast<std::int64_t>(shape->values[i]));
      throw OnnxError(what + ": Reshape to " + target + "] is not a reshape to [N, " + std::to_string(in.width) +
                      "]; Ember keeps one row of features per sample");
    }
  }

  void finish() {
    close_int8_layer_check("the graph's end");
    for (const std::string& name : extra_inputs_)
      if (!data_.at(name).consumed)
        throw OnnxError("the graph has more than one input ('" + printable(name) +
                        "' is unused); Ember models take one [N, features] input");
    if (graph_.output_size() != 1)
      throw OnnxError("the graph has " + std::to_string(graph_.output_size()) + " outputs; Ember models have one");
    const std::string& out = graph_.output(0).name();
    if (spec_.layers.empty())
      throw OnnxError("the graph has no Gemm or MatMul; an Ember model needs at least one dense layer");
    auto d = data_.find(out);
    if (d == data_.end() || out != tip_ || !d->second.not_usable.empty())
      throw OnnxError("graph output '" + printable(out) + "' is not the end of the layer chain; " + kSupportedOps);
    if (d->second.integers)
      throw OnnxError("graph output '" + printable(out) + "' holds the integers of a QuantizeLinear; Ember models "
                      "output float (end with its DequantizeLinear)");
    if (d->second.transposed)
      throw OnnxError("graph output '" + printable(out) + "' is [features, N] (transposed); Ember models output "
                      "[N, features]");
    spec_.output_mean = output_.mean;
    spec_.output_scale = output_.scale;
    const std::string& graph_name = graph_.name();
    spec_.name = !graph_name.empty() && graph_name.size() <= 31 && graph_name.find('\0') == std::string::npos
                     ? graph_name
                     : fallback_name_.substr(0, 31);
    if (uses_double_) result_.notes.push_back("converted float64 weights to float32 (Ember computes in float32)");
    try {
      validate(spec_);
    } catch (const std::invalid_argument& e) {
      throw OnnxError(std::string("the imported model is not valid: ") + e.what());
    }
    result_.spec = std::move(spec_);
  }

  const onnx::ModelProto& model_;
  const onnx::GraphProto& graph_;
  std::string fallback_name_;
  std::int64_t opset_ = 0;
  std::int64_t static_batch_ = 0;  // the input's fixed batch size, 0 when symbolic
  std::map<std::string, Tensor> constants_;
  std::map<std::string, DataTensor> data_;
  std::vector<std::string> extra_inputs_;
  std::string tip_;
  InputStandardization input_;
  OutputStandardization output_;
  bool int8_open_ = false;  // the last layer is int8 and waits for the QuantizeLinear of its output
  std::string int8_layer_node_;
  std::optional<ActivationQuantization> previous_int8_output_;  // the last layer's int8 output parameters
  bool bias_open_ = false;       // the last layer came without a bias, so the next Add of a constant is its bias
  bool activation_set_ = false;  // the last layer already has its activation
  bool uses_double_ = false;
  ModelSpec spec_;
  OnnxImport result_;
};
}  // namespace

OnnxImport import_onnx(const std::vector<std::uint8_t>& bytes, const std::string& fallback_name) {
  if (bytes.size() > kMaxOnnxFileBytes)
    throw OnnxError("the file is " + std::to_string(bytes.size()) + " bytes; Ember imports ONNX files up to " +
                    std::to_string(kMaxOnnxFileBytes) + " bytes");
  onnx::ModelProto model;
  if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    throw OnnxError("not a valid ONNX file: the protobuf ModelProto does not parse (truncated or corrupt)");
  if (!model.has_graph()) throw OnnxError("not an ONNX model: it holds no graph (truncated or empty file?)");
  return GraphImporter(model, fallback_name).run();
}

}  // namespace ember::exporters
