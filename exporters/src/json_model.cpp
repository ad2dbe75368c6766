#include "ember/export/json_model.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ember::exporters {
namespace {
using nlohmann::json;
constexpr std::size_t kMaxWidth = 65535;  // u16 widths in the blob

std::vector<float> floats(const json& j, const std::string& key) {
  if (!j.contains(key)) return {};
  if (!j.at(key).is_array()) throw std::invalid_argument("\"" + key + "\" must be an array of numbers");
  std::vector<float> out;
  for (const auto& v : j.at(key)) {
    if (!v.is_number()) throw std::invalid_argument("\"" + key + "\" holds a value that is not a number");
    out.push_back(v.get<float>());
  }
  return out;
}

Activation activation_from_name(const std::string& name) {
  for (std::uint8_t code = 0; is_known_activation(code); ++code)
    if (name == activation_name(static_cast<Activation>(code))) return static_cast<Activation>(code);
  throw std::invalid_argument("unknown activation \"" + name + "\" (identity, relu, tanh, sigmoid, softmax)");
}
}  // namespace

ModelSpec model_spec_from_json(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(std::string("malformed JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("layers") || !j.at("layers").is_array())
    throw std::invalid_argument("model JSON needs an object with a \"layers\" array");
  ModelSpec spec;
  spec.name = j.value("name", std::string("model"));
  spec.input_mean = floats(j, "input_mean");
  spec.input_scale = floats(j, "input_scale");
  spec.output_mean = floats(j, "output_mean");
  spec.output_scale = floats(j, "output_scale");
  std::size_t index = 0;
  for (const auto& lj : j.at("layers")) {
    const std::string where = "layers[" + std::to_string(index++) + "]";
    if (!lj.is_object() || !lj.contains("weights") || !lj.at("weights").is_array())
      throw std::invalid_argument(where + " needs a \"weights\" array of rows");
    DenseLayerSpec l;
    l.activation = activation_from_name(lj.value("activation", std::string("identity")));
    const json& rows = lj.at("weights");
    // Widths are u16 in the blob (docs/blob-format.md): check before narrowing, so 65,537 rows cannot
    // read as one.
    if (rows.empty() || rows.size() > kMaxWidth)
      throw std::invalid_argument(where + ".weights has " + std::to_string(rows.size()) + " rows; a layer has 1 to " +
                                  std::to_string(kMaxWidth) + " neurons");
    l.out_width = static_cast<std::uint16_t>(rows.size());
    for (const auto& row : rows) {
      if (!row.is_array()) throw std::invalid_argument(where + ".weights must be an array of rows");
      if (row.empty() || row.size() > kMaxWidth)
        throw std::invalid_argument(where + ".weights has a row of " + std::to_string(row.size()) +
                                    " values; a layer has 1 to " + std::to_string(kMaxWidth) + " inputs");
      if (l.in_width == 0) l.in_width = static_cast<std::uint16_t>(row.size());
      if (row.size() != l.in_width) throw std::invalid_argument(where + ".weights rows differ in length");
      for (const auto& v : row) {
        if (!v.is_number()) throw std::invalid_argument(where + ".weights holds a value that is not a number");
        l.weights.push_back(v.get<float>());
      }
    }
    l.bias = floats(lj, "bias");
    if (l.bias.empty()) l.bias.assign(l.out_width, 0.0f);
    spec.layers.push_back(std::move(l));
  }
  validate(spec);
  return spec;
}

std::string model_spec_to_json(const ModelSpec& spec) {
  json j;
  j["name"] = spec.name;
  j["input_mean"] = spec.input_mean;
  j["input_scale"] = spec.input_scale;
  j["output_mean"] = spec.output_mean;
  j["output_scale"] = spec.output_scale;
  j["layers"] = json::array();
  for (const auto& l : spec.layers) {
    json rows = json::array();
    for (std::size_t o = 0; o < l.out_width; ++o)
      rows.push_back(std::vector<float>(l.weights.begin() + o * l.in_width, l.weights.begin() + (o + 1) * l.in_width));
    j["layers"].push_back({{"activation", activation_name(l.activation)}, {"weights", rows}, {"bias", l.bias}});
  }
  return j.dump(1);
}

}  // namespace ember::exporters
