#include "model_file.hpp"

#include <cstring>
#include <stdexcept>

#include "ember/export/file_io.hpp"

namespace ember::cli {

void load_model_file(const std::string& path, ModelFile& out) {
  out.path = path;
  out.bytes = exporters::read_file(path);
  // At least one element, so that an empty file reads as a truncated blob rather than a null pointer.
  out.storage.assign(out.bytes.size() / 4 + 1, 0.0f);
  if (!out.bytes.empty()) std::memcpy(out.storage.data(), out.bytes.data(), out.bytes.size());
  ModelInfo info;
  Status s = inspect_blob(out.storage.data(), out.bytes.size(), &info);
  if (s != Status::ok) throw std::runtime_error(path + ": " + status_message(s));
  out.arena.assign(info.arena_bytes / sizeof(float), 0.0f);
  s = out.model.load(out.storage.data(), out.bytes.size(), out.arena.data(), out.arena.size() * sizeof(float));
  if (s != Status::ok) throw std::runtime_error(path + ": " + status_message(s));
}

}  // namespace ember::cli
