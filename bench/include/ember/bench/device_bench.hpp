// The device rows of `ember bench --target`: the model run by the preset's profile firmware under QEMU
// (`ember profile --target`), reduced to what a firmware engineer budgets: instructions per inference,
// flash and RAM of the image, arena and stack.
#ifndef EMBER_BENCH_DEVICE_BENCH_HPP
#define EMBER_BENCH_DEVICE_BENCH_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ember/bench/report_table.hpp"

namespace ember::bench {

struct DeviceRow {
  std::string target;                 // e.g. "cortex-m4f"
  double instructions_single = 0;     // one inference, batch of 1
  double instructions_batched = 0;    // per inference in the firmware's largest batch (16, its MAX_BATCH)
  std::uint64_t flash_bytes = 0;      // image total, model blob included
  std::uint64_t ram_bytes = 0;        // static RAM (.data + .bss, arena included), without the stack
  std::uint64_t arena_and_stack = 0;  // what one inference touches: arena + stack high-water
};

// Profiles the blob at `model_path` on each target. Throws std::runtime_error with the profile's one line
// (a missing cross compiler names the apt-get command).
std::vector<DeviceRow> measure_devices(const std::string& model_path, const std::vector<std::string>& targets);

ReportTable device_table(const std::vector<DeviceRow>& rows);

}  // namespace ember::bench

#endif  // EMBER_BENCH_DEVICE_BENCH_HPP
