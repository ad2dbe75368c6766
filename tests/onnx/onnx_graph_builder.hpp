// Builds small ONNX models in C++ with the ONNX library, for tests that need a graph PyTorch would not write
// (every error case, every Gemm transpose form) without needing Python.
#ifndef EMBER_TESTS_ONNX_GRAPH_BUILDER_HPP
#define EMBER_TESTS_ONNX_GRAPH_BUILDER_HPP

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace onnx_test {

class GraphBuilder {
 public:
  explicit GraphBuilder(std::int64_t opset = 13) {
    model_.set_ir_version(7);
    auto* o = model_.add_opset_import();
    o->set_domain("");
    o->set_version(opset);
    model_.mutable_graph()->set_name("test_graph");
  }

  // A float input; a dim of -1 is symbolic ("N").
  GraphBuilder& input(const std::string& name, std::vector<std::int64_t> dims,
                      int elem_type = onnx::TensorProto::FLOAT) {
    auto* vi = graph().add_input();
    vi->set_name(name);
    auto* tt = vi->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(elem_type);
    auto* shape = tt->mutable_shape();
    for (std::int64_t d : dims) {
      if (d < 0) shape->add_dim()->set_dim_param("N");
      else shape->add_dim()->set_dim_value(d);
    }
    return *this;
  }

  onnx::TensorProto& initializer(const std::string& name, std::vector<std::int64_t> dims, std::vector<float> values) {
    onnx::TensorProto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (std::int64_t d : dims) t->add_dims(d);
    for (float v : values) t->add_float_data(v);
    return *t;
  }

  GraphBuilder& ints(const std::string& name, std::vector<std::int64_t> values) {
    onnx::TensorProto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(static_cast<std::int64_t>(values.size()));
    for (std::int64_t v : values) t->add_int64_data(v);
    return *this;
  }

  onnx::NodeProto& node(const std::string& op, std::vector<std::string> inputs, std::vector<std::string> outputs,
                        const std::string& name = "") {
    onnx::NodeProto* n = graph().add_node();
    n->set_op_type(op);
    n->set_name(name.empty() ? op + "_" + std::to_string(graph().node_size()) : name);
    for (const auto& i : inputs) n->add_input(i);
    for (const auto& o : outputs) n->add_output(o);
    return *n;
  }

  GraphBuilder& output(const std::string& name) {
    graph().add_output()->set_name(name);
    return *this;
  }

  onnx::GraphProto& graph() { return *model_.mutable_graph(); }
  onnx::ModelProto& model() { return model_; }

  std::vector<std::uint8_t> bytes() const {
    std::string s;
    model_.SerializeToString(&s);
    return std::vector<std::uint8_t>(s.begin(), s.end());
  }

 private:
  onnx::ModelProto model_;
};

inline void set_int(onnx::NodeProto& n, const std::string& name, std::int64_t v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

inline void set_float(onnx::NodeProto& n, const std::string& name, float v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
}

inline void set_ints(onnx::NodeProto& n, const std::string& name, std::vector<std::int64_t> v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (std::int64_t x : v) a->add_ints(x);
}

// The base graph most tests change one thing in: x [N, 4] -> Gemm(W [3, 4], b [3], transB=1) -> Relu -> y.
inline GraphBuilder base_mlp(std::int64_t opset = 13) {
  GraphBuilder g(opset);
  g.input("x", {-1, 4});
  g.initializer("W", {3, 4}, {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, 0.6f, -0.7f, 0.8f, 0.9f, 1.0f, 1.1f, -1.2f});
  g.initializer("b", {3}, {0.01f, 0.02f, -0.03f});
  set_int(g.node("Gemm", {"x", "W", "b"}, {"h"}, "fc"), "transB", 1);
  g.node("Relu", {"h"}, {"y"}, "act");
  g.output("y");
  return g;
}

}  // namespace onnx_test

#endif  // EMBER_TESTS_ONNX_GRAPH_BUILDER_HPP
