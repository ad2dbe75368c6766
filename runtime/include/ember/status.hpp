// Every outcome of the runtime is a Status with a stable numeric code (never renumbered; new codes are
// appended) and a one-line message from status_message().
#ifndef EMBER_STATUS_HPP
#define EMBER_STATUS_HPP

#include <stdint.h>

namespace ember {

// An int, as the C API (ember.h) returns it: its shims then pass the status on with a tail call, no widening.
enum class Status : int {
  ok = 0,
  null_argument = 1,
  misaligned_blob = 2,
  truncated_header = 3,
  bad_magic = 4,
  unsupported_version = 5,
  bad_header_size = 6,
  size_mismatch = 7,
  crc_mismatch = 8,
  bad_layer_count = 9,
  bad_width = 10,
  section_out_of_bounds = 11,
  misaligned_section = 12,
  reserved_not_zero = 13,
  unsupported_element_type = 14,
  unsupported_layer_kind = 15,
  unsupported_activation = 16,
  width_mismatch = 17,
  parameter_out_of_bounds = 18,
  parameter_count_mismatch = 19,
  bad_standardization = 20,
  bad_model_name = 21,
  arena_size_mismatch = 22,
  arena_too_small = 23,
  not_loaded = 24,
  bad_argument = 25,
  op_not_linked = 26,
  bad_quantization_scale = 27,
  bad_zero_point = 28,
  bad_multiplier = 29,
  bad_shift = 30,
  requant_out_of_bounds = 31,
  unsupported_int8_activation = 32,
  quantization_mismatch = 33,
  nonzero_padding = 34,
  parameters_out_of_order = 35,
  trailing_bytes = 36,
  non_finite_parameter = 37,
  int16_input_not_first = 38,
  unsupported_layer_flags = 39,
  residual_width_mismatch = 40,
  int8_float_output_not_last = 41,
};

// One line, no trailing newline, never null.
const char* status_message(Status status);

// The symbolic name of the code, e.g. "crc_mismatch"; never null.
const char* status_name(Status status);

}  // namespace ember

#endif  // EMBER_STATUS_HPP
