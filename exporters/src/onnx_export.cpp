// ModelSpec -> ONNX (opset 13). The graph reads like the blob: Sub(input_mean) and Div(input_scale) when the
// standardization is not the identity, one Gemm (transB=1, weights [out, in] as in the blob) per layer and its
// activation (a residual layer then adds its input: Add(layer input, activation output)), then Mul(output_scale)
// and Add(output_mean). An int8 layer is written in QDQ form: its weights and
// int32 bias as DequantizeLinear of integer initializers, a QuantizeLinear/DequantizeLinear pair on its input
// (shared with the int8 layer before it) and on its output. `ember import` maps each back to the same field,
// so blob -> ONNX -> blob gives the same bytes.
#include "ember/export/onnx_export.hpp"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <stdexcept>

#include "onnx_quantized.hpp"

namespace ember::exporters {
namespace {
constexpr std::int64_t kOpset = 13;
constexpr std::int64_t kIrVersion = 7;  // the IR version that goes with opset 13

void add_float_initializer(onnx::GraphProto& g, const std::string& name, const std::vector<float>& values,
                           std::vector<std::int64_t> dims) {
  onnx::TensorProto* t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (std::int64_t d : dims) t->add_dims(d);
  // raw_data is little-endian by the ONNX spec, whatever the host's byte order.
  std::string raw(values.size() * 4, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &values[i], 4);
    for (int b = 0; b < 4; ++b) raw[4 * i + b] = static_cast<char>(bits >> (8 * b));
  }
  t->set_raw_data(raw);
}

template <typename T>
void add_int_initializer(onnx::GraphProto& g, const std::string& name, int type, const std::vector<T>& values,
                         std::vector<std::int64_t> dims) {
  onnx::TensorProto* t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(type);
  for (std::int64_t d : dims) t->add_dims(d);
  const std::size_t width = sizeof(T);
  std::string raw(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto bits = static_cast<std::uint32_t>(static_cast<std::int32_t>(values[i]));
    for (std::size_t b = 0; b < width; ++b) raw[width * i + b] = static_cast<char>(bits >> (8 * b));
  }
  t->set_raw_data(raw);
}

onnx::NodeProto* add_node(onnx::GraphProto& g, const std::string& op, const std::string& name,
                          std::vector<std::string> inputs, const std::string& output) {
  onnx::NodeProto* n = g.add_node();
  n->set_op_type(op);
  n->set_name(name);
  for (const auto& in : inputs) n->add_input(in);
  n->add_output(output);
  return n;
}

void add_int_attribute(onnx::NodeProto* n, const std::string& name, std::int64_t v) {
  onnx::AttributeProto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

void set_tensor_type(onnx::ValueInfoProto* vi, const std::string& name, std::uint32_t width) {
  vi->set_name(name);
  auto* tt = vi->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(onnx::TensorProto::FLOAT);
  tt->mutable_shape()->add_dim()->set_dim_param("N");
  tt->mutable_shape()->add_dim()->set_dim_value(width);
}

// A standardization array that is all +0.0 (or all 1.0 for a scale) is left out of the graph; -0.0 is kept
// so that the round trip gives the same bits.
bool is_all(const std::vector<float>& v, float value) {
  for (float x : v) {
    std::uint32_t a, b;
    std::memcpy(&a, &x, 4);
    std::memcpy(&b, &value, 4);
    if (a != b) return false;
  }
  return true;
}

const char* onnx_activation(Activation a) {
  switch (a) {
    case Activation::relu: return "Relu";
    case Activation::tanh: return "Tanh";
    case Activation::sigmoid: return "Sigmoid";
    case Activation::softmax: return "Softmax";
    default: return nullptr;
  }
}
}  // namespace

std::string write_onnx(const ModelSpec& spec) {
  validate(spec);
  // Opset 13's QuantizeLinear holds int8 and uint8 only (int16 arrives in opset 21, past what Ember imports).
  if (!spec.layers.empty() && spec.layers[0].is_int8() && spec.layers[0].int8->int16_input)
    throw std::invalid_argument("layer 0 takes an int16 input (layer kind 3), which ONNX opset 13 QDQ cannot express; "
                                "quantize with --input-bits 8 to export this model to ONNX");
  if (!spec.layers.empty() && spec.layers.back().is_int8() && spec.layers.back().int8->float_output)
    throw std::invalid_argument("the output layer hands its int32 accumulators to a float32 output (layer kind 4), "
                                "which Ember's ONNX QDQ form (an int8 tensor after every int8 layer) does not hold; "
                                "quantize with --output-layer int8 or float to export this model to ONNX");
  onnx::ModelProto model;
  model.set_ir_version(kIrVersion);
  model.set_producer_name("ember");
  model.set_producer_version("1");
  auto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(kOpset);
  onnx::GraphProto& g = *model.mutable_graph();
  g.set_name(spec.name);
  set_tensor_type(g.add_input(), "input", spec.input_width());

  std::string x = "input";
  auto step = [&](const std::string& op, const std::string& name, const std::string& constant) {
    add_node(g, op, name, {x, constant}, name + "_out");
    x = name + "_out";
  };
  const auto in = static_cast<std::int64_t>(spec.input_width()), out = static_cast<std::int64_t>(spec.output_width());
  if (!spec.input_mean.empty() && !is_all(spec.input_mean, 0.0f)) {
    add_float_initializer(g, "input_mean", spec.input_mean, {in});
    step("Sub", "standardize_sub", "input_mean");
  }
  if (!spec.input_scale.empty() && !is_all(spec.input_scale, 1.0f)) {
    add_float_initializer(g, "input_scale", spec.input_scale, {in});
    step("Div", "standardize_div", "input_scale");
  }
  // QDQ: the activation parameters of x when it is a DequantizeLinear's output, so that consecutive int8
  // layers share one QuantizeLinear/DequantizeLinear pair as Ember's runtime shares one int8 tensor.
  bool x_quantized = false;
  float x_scale = 0.0f;
  std::int32_t x_zero_point = 0;
  auto quantize_x = [&](const std::string& name, float scale, std::int32_t zero_point) {
    add_float_initializer(g, name + ".scale", {scale}, {});
    add_int_initializer<std::int8_t>(g, name + ".zero_point", onnx::TensorProto::INT8,
                                     {static_cast<std::int8_t>(zero_point)}, {});
    add_node(g, "QuantizeLinear", name + ".quantize", {x, name + ".scale", name + ".zero_point"}, name + ".q");
    add_node(g, "DequantizeLinear", name + ".dequantize", {name + ".q", name + ".scale", name + ".zero_point"},
             name + ".dq");
    x = name + ".dq";
    x_quantized = true;
    x_scale = scale;
    x_zero_point = zero_point;
  };
  for (std::size_t k = 0; k < spec.layers.size(); ++k) {
    const DenseLayerSpec& l = spec.layers[k];
    const std::string layer = "layer" + std::to_string(k);
    if (l.is_int8()) {
      const QuantizedDense& q = *l.int8;
      if (!x_quantized || std::memcmp(&x_scale, &q.input_scale, 4) != 0 || x_zero_point != q.input_zero_point)
        quantize_x(layer + ".input", q.input_scale, q.input_zero_point);
      std::vector<float> bias_scale(l.out_width);
      for (std::size_t o = 0; o < l.out_width; ++o)
        bias_scale[o] = static_cast<float>(static_cast<double>(q.input_scale) * static_cast<double>(q.weight_scale[o]));
      add_int_initializer(g, layer + ".weight_q", onnx::TensorProto::INT8, q.weights, {l.out_width, l.in_width});
      add_float_initializer(g, layer + ".weight_scale", q.weight_scale, {l.out_width});
      add_int_initializer(g, layer + ".bias_q", onnx::TensorProto::INT32, q.bias, {l.out_width});
      add_float_initializer(g, layer + ".bias_scale", bias_scale, {l.out_width});
      add_int_attribute(add_node(g, "DequantizeLinear", layer + ".weight_dequantize",
                                 {layer + ".weight_q", layer + ".weight_scale"}, layer + ".weight"),
                        "axis", 0);
      add_int_attribute(add_node(g, "DequantizeLinear", layer + ".bias_dequantize",
                                 {layer + ".bias_q", layer + ".bias_scale"}, layer + ".bias"),
                        "axis", 0);
    } else {
      add_float_initializer(g, layer + ".weight", l.weights, {l.out_width, l.in_width});
      add_float_initializer(g, layer + ".bias", l.bias, {l.out_width});
    }
    const std::string layer_input = x;
    onnx::NodeProto* gemm = add_node(g, "Gemm", layer + ".gemm", {x, layer + ".weight", layer + ".bias"}, layer + ".gemm_out");
    add_int_attribute(gemm, "transB", 1);
    x = layer + ".gemm_out";
    x_quantized = false;
    if (const char* act = onnx_activation(l.activation)) {
      onnx::NodeProto* n = add_node(g, act, layer + "." + act, {x}, layer + "." + act + "_out");
      if (l.activation == Activation::softmax) add_int_attribute(n, "axis", -1);
      x = layer + "." + act + "_out";
    }
    if (l.residual) {
      // y = x + act(W x + b): the layer's input added after its activation, as the runtime does.
      add_node(g, "Add", layer + ".residual", {layer_input, x}, layer + ".residual_out");
      x = layer + ".residual_out";
    }
    if (l.is_int8()) {
      quantize_x(layer + ".output", l.int8->output_scale, l.int8->output_zero_point);
      auto* prop = model.add_metadata_props();
      prop->set_key(onnx_import_detail::requantization_metadata_key(k));
      prop->set_value(onnx_import_detail::requantization_metadata(*l.int8));
    }
  }
  if (!spec.output_scale.empty() && !is_all(spec.output_scale, 1.0f)) {
    add_float_initializer(g, "output_scale", spec.output_scale, {out});
    step("Mul", "destandardize_mul", "output_scale");
  }
  if (!spec.output_mean.empty() && !is_all(spec.output_mean, 0.0f)) {
    add_float_initializer(g, "output_mean", spec.output_mean, {out});
    step("Add", "destandardize_add", "output_mean");
  }
  // The last node writes the graph output under its public name.
  g.mutable_node(g.node_size() - 1)->set_output(0, "output");
  set_tensor_type(g.add_output(), "output", spec.output_width());
  std::string bytes;
  if (!model.SerializeToString(&bytes)) throw std::runtime_error("ONNX serialization failed");
  return bytes;
}

}  // namespace ember::exporters
