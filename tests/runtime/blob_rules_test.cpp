// The rules of docs/blob-format.md that go beyond bounds, each with the status it gets: zero padding, exact
// total_bytes, parameter arrays in layout order, finite parameters, printable model names (issue 14), and
// the quantization fields of int8 layers (format v3), the entry of layer kind 4 (float32 output), and op sets
// missing an op the blob uses.
#include <string.h>

#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "golden_v1_blob.h"
#include "golden_v2_int16_input_blob.h"
#include "golden_v2_int8_blob.h"
#include "golden_v3_float_output_blob.h"
#include "unit_test.hpp"

namespace {
namespace b = ember::blob;
using ember::Status;

// One blob at a time, plus room for the trailing-bytes test; small, for the 16 KB of RAM of the Cortex-M0.
constexpr size_t larger(size_t a, size_t b) { return a > b ? a : b; }
constexpr size_t kWorkBytes =
    larger(larger(sizeof golden_v1_blob, sizeof golden_v3_float_output_blob),
           larger(sizeof golden_v2_int8_blob, sizeof golden_v2_int16_input_blob)) +
    16;
alignas(16) unsigned char work[kWorkBytes];
size_t work_size = 0;
float arena[64];

void from_v1() {
  memcpy(work, golden_v1_blob, sizeof golden_v1_blob);
  work_size = sizeof golden_v1_blob;
}

void from_v2() {
  memcpy(work, golden_v2_int8_blob, sizeof golden_v2_int8_blob);
  work_size = sizeof golden_v2_int8_blob;
}

void from_int16_input() {
  memcpy(work, golden_v2_int16_input_blob, sizeof golden_v2_int16_input_blob);
  work_size = sizeof golden_v2_int16_input_blob;
}

void from_float_output() {
  memcpy(work, golden_v3_float_output_blob, sizeof golden_v3_float_output_blob);
  work_size = sizeof golden_v3_float_output_blob;
}

void put(size_t at, size_t width, uint32_t value) {
  for (size_t i = 0; i < width; ++i) work[at + i] = (unsigned char)(value >> (8 * i));
}

size_t entry(unsigned k) { return b::kHeaderBytes + k * b::kLayerEntryBytes; }
uint32_t field(unsigned k, size_t f) { return b::read_u32(work + entry(k) + f); }

Status load_fixed(const ember_op_set& ops = ember_op_set_all) {
  const uint32_t crc = ember::crc32(work + b::kHeaderBytes, work_size - b::kHeaderBytes);
  put(b::header::crc32, 4, crc);
  ember::Model model;
  return model.load(work, work_size, arena, sizeof arena, ops);
}
}  // namespace

TEST_CASE(a_non_zero_padding_byte_is_rejected) {
  // Golden v1, layer 1: 6 biases end 8 bytes short of the next 16-byte boundary.
  from_v1();
  const uint32_t bias_end = field(1, b::layer::bias_offset) + field(1, b::layer::bias_bytes);
  REQUIRE(bias_end % 16 != 0);
  work[bias_end] = 1;
  CHECK(load_fixed() == Status::nonzero_padding);
  // Padding between the layer table and the standardization section (4 layers of 48 = 288, no gap;
  // after the standardization: 5 + 3 ... so test the parameter array padding of an int8 layer instead: its
  // weights are whole 16-byte blocks, its 8 x 5 requantization bytes are not).
  from_v2();
  const uint32_t requant_end = field(0, b::layer::requant_offset) + field(0, b::layer::requant_bytes);
  REQUIRE(requant_end % 16 != 0);
  work[requant_end] = 0x80;
  CHECK(load_fixed() == Status::nonzero_padding);
}

TEST_CASE(total_bytes_past_the_rounded_end_of_the_last_array_is_rejected) {
  from_v1();
  memset(work + work_size, 0, 16);
  work_size += 16;
  put(b::header::total_bytes, 4, (uint32_t)work_size);
  put(b::header::params_bytes, 4, b::read_u32(work + b::header::params_bytes) + 16);
  CHECK(load_fixed() == Status::trailing_bytes);
}

TEST_CASE(overlapping_or_reordered_parameter_arrays_are_rejected) {
  // The issue-14 blob: layer 1's weights laid over layer 0's (parameter counts then exceed the blob).
  from_v1();
  put(entry(1) + b::layer::weights_offset, 4, field(0, b::layer::weights_offset));
  CHECK(load_fixed() == Status::parameters_out_of_order);
  from_v1();  // bias before weights: same bytes, other order
  const uint32_t w = field(0, b::layer::weights_offset);
  put(entry(0) + b::layer::weights_offset, 4, field(0, b::layer::bias_offset));
  put(entry(0) + b::layer::bias_offset, 4, w);
  CHECK(load_fixed() != Status::ok);
}

TEST_CASE(non_finite_weights_and_biases_are_rejected_so_run_and_export_agree) {
  const uint32_t bad[] = {0x7FC00000u /* nan */, 0x7F800000u /* +inf */, 0xFF800000u /* -inf */};
  for (uint32_t bits : bad) {
    from_v1();
    put(field(2, b::layer::weights_offset) + 4 * 3, 4, bits);
    CHECK(load_fixed() == Status::non_finite_parameter);
    from_v1();
    put(field(3, b::layer::bias_offset), 4, bits);
    CHECK(load_fixed() == Status::non_finite_parameter);
  }
}

TEST_CASE(model_names_must_be_printable_utf8_padded_with_nul) {
  const char* bad[] = {"a\x1b[2J", "tab\t", "\x7f", "\xc2\x9b" "csi", "\xff", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf"};
  for (const char* name : bad) {
    from_v1();
    memset(work + b::header::model_name, 0, b::kModelNameBytes);
    memcpy(work + b::header::model_name, name, strlen(name));
    CHECK(load_fixed() == Status::bad_model_name);
  }
  from_v1();
  work[b::header::model_name + 30] = 'x';  // bytes after the terminating NUL
  CHECK(load_fixed() == Status::bad_model_name);
  from_v1();
  memset(work + b::header::model_name, 0, b::kModelNameBytes);
  memcpy(work + b::header::model_name, "mod\xc3\xa8le \xe2\x82\xac \xf0\x9f\x99\x82", 16);
  CHECK(load_fixed() == Status::ok);
}

TEST_CASE(int8_multipliers_outside_q31_half_to_one_are_rejected) {
  const uint32_t bad[] = {0, 1, (1u << 30) - 1, 0x80000000u, 0xFFFFFFFFu};
  for (uint32_t m : bad) {
    from_v2();
    put(field(0, b::layer::requant_offset) + 4 * 2, 4, m);
    CHECK(load_fixed() == Status::bad_multiplier);
  }
  const uint32_t good[] = {1u << 30, 0x7FFFFFFFu};
  for (uint32_t m : good) {
    from_v2();
    put(field(0, b::layer::requant_offset) + 4 * 2, 4, m);
    CHECK(load_fixed() == Status::ok);
  }
}

TEST_CASE(int8_shifts_outside_minus_31_to_30_are_rejected) {
  const int bad[] = {-32, 31, 127, -128};
  for (int shift : bad) {
    from_v2();
    const uint32_t out = b::read_u16(work + entry(2) + b::layer::out_width);
    work[field(2, b::layer::requant_offset) + 4 * out + 1] = (unsigned char)(signed char)shift;
    CHECK(load_fixed() == Status::bad_shift);
  }
  const int good[] = {-31, 0, 30};
  for (int shift : good) {
    from_v2();
    const uint32_t out = b::read_u16(work + entry(2) + b::layer::out_width);
    work[field(2, b::layer::requant_offset) + 4 * out + 1] = (unsigned char)(signed char)shift;
    CHECK(load_fixed() == Status::ok);
  }
}

TEST_CASE(int8_scales_zero_points_and_activations_are_checked) {
  const uint32_t bad_scales[] = {0, 0x80000000u /* -0 */, 0xBF800000u /* -1 */, 0x7FC00000u, 0x7F800000u};
  for (uint32_t bits : bad_scales) {
    from_v2();
    put(entry(0) + b::layer::input_scale, 4, bits);
    CHECK(load_fixed() == Status::bad_quantization_scale);
    from_v2();
    put(entry(3) + b::layer::output_scale, 4, bits);
    CHECK(load_fixed() == Status::bad_quantization_scale);
  }
  const int32_t bad_zero_points[] = {128, -129, 0x7FFFFFFF, (int32_t)0x80000000};
  for (int32_t z : bad_zero_points) {
    from_v2();
    put(entry(0) + b::layer::input_zero_point, 4, (uint32_t)z);
    CHECK(load_fixed() == Status::bad_zero_point);
  }
  for (unsigned a = 2; a <= 4; ++a) {  // tanh, sigmoid, softmax
    from_v2();
    work[entry(0) + b::layer::activation] = (unsigned char)a;
    CHECK(load_fixed() == Status::unsupported_int8_activation);
  }
}

TEST_CASE(int8_requant_and_bias_sections_out_of_bounds_are_rejected) {
  from_v2();
  put(entry(2) + b::layer::requant_bytes, 4, field(2, b::layer::requant_bytes) + 1);
  CHECK(load_fixed() == Status::requant_out_of_bounds);
  from_v2();
  put(entry(3) + b::layer::requant_offset, 4, (uint32_t)work_size);
  CHECK(load_fixed() == Status::requant_out_of_bounds);
  from_v2();
  put(entry(3) + b::layer::bias_offset, 4, (uint32_t)work_size);
  CHECK(load_fixed() == Status::parameter_out_of_bounds);
}

TEST_CASE(consecutive_int8_layers_must_agree_on_the_tensor_between_them) {
  // Golden v2: layers 2 and 3 are both int8.
  from_v2();
  put(entry(3) + b::layer::input_zero_point, 4, field(3, b::layer::input_zero_point) + 1);
  CHECK(load_fixed() == Status::quantization_mismatch);
  from_v2();
  put(entry(2) + b::layer::output_scale, 4, field(2, b::layer::output_scale) + 1);
  CHECK(load_fixed() == Status::quantization_mismatch);
}

TEST_CASE(a_blob_using_an_op_missing_from_the_op_set_is_rejected) {
  static const ember_op_set float_relu_only = {{0, &ember_op_dense_f32, 0, 0},
                                               {&ember_activation_identity, &ember_activation_relu, 0, 0, 0}};
  from_v1();  // uses tanh and sigmoid
  CHECK(load_fixed(float_relu_only) == Status::op_not_linked);
  static const ember_op_set no_int8 = {
      {0, &ember_op_dense_f32, 0, 0},
      {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, &ember_activation_sigmoid, 0}};
  CHECK(load_fixed(no_int8) == Status::ok);
  from_v2();
  CHECK(load_fixed(no_int8) == Status::op_not_linked);
  static const ember_op_set with_int8 = {
      {0, &ember_op_dense_f32, &ember_op_dense_s8, 0},
      {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, 0, 0}};
  CHECK(load_fixed(with_int8) == Status::ok);  // int8 layers fold relu into their clamp
}

TEST_CASE(an_int16_input_layer_is_layer_0_with_zero_point_0_in_a_v2_blob) {
  from_int16_input();
  CHECK(load_fixed() == Status::ok);
  CHECK(work[entry(0) + b::layer::kind] == 3);
  put(entry(0) + b::layer::input_zero_point, 4, 1);
  CHECK(load_fixed() == Status::bad_zero_point);
  from_int16_input();
  put(entry(0) + b::layer::input_scale, 4, 0);
  CHECK(load_fixed() == Status::bad_quantization_scale);
  from_int16_input();
  work[b::header::format_version] = 1;
  CHECK(load_fixed() == Status::unsupported_layer_kind);
  // Golden v2's layer 2 (int8 after a float32 layer) as kind 3: only the model input may be int16.
  from_v2();
  work[entry(2) + b::layer::kind] = 3;
  put(entry(2) + b::layer::input_zero_point, 4, 0);
  CHECK(load_fixed() == Status::int16_input_not_first);
}

// docs/blob-format.md's order for kind 3: its position before kind 2's checks, its zero point after them (both
// in ops::validate_int8_entry, which reads the kind byte), so a layer breaking two rules reports that order.
TEST_CASE(an_int16_input_layer_reports_its_position_first_and_its_zero_point_last) {
  from_v2();  // layer 2 as kind 3 with a float32 element type: the position wins
  work[entry(2) + b::layer::kind] = 3;
  work[entry(2) + b::layer::element_type] = 0;
  CHECK(load_fixed() == Status::int16_input_not_first);
  from_int16_input();  // a zero point of 1 and a zero multiplier: kind 2's multiplier check wins
  put(entry(0) + b::layer::input_zero_point, 4, 1);
  put(field(0, b::layer::requant_offset), 4, 0);
  CHECK(load_fixed() == Status::bad_multiplier);
}

TEST_CASE(an_int16_input_blob_needs_its_op_in_the_op_set) {
  static const ember_op_set int8_only = {
      {0, &ember_op_dense_f32, &ember_op_dense_s8, 0},
      {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, 0, 0}};
  from_int16_input();
  CHECK(load_fixed(int8_only) == Status::op_not_linked);
  static const ember_op_set with_int16_input = {
      {0, &ember_op_dense_f32, &ember_op_dense_s8, &ember_op_dense_s16x8},
      {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, 0, 0}};
  CHECK(load_fixed(with_int16_input) == Status::ok);
}

// Layer kind 4 (golden v3's last layer, layer 3): its entry's rules, each with its status.
TEST_CASE(a_float_output_layer_is_the_last_layer_with_no_output_format_of_its_own) {
  from_float_output();
  CHECK(load_fixed() == Status::ok);
  CHECK(work[entry(3) + b::layer::kind] == 4);
  // Golden v3's layer 2 (int8, before the last one) as kind 4: only the last layer may be.
  from_float_output();
  work[entry(2) + b::layer::kind] = 4;
  CHECK(load_fixed() == Status::int8_float_output_not_last);
  from_float_output();
  put(entry(3) + b::layer::output_scale, 4, 0x3D23D70Au /* 0.04f */);
  CHECK(load_fixed() == Status::reserved_not_zero);
  from_float_output();
  put(entry(3) + b::layer::output_zero_point, 4, 1);
  CHECK(load_fixed() == Status::reserved_not_zero);
  from_float_output();
  work[entry(3) + b::layer::flags] = 1;
  CHECK(load_fixed() == Status::unsupported_layer_flags);
  from_float_output();
  work[entry(3) + b::layer::element_type] = 0;
  CHECK(load_fixed() == Status::unsupported_element_type);
  from_float_output();
  work[entry(3) + b::layer::activation] = 2;  // tanh has no int8 form
  CHECK(load_fixed() == Status::unsupported_int8_activation);
  from_float_output();
  work[b::header::format_version] = 1;
  CHECK(load_fixed() == Status::unsupported_layer_kind);
}

TEST_CASE(float_output_scales_zero_points_and_arrays_are_checked) {
  const uint32_t bad_scales[] = {0u, 0x80000000u /* -0 */, 0xBF800000u /* -1 */, 0x7F800000u, 0x7FC00000u};
  const uint32_t scales = b::read_u32(golden_v3_float_output_blob + entry(3) + b::layer::scales_offset);
  for (uint32_t bits : bad_scales) {
    from_float_output();
    put(scales + 4 * 2, 4, bits);  // output 2's scale
    CHECK(load_fixed() == Status::bad_quantization_scale);
    from_float_output();
    put(entry(3) + b::layer::input_scale, 4, bits);
    CHECK(load_fixed() == Status::bad_quantization_scale);
  }
  from_float_output();
  put(entry(3) + b::layer::input_zero_point, 4, 128);
  CHECK(load_fixed() == Status::bad_zero_point);
  // The tensor from layer 2 (int8) is shared: the input scale must be layer 2's output scale, bit for bit.
  from_float_output();
  work[entry(3) + b::layer::input_scale] ^= 1;
  CHECK(load_fixed() == Status::quantization_mismatch);
  // Array lengths: row-major weights (in × out, not kind 2's padded blocks), bias, scales.
  from_float_output();
  put(entry(3) + b::layer::weights_bytes, 4, 16);
  CHECK(load_fixed() == Status::parameter_out_of_bounds);
  from_float_output();
  put(entry(3) + b::layer::scales_bytes, 4, 15);  // kind 2's 5 bytes per output
  CHECK(load_fixed() == Status::requant_out_of_bounds);
  from_float_output();
  put(entry(3) + b::layer::scales_offset, 4, (uint32_t)work_size);
  CHECK(load_fixed() != Status::ok);
}

TEST_CASE(a_float_output_blob_needs_its_op_in_the_op_set) {
  static const ember_op_set without = {
      {0, &ember_op_dense_f32, &ember_op_dense_s8, &ember_op_dense_s16x8, 0},
      {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, 0, 0}};
  from_float_output();
  CHECK(load_fixed(without) == Status::op_not_linked);
  static const ember_op_set with = {{0, &ember_op_dense_f32, &ember_op_dense_s8, 0, &ember_op_dense_s8_float_output},
                                    {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, 0, 0}};
  CHECK(load_fixed(with) == Status::ok);
}
