// Fuzz target: arbitrary bytes as a blob. Loading must refuse or succeed cleanly; a loaded model must run
// one sample and a batch with the same bits (the project's bit-exactness rule), and the exporters' reader
// must turn it back into a blob that loads again.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "fuzz_support.hpp"

namespace {
// Same bits, or both NaN (a NaN's payload is not part of the contract).
bool same_value(float a, float b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// 17 samples: one 16-sample tile of the batched kernel and one left over for the single-sample path.
constexpr std::size_t kSamples = 17;

void run_and_compare(ember::Model& model) {
  const std::size_t in = model.input_width(), out = model.output_width();
  std::vector<float> inputs(kSamples * in), batch(kSamples * out), single(out);
  for (std::size_t i = 0; i < inputs.size(); ++i)
    inputs[i] = static_cast<float>(std::sin(0.37 * static_cast<double>(i)) * 3.0);
  if (model.run_batch(inputs.data(), kSamples, batch.data()) != ember::Status::ok)
    ember_fuzz::finding("run_batch failed on a model that loaded");
  for (std::size_t s = 0; s < kSamples; ++s) {
    if (model.run(inputs.data() + s * in, single.data()) != ember::Status::ok)
      ember_fuzz::finding("run failed on a model that loaded");
    for (std::size_t j = 0; j < out; ++j)
      if (!same_value(single[j], batch[s * out + j])) ember_fuzz::finding("run and run_batch disagree");
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::uint8_t> blob(data, data + size);
  ember_fuzz::expect_clean_refusal([&] {
    ember::exporters::LoadedModel loaded(blob);
    run_and_compare(loaded.model());
    // Round trip through the exporters: what loaded must be writable again, and load again.
    const std::vector<std::uint8_t> rewritten = ember::exporters::write_blob(ember::exporters::read_blob(blob));
    try {
      ember::exporters::LoadedModel again(rewritten);
      run_and_compare(again.model());
    } catch (const std::invalid_argument&) {
      ember_fuzz::finding("a blob that loaded was rewritten into one that does not load");
    }
  });
  return 0;
}
