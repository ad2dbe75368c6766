// Writes a ModelSpec as a v1 blob, following docs/blob-format.md field by field.
#ifndef EMBER_EXPORT_BLOB_WRITER_HPP
#define EMBER_EXPORT_BLOB_WRITER_HPP

#include <cstdint>
#include <vector>

#include "ember/export/model_spec.hpp"

namespace ember::exporters {

// Deterministic: the same spec always gives the same bytes. Throws std::invalid_argument (see validate()).
std::vector<std::uint8_t> write_blob(const ModelSpec& spec);

// The inverse, for tools: rebuilds the spec from a blob that ember::inspect_blob accepts.
// Throws std::invalid_argument with the runtime's status message otherwise.
ModelSpec read_blob(const std::vector<std::uint8_t>& blob);

}  // namespace ember::exporters

#endif  // EMBER_EXPORT_BLOB_WRITER_HPP
