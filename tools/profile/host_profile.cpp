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

namespace {
// A model loaded from a file with the buffers a profile needs, laid out as the firmware lays them out.
struct ProfiledModel {
  std::vector<float> blob, arena, rows, batch_inputs, batch_outputs;
  Model model;
  ember_profile_request request{};

  ProfiledModel(const std::string& model_path, std::size_t max_batch) {
    std::size_t blob_bytes = 0;
    blob = read_blob_aligned(model_path, &blob_bytes);
    ModelInfo info;
    Status s = inspect_blob(blob.data(), blob_bytes, &info);
    if (s != Status::ok) throw std::runtime_error(model_path + ": " + status_message(s));
    arena.resize(info.arena_bytes / sizeof(float));
    s = model.load(blob.data(), blob_bytes, arena.data(), arena.size() * sizeof(float));
    if (s != Status::ok) throw std::runtime_error(model_path + ": " + status_message(s));
    rows.resize(max_batch * info.input_width);
    ember_profile_fill_inputs(rows.data(), rows.size());
    batch_inputs.resize(rows.size());
    batch_outputs.resize(max_batch * info.output_width);
    request = ember_profile_request{rows.data(),      max_batch,    batch_inputs.data(), batch_outputs.data(),
                                    max_batch,        arena.data(), arena.size() * sizeof(float)};
  }

  ember_probe_env env{};  // kept here: the result points at it

  probe::ProfileResult measure(std::uint32_t repeats) {
    env = ember_host_probe_env(repeats);
    probe::ProfileResult result{};
    const Status s = probe::measure(model, request, env, &result);
    if (s != Status::ok) throw std::runtime_error(std::string("profile: ") + status_message(s));
    return result;
  }
};
}  // namespace

std::string profile_on_host(const std::string& model_path, report::TableFormat format, std::size_t max_batch,
                            std::uint32_t repeats) {
  ProfiledModel profiled(model_path, max_batch);
  const probe::ProfileResult result = profiled.measure(repeats);
  std::string text;
  report::TableWriter writer(format, append, &text);
  probe::write_tables(result, writer);
  return text;
}

std::vector<double> host_single_inference_rounds(const std::string& model_path, std::uint32_t rounds,
                                                 std::uint32_t repeats) {
  ProfiledModel profiled(model_path, 1);
  std::vector<double> nanoseconds;
  for (std::uint32_t r = 0; r < rounds; ++r) nanoseconds.push_back(profiled.measure(repeats).batches[0].latency);
  return nanoseconds;
}

}  // namespace ember::target
