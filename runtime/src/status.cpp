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
    {"unsupported_version", "blob format version is not supported by this runtime (expects 1, 2 or 3)"},
    {"bad_header_size", "header size field is not 96"},
    {"size_mismatch", "blob size differs from the total size in its header (truncated or padded)"},
    {"crc_mismatch", "CRC-32 of the blob body does not match the header (corrupt blob)"},
    {"bad_layer_count", "layer count is 0 or above 32"},
    {"bad_width", "a layer, input or output width is 0"},
    {"section_out_of_bounds", "a section offset or length lies outside the blob or out of order"},
    {"misaligned_section", "a section or parameter array is not 16-byte aligned"},
    {"reserved_not_zero", "a reserved field or flag is not zero (a residual layer needs format v2 and the residual dense op)"},
    {"unsupported_element_type", "element type does not match the layer kind (float32 for dense, int8 for dense int8)"},
    {"unsupported_layer_kind", "layer kind is unknown to this blob's format version (dense int8 needs version 3)"},
    {"unsupported_activation", "unknown activation code in the layer table"},
    {"width_mismatch", "layer widths do not chain from the input width to the output width"},
    {"parameter_out_of_bounds", "a layer's weights or bias lie outside the parameter section or have the wrong length"},
    {"parameter_count_mismatch", "parameter count in the header disagrees with the layer table"},
    {"bad_standardization", "a standardization mean or scale is not finite, or a scale is zero"},
    {"bad_model_name", "model name is not printable UTF-8 NUL-padded within 32 bytes (control characters are refused)"},
    {"arena_size_mismatch", "arena size in the header disagrees with the layer widths"},
    {"arena_too_small", "the arena handed to load is smaller than the model needs"},
    {"not_loaded", "the model has not been loaded successfully"},
    {"bad_argument", "an argument is out of range"},
    {"op_not_linked", "the blob uses a layer kind or activation missing from the op set it was loaded with"},
    {"bad_quantization_scale", "an int8 layer's input or output scale (kind 4: an output channel's) is not a finite number above zero"},
    {"bad_zero_point", "an int8 layer's zero point is outside -128..127"},
    {"bad_multiplier", "an int8 layer's requantization multiplier is outside [2^30, 2^31 - 1]"},
    {"bad_shift", "an int8 layer's requantization shift is outside -31..30"},
    {"requant_out_of_bounds", "an int8 layer's multiplier/shift array (kind 4: its output scales) lies outside the parameters or has the wrong length"},
    {"unsupported_int8_activation", "an int8 layer's activation is not identity or relu"},
    {"quantization_mismatch", "two int8 layers in a row disagree on the scale or zero point of the tensor between them"},
    {"nonzero_padding", "a padding byte between sections or parameter arrays is not zero"},
    {"parameters_out_of_order", "parameter arrays overlap, leave a gap or are not in layer order"},
    {"trailing_bytes", "total size goes past the 16-byte-rounded end of the last parameter array"},
    {"non_finite_parameter", "a float32 weight or bias is NaN or infinite"},
    {"int16_input_not_first", "a dense int8 layer with int16 input (kind 3) is not layer 0: only the model input can be int16"},
    {"unsupported_layer_flags", "a layer's flags byte has a bit this runtime does not know, or a flag its kind cannot carry (residual: dense float32 only)"},
    {"residual_width_mismatch", "a residual layer's in_width differs from its out_width (its output adds its input)"},
    {"int8_float_output_not_last", "a dense int8 layer with float32 output (kind 4) is not the last layer: only the model output can follow it"},
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
