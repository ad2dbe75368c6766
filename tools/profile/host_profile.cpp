#include "ember/profile/host_profile.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "ember/model.hpp"
#include "ember/probe/profile.h"
#include "ember/probe/profile.hpp"
#include "ember/profile/host_probe_env.h"

namespace ember::target {
namespace {

void append(void* context, const char* text, std::size_t bytes) { static_cast<std::string*>(context)->append(text, bytes); }

// Read with the standard library only, so the cross builds can compile this file without the exporters.
std::vector<float> read_blob_aligned(const std::string& path, std::size_t* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  const std::vector<char> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<float> aligned((raw.size() + 3) / 4);
  std::copy(raw.begin(), raw.end(), reinterpret_cast<char*>(aligned.data()));
  *bytes = raw.size();
  return aligned;
}

}  // namespace

std::string profile_on_host(const std::string& model_path, report::TableFormat format, std::size_t max_batch,
                            std::uint32_t repeats) {
  std::size_t blob_bytes = 0;
  const std::vector<float> blob = read_blob_aligned(model_path, &blob_bytes);
  ModelInfo info;
  Status s = inspect_blob(blob.data(), blob_bytes, &info);
  if (s != Status::ok) throw std::runtime_error(model_path + ": " + status_message(s));
  std::vector<float> arena(info.arena_bytes / sizeof(float));
  Model model;
  s = model.load(blob.data(), blob_bytes, arena.data(), arena.size() * sizeof(float));
  if (s != Status::ok) throw std::runtime_error(model_path + ": " + status_message(s));

  std::vector<float> rows(max_batch * info.input_width);
  ember_profile_fill_inputs(rows.data(), rows.size());
  std::vector<float> batch_inputs(rows.size()), batch_outputs(max_batch * info.output_width);
  const ember_profile_request request{rows.data(),          max_batch, batch_inputs.data(), batch_outputs.data(),
                                     max_batch,             arena.data(), arena.size() * sizeof(float)};
  const ember_probe_env env = ember_host_probe_env(repeats);
  probe::ProfileResult result{};
  s = probe::measure(model, request, env, &result);
  if (s != Status::ok) throw std::runtime_error(std::string("profile: ") + status_message(s));
  std::string text;
  report::TableWriter writer(format, append, &text);
  probe::write_tables(result, writer);
  return text;
}

}  // namespace ember::target
