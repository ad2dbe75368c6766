// The blob harness shared by fuzz_blob_run (float blobs as seeds) and fuzz_int8_blob_run (int8 blobs as
// seeds, so the search spends its time on the format-2 layer entries, quantization parameters and int8
// kernels). Loading must refuse or succeed cleanly; a loaded model must run one sample and a batch with the
// same bits (the project's bit-exactness rule), and the exporters' reader must turn it back into a blob that
// loads again. Each input is tried as it is and again with its CRC-32 recomputed, so that mutations of the
// body reach the structural checks and the kernels instead of stopping at the checksum.
#ifndef EMBER_TESTS_FUZZ_BLOB_RUN_HARNESS_HPP
#define EMBER_TESTS_FUZZ_BLOB_RUN_HARNESS_HPP

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ember/blob_format.hpp"
#include "ember/crc32.hpp"
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

inline std::uint32_t read_le(const std::vector<std::uint8_t>& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | b[at + static_cast<std::size_t>(i)];
  return v;
}

// The blob with the CRC field set to the CRC of [header_bytes, total_bytes), when those fields make sense.
inline bool with_fixed_crc(std::vector<std::uint8_t>& blob) {
  namespace h = ember::blob::header;
  if (blob.size() < h::crc32 + 4) return false;
  const std::uint32_t header_bytes = read_le(blob, h::header_bytes, 2), total = read_le(blob, h::total_bytes, 4);
  if (header_bytes < h::crc32 + 4 || header_bytes > total || total > blob.size()) return false;
  const std::uint32_t crc = ember::crc32(blob.data() + header_bytes, total - header_bytes);
  for (int i = 0; i < 4; ++i) blob[h::crc32 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (8 * i));
  return true;
}

inline void load_run_and_rewrite(const std::vector<std::uint8_t>& blob) {
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

inline void fuzz_one_blob(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> blob(data, data + size);
  load_run_and_rewrite(blob);
  if (with_fixed_crc(blob)) load_run_and_rewrite(blob);
}

}  // namespace ember_fuzz

#endif  // EMBER_TESTS_FUZZ_BLOB_RUN_HARNESS_HPP
