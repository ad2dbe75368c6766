// Fuzz target: arbitrary bytes as a blob, seeded with float32 blobs (format 1). See blob_run_harness.hpp.
#include "blob_run_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ember_fuzz::fuzz_one_blob(data, size);
  return 0;
}
