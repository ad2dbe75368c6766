// A blob as host tools hold it: copied into 16-aligned memory (the runtime reads floats in place and checks
// alignment), validated, with an arena and a loaded ember::Model. One place for what every host-side reader
// of blobs needs.
#ifndef EMBER_EXPORT_LOADED_MODEL_HPP
#define EMBER_EXPORT_LOADED_MODEL_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/model.hpp"

namespace ember::exporters {

class LoadedModel {
 public:
  // Throws std::invalid_argument with the runtime's one-line status message for an invalid blob.
  explicit LoadedModel(const std::vector<std::uint8_t>& blob);
  // The Model points into this object's storage and arena: it cannot be copied or moved.
  LoadedModel(const LoadedModel&) = delete;
  LoadedModel& operator=(const LoadedModel&) = delete;

  Model& model() { return model_; }
  const Model& model() const { return model_; }
  const ModelInfo& info() const { return model_.info(); }
  const std::uint8_t* data() const { return reinterpret_cast<const std::uint8_t*>(storage_.data()); }
  std::size_t bytes() const { return bytes_; }

 private:
  std::vector<float> storage_;
  std::size_t bytes_;
  std::vector<float> arena_;
  Model model_;
};

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_LOADED_MODEL_HPP
