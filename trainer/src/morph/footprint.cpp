// A candidate architecture's cost as the exporter computes it: the blob is written (with zero weights; its
// size and arena depend only on the widths) and read back through the runtime's own loader, so a grown
// network that passes these checks exports to a blob that fits by construction.
#include <string>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/trainer/growth.hpp"

namespace ember::trainer {

Footprint footprint_of(const std::vector<std::size_t>& widths, Activation hidden, Activation output) {
  exporters::ModelSpec spec;
  spec.name = "footprint";
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
    exporters::DenseLayerSpec layer;
    layer.in_width = static_cast<std::uint16_t>(widths[k]);
    layer.out_width = static_cast<std::uint16_t>(widths[k + 1]);
    layer.activation = k + 2 == widths.size() ? output : hidden;
    layer.weights.assign(widths[k] * widths[k + 1], 0.0f);
    layer.bias.assign(widths[k + 1], 0.0f);
    spec.layers.push_back(std::move(layer));
  }
  const std::vector<std::uint8_t> blob = exporters::write_blob(spec);
  const exporters::LoadedModel loaded(blob);
  Footprint f;
  f.parameters = spec.parameter_count();
  f.blob_bytes = blob.size();
  f.arena_bytes = loaded.info().arena_bytes;
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) f.macs += widths[k] * widths[k + 1];
  return f;
}

std::string budget_violation(const Footprint& f, const GrowthBudget& budget) {
  auto over = [](const char* what, std::size_t value, const std::optional<std::size_t>& limit) {
    if (!limit || value <= *limit) return std::string();
    return std::string(what) + " " + std::to_string(value) + " > budget " + std::to_string(*limit);
  };
  for (const std::string& v : {over("parameters", f.parameters, budget.parameters),
                               over("blob bytes", f.blob_bytes, budget.flash_bytes),
                               over("MACs", f.macs, budget.macs), over("arena bytes", f.arena_bytes, budget.arena_bytes)})
    if (!v.empty()) return v;
  return {};
}

const char* morph_kind_name(MorphKind kind) {
  switch (kind) {
    case MorphKind::divide: return "divide";
    case MorphKind::insert_layer: return "insert-layer";
    case MorphKind::prune_dead: return "prune-dead";
    case MorphKind::prune_salient: return "prune-salient";
    case MorphKind::add_residual: return "residual";
  }
  return "?";
}

}  // namespace ember::trainer
