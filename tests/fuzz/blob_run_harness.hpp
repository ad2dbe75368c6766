// The blob harness shared by fuzz_blob_run (float blobs as seeds) and fuzz_int8_blob_run (int8 blobs as
// seeds, so the search spends its time on the format-2 layer entries, quantization parameters and int8
// kernels). Loading must refuse or succeed cleanly; a loaded model must run one sample and a batch with the
// same bits (the project's bit-exactness rule), and the exporters' reader must turn it back into a blob that
// loads again.
#ifndef EMBER_TESTS_FUZZ_BLOB_RUN_HARNESS_HPP
#define EMBER_TESTS_FUZZ_BLOB_RUN_HARNESS_HPP

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "fuzz_support.hpp"

namespace ember_fuzz {
namespace detail {
// Same bits, or both NaN (a NaN's payload is not part of the contract).
inline bool same_value(float a, float b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// 17 samples: one 16-sample tile of the batched kernel and one left over for the single-sample path.
constexpr std::size_t kSamples = 17;

inline void run_and_compare(ember::Model& model) {
  const std::size_t in = model.input_width(), out = model.output_width();
  std::vector<float> inputs(kSamples * in), batch(kSamples * out), single(out);
  for (std::size_t i = 0; i < inputs.size(); ++i)
    inputs[i] = static_cast<float>(std::sin(0.37 * static_cast<double>(i)) * 3.0);
  if (model.run_batch(inputs.data(), kSamples, batch.data()) != ember::Status::ok)
    finding("run_batch failed on a model that loaded");
  for (std::size_t s = 0; s < kSamples; ++s) {
    if (model.run(inputs.data() + s * in, single.data()) != ember::Status::ok)
      finding("run failed on a model that loaded");
    for (std::size_t j = 0; j < out; ++j)
      if (!same_value(single[j], batch[s * out + j])) finding("run and run_batch disagree");
  }
}
}  // namespace detail

inline void fuzz_one_blob(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::uint8_t> blob(data, data + size);
  expect_clean_refusal([&] {
    ember::exporters::LoadedModel loaded(blob);
    detail::run_and_compare(loaded.model());
    // Round trip through the exporters: what loaded must be writable again, and load again.
    const std::vector<std::uint8_t> rewritten = ember::exporters::write_blob(ember::exporters::read_blob(blob));
    try {
      ember::exporters::LoadedModel again(rewritten);
      detail::run_and_compare(again.model());
    } catch (const std::invalid_argument&) {
      finding("a blob that loaded was rewritten into one that does not load");
    }
  });
}

}  // namespace ember_fuzz

#endif  // EMBER_TESTS_FUZZ_BLOB_RUN_HARNESS_HPP
