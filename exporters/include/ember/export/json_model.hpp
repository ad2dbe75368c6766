// A model described in JSON (weights from another framework, or hand-written tests), for `ember export`:
//   {"name": "...", "input_mean": [...], "input_scale": [...], "output_mean": [...], "output_scale": [...],
//    "layers": [{"activation": "relu", "weights": [[row of in_width], ...], "bias": [...]}, ...]}
// Documented in docs/ember-cli.md.
#ifndef EMBER_EXPORT_JSON_MODEL_HPP
#define EMBER_EXPORT_JSON_MODEL_HPP

#include <string>

#include "ember/export/model_spec.hpp"

namespace ember::exporters {

// Throws std::invalid_argument naming the offending key.
ModelSpec model_spec_from_json(const std::string& json_text);
std::string model_spec_to_json(const ModelSpec& spec);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_JSON_MODEL_HPP
