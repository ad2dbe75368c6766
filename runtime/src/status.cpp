#include "ember/status.hpp"

namespace ember {
namespace {
struct StatusText {
  const char* name;
  const char* message;
};

// Indexed by the numeric code; keep in the order of the enum.
constexpr StatusText kTexts[] = {
    {"ok", "ok"},
    {"null_argument", "a required pointer argument is null"},
    {"misaligned_blob", "blob address is not 4-byte aligned; place it with alignas(16)"},
    {"truncated_header", "blob is shorter than the 96-byte header"},
    {"bad_magic", "not an Ember blob: magic bytes are not \"EMBR\""},
    {"unsupported_version", "blob format version is not supported by this runtime (expects 1)"},
    {"bad_header_size", "header size field is not 96"},
    {"size_mismatch", "blob size differs from the total size in its header (truncated or padded)"},
    {"crc_mismatch", "CRC-32 of the blob body does not match the header (corrupt blob)"},
    {"bad_layer_count", "layer count is 0 or above 32"},
    {"bad_width", "a layer, input or output width is 0"},
    {"section_out_of_bounds", "a section offset or length lies outside the blob or out of order"},
    {"misaligned_section", "a section or parameter array is not 16-byte aligned"},
    {"reserved_not_zero", "a reserved field or flag is not zero"},
    {"unsupported_element_type", "element type is not float32 (int8 needs a newer runtime)"},
    {"unsupported_layer_kind", "layer kind is not dense float32 (int8 dense needs a newer runtime)"},
    {"unsupported_activation", "unknown activation code in the layer table"},
    {"width_mismatch", "layer widths do not chain from the input width to the output width"},
    {"parameter_out_of_bounds", "a layer's weights or bias lie outside the parameter section or have the wrong length"},
    {"parameter_count_mismatch", "parameter count in the header disagrees with the layer table"},
    {"bad_standardization", "a standardization mean or scale is not finite, or a scale is zero"},
    {"bad_model_name", "model name is not NUL-terminated within 32 bytes"},
    {"arena_size_mismatch", "arena size in the header disagrees with the layer widths"},
    {"arena_too_small", "the arena handed to load is smaller than the model needs"},
    {"not_loaded", "the model has not been loaded successfully"},
    {"bad_argument", "an argument is out of range"},
    {"op_not_linked", "the blob uses a layer kind or activation missing from the op set it was loaded with"},
};
constexpr unsigned kCount = sizeof(kTexts) / sizeof(kTexts[0]);
}  // namespace

const char* status_message(Status status) {
  const unsigned code = static_cast<unsigned>(status);
  return code < kCount ? kTexts[code].message : "unknown status code";
}

const char* status_name(Status status) {
  const unsigned code = static_cast<unsigned>(status);
  return code < kCount ? kTexts[code].name : "unknown";
}

}  // namespace ember
