#include "ember/export/loaded_model.hpp"

#include <cstring>
#include <stdexcept>

namespace ember::exporters {

// At least one element, so that an empty blob reads as a truncated one rather than a null pointer.
LoadedModel::LoadedModel(const std::vector<std::uint8_t>& blob) : storage_(blob.size() / 4 + 1), bytes_(blob.size()) {
  if (!blob.empty()) std::memcpy(storage_.data(), blob.data(), blob.size());
  ModelInfo info;
  Status s = inspect_blob(storage_.data(), bytes_, &info);
  if (s != Status::ok) throw std::invalid_argument(status_message(s));
  arena_.assign(info.arena_bytes / sizeof(float), 0.0f);
  s = model_.load(storage_.data(), bytes_, arena_.data(), arena_.size() * sizeof(float));
  if (s != Status::ok) throw std::invalid_argument(status_message(s));
}

}  // namespace ember::exporters
