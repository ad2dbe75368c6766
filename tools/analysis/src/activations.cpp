#include "ember/analysis/activations.hpp"

#include <stdexcept>

#include "ember/export/input_caps.hpp"
#include <string>

namespace ember::analysis {
namespace {
void keep_layer_output(void* context, std::uint16_t layer, LayerPhase phase, const float* values, std::uint16_t width) {
  if (phase != LayerPhase::end) return;
  auto* record = static_cast<Activations*>(context);
  if (layer >= record->hidden.size()) return;
  auto& v = record->hidden[layer].values;
  v.insert(v.end(), values, values + width);
}
}  // namespace

std::size_t Activations::hidden_neurons() const {
  std::size_t n = 0;
  for (const auto& l : hidden) n += l.width;
  return n;
}

Activations record_activations(Model& model, const std::vector<float>& inputs) {
  if (model.layer_count() < 2)
    throw std::runtime_error("the model has no hidden layer to analyze (it has " +
                             std::to_string(model.layer_count()) + " layer)");
  Activations record;
  const std::size_t in = model.input_width();
  record.samples = inputs.size() / in;
  // Every layer's outputs are kept for every sample: their total, in 64 bits, against the cap first.
  std::uint64_t neurons = 0;
  for (std::uint16_t l = 0; l < model.layer_count(); ++l) neurons += model.layer(l).out_width;
  exporters::caps::checked_product(record.samples, neurons, exporters::caps::kMaxStreamValues,
                                   "the activations to keep (rows x neurons of every layer)", "floats",
                                   "caps::kMaxStreamValues");
  record.output_width = model.output_width();
  record.outputs.resize(record.samples * record.output_width);
  for (std::uint16_t l = 0; l + 1 < model.layer_count(); ++l) {
    LayerActivations layer;
    layer.layer = l;
    layer.width = model.layer(l).out_width;
    layer.values.reserve(record.samples * layer.width);
    record.hidden.push_back(std::move(layer));
  }
  model.set_observer(keep_layer_output, &record);
  for (std::size_t t = 0; t < record.samples; ++t) {
    const Status s = model.run(inputs.data() + t * in, record.outputs.data() + t * record.output_width);
    if (s != Status::ok) {
      model.set_observer(nullptr, nullptr);
      throw std::runtime_error(std::string("run failed: ") + status_message(s));
    }
  }
  model.set_observer(nullptr, nullptr);
  return record;
}

}  // namespace ember::analysis
