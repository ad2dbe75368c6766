// `ember profile` on the host: the same probes and tables as the firmware, with the host's clock.
#ifndef EMBER_PROFILE_HOST_PROFILE_HPP
#define EMBER_PROFILE_HOST_PROFILE_HPP

#include <cstddef>
#include <cstdint>
#include <string>

#include "ember/report/table_writer.hpp"

namespace ember::target {

// Profiles the blob at `model_path` with ember_profile_fill_inputs() rows, batches up to `max_batch`,
// each measurement repeated `repeats` times; returns the tables. Throws std::runtime_error.
std::string profile_on_host(const std::string& model_path, report::TableFormat format, std::size_t max_batch,
                            std::uint32_t repeats);

}  // namespace ember::target

#endif  // EMBER_PROFILE_HOST_PROFILE_HPP
