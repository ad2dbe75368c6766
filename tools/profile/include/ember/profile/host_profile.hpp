// `ember profile` on the host: the same probes and tables as the firmware, with the host's clock.
#ifndef EMBER_PROFILE_HOST_PROFILE_HPP
#define EMBER_PROFILE_HOST_PROFILE_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ember/report/table_writer.hpp"

namespace ember::target {

// Profiles the blob at `model_path` with ember_profile_fill_inputs() rows, batches up to `max_batch`,
// each measurement repeated `repeats` times; returns the tables. Throws std::runtime_error.
std::string profile_on_host(const std::string& model_path, report::TableFormat format, std::size_t max_batch,
                            std::uint32_t repeats);

// The host profile's batch-of-1 figure ("Latency per inference", batch 1: the fastest of `repeats` calls,
// one clock read subtracted), measured `rounds` times over: its spread is the noise of that figure on this
// machine, for `ember profile` to print and for `ember bench` to compare against. Nanoseconds per round.
std::vector<double> host_single_inference_rounds(const std::string& model_path, std::uint32_t rounds,
                                                 std::uint32_t repeats);

}  // namespace ember::target

#endif  // EMBER_PROFILE_HOST_PROFILE_HPP
