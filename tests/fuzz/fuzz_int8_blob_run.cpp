// Fuzz target: arbitrary bytes as a blob, seeded with int8 blobs (format 2: dense_int8 layers beside float
// ones). Same checks as fuzz_blob_run (blob_run_harness.hpp); only the seeds, and so the paths it explores,
// differ.
#include "blob_run_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ember_fuzz::fuzz_one_blob(data, size);
  return 0;
}
