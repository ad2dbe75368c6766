// Residual layers (blob format v2, layer flag kLayerFlagResidual): y = x + act(W x + b). The golden residual
// blob gives the host's output bits on every target, run_batch equals run, every flag rule has its status
// (docs/blob-format.md, "Residual layers"), and the op set decides whether residual code is linked.
#include <string.h>

#include "ember/blob_format.hpp"
#include "ember/blob_reader.hpp"
#include "ember/crc32.hpp"
#include "ember/model.hpp"
#include "golden_v1_blob.h"
#include "golden_v2_int8_blob.h"
#include "golden_v2_residual_blob.h"
#include "golden_v2_residual_reference.h"
#include "unit_test.hpp"

namespace {
namespace b = ember::blob;
using ember::Status;

constexpr size_t kWorkBytes = sizeof golden_v2_residual_blob > sizeof golden_v1_blob ? sizeof golden_v2_residual_blob
                                                                                     : sizeof golden_v1_blob;
alignas(16) unsigned char work[kWorkBytes > sizeof golden_v2_int8_blob ? kWorkBytes : sizeof golden_v2_int8_blob];
size_t work_size = 0;
float arena[64];

void from(const unsigned char* blob, size_t bytes) {
  memcpy(work, blob, bytes);
  work_size = bytes;
}
void from_residual() { from(golden_v2_residual_blob, sizeof golden_v2_residual_blob); }

size_t flags_at(unsigned k) { return b::kHeaderBytes + k * b::kLayerEntryBytes + b::layer::flags; }

void fix_crc() {
  const uint32_t crc = ember::crc32(work + b::kHeaderBytes, work_size - b::kHeaderBytes);
  for (int i = 0; i < 4; ++i) work[b::header::crc32 + i] = (unsigned char)(crc >> (8 * i));
}

Status load_fixed(ember::Model& model, const ember_op_set& ops = ember_op_set_all) {
  fix_crc();
  return model.load(work, work_size, arena, sizeof arena, ops);
}

bool same_bits(const float* y, const uint32_t* expected, int count) {
  return memcmp(y, expected, 4 * (size_t)count) == 0;
}

const ember_op_set kPlainDense = {{0, &ember_op_dense_f32, 0, 0},
                                  {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, 0, 0}};
const ember_op_set kResidualDense = {
    {0, &ember_op_dense_f32_residual, 0, 0},
    {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, 0, 0}};
}  // namespace

TEST_CASE(golden_residual_blob_gives_the_hosts_output_bits_on_every_target) {
  ember::Model model;
  REQUIRE(model.load(golden_v2_residual_blob, sizeof golden_v2_residual_blob, arena, sizeof arena) == Status::ok);
  CHECK(model.info().format_version == 2);
  CHECK(model.layer(1).residual && model.layer(2).residual && !model.layer(0).residual && !model.layer(3).residual);
  for (int r = 0; r < golden_residual_rows; ++r) {
    float y[3];
    CHECK(model.run(&golden_residual_inputs[5 * r], y) == Status::ok);
    if (!same_bits(y, &golden_residual_output_bits[3 * r], 3)) {
      printf("  row %d differs from the host's bits\n", r);
      CHECK(false);
    }
  }
}

TEST_CASE(run_batch_equals_run_for_residual_models) {
  ember::Model model;
  REQUIRE(model.load(golden_v2_residual_blob, sizeof golden_v2_residual_blob, arena, sizeof arena) == Status::ok);
  // 8 rows twice: 16 samples make a whole tile of the batched kernel on hosts.
  float inputs[16 * 5], outputs[16 * 3];
  memcpy(inputs, golden_residual_inputs, sizeof golden_residual_inputs);
  memcpy(inputs + 8 * 5, golden_residual_inputs, sizeof golden_residual_inputs);
  CHECK(model.run_batch(inputs, 16, outputs) == Status::ok);
  CHECK(same_bits(outputs, golden_residual_output_bits, 8 * 3));
  CHECK(same_bits(outputs + 8 * 3, golden_residual_output_bits, 8 * 3));
}

TEST_CASE(a_residual_layer_with_zero_weights_is_the_identity) {
  // Layer 1 (8 -> 8, relu, residual) with W = 0 and b = 0 computes x + relu(0) = x: the model then gives the
  // outputs of the same blob without layer 1's contribution, i.e. equal to skipping it. Checked by zeroing
  // layer 2 too and comparing with layer 0 -> layer 3 computed here.
  from_residual();
  for (unsigned k = 1; k <= 2; ++k) {
    const uint8_t* e = work + b::kHeaderBytes + k * b::kLayerEntryBytes;
    memset(work + b::read_u32(e + b::layer::weights_offset), 0, b::read_u32(e + b::layer::weights_bytes));
    memset(work + b::read_u32(e + b::layer::bias_offset), 0, b::read_u32(e + b::layer::bias_bytes));
  }
  ember::Model model;
  REQUIRE(load_fixed(model) == Status::ok);
  float y[3];
  REQUIRE(model.run(golden_residual_inputs, y) == Status::ok);
  // The same two layers by hand, in dense_f32's order for 5 and 8 inputs (docs/runtime.md, Numerics).
  const ember::LayerView l0 = model.layer(0), l3 = model.layer(3);
  const uint8_t* norm = work + b::read_u32(work + b::header::norm_offset);
  const float* mean = reinterpret_cast<const float*>(norm);
  float x[5], h[8], z[3];
  for (int i = 0; i < 5; ++i) x[i] = (golden_residual_inputs[i] - mean[i]) / mean[5 + i];
  for (int o = 0; o < 8; ++o) {
    const float* w = l0.weights + 5 * o;
    float s0 = w[0] * x[0], s1 = w[1] * x[1], s2 = w[2] * x[2], s3 = w[3] * x[3];
    s0 = s0 + w[4] * x[4];
    const float v = l0.bias[o] + ((s0 + s1) + (s2 + s3));
    h[o] = v > 0.0f ? v : 0.0f;
  }
  for (int o = 0; o < 3; ++o) {
    const float* w = l3.weights + 8 * o;
    float s[4];
    for (int k = 0; k < 4; ++k) s[k] = w[k] * h[k] + w[k + 4] * h[k + 4];
    z[o] = l3.bias[o] + ((s[0] + s[1]) + (s[2] + s[3]));
    z[o] = z[o] * mean[10 + 3 + o] + mean[10 + o];
  }
  CHECK(memcmp(y, z, sizeof z) == 0);
}

TEST_CASE(every_unknown_flag_bit_is_rejected_with_its_own_status) {
  for (unsigned k = 0; k < 4; ++k) {
    for (unsigned bit = 1; bit < 8; ++bit) {
      from_residual();
      work[flags_at(k)] = (unsigned char)(work[flags_at(k)] | (1u << bit));
      ember::Model model;
      CHECK(load_fixed(model) == Status::unsupported_layer_flags);
    }
  }
}

TEST_CASE(a_residual_flag_on_unequal_widths_is_rejected) {
  const unsigned unequal[] = {0, 3};  // 5 -> 8 and 8 -> 3
  for (unsigned k : unequal) {
    from_residual();
    work[flags_at(k)] = b::kLayerFlagResidual;
    ember::Model model;
    CHECK(load_fixed(model) == Status::residual_width_mismatch);
  }
}

TEST_CASE(clearing_a_residual_flag_leaves_a_valid_blob_with_other_outputs) {
  from_residual();
  work[flags_at(2)] = 0;
  ember::Model model;
  REQUIRE(load_fixed(model) == Status::ok);
  float y[3];
  REQUIRE(model.run(golden_residual_inputs, y) == Status::ok);
  CHECK(!same_bits(y, golden_residual_output_bits, 3));
}

TEST_CASE(the_flags_byte_is_reserved_in_v1_and_int8_layers_take_no_flag) {
  from(golden_v1_blob, sizeof golden_v1_blob);
  work[flags_at(0)] = b::kLayerFlagResidual;
  ember::Model model;
  CHECK(load_fixed(model) == Status::reserved_not_zero);
  from_residual();
  work[b::header::format_version] = 1;  // a residual blob relabelled v1
  CHECK(load_fixed(model) == Status::reserved_not_zero);
  from(golden_v2_int8_blob, sizeof golden_v2_int8_blob);
  work[flags_at(0)] = b::kLayerFlagResidual;  // int8 layer 0
  CHECK(load_fixed(model) == Status::unsupported_layer_flags);
}

TEST_CASE(the_plain_dense_op_refuses_residual_layers_and_the_residual_op_runs_both) {
  from_residual();
  ember::Model model;
  CHECK(load_fixed(model, kPlainDense) == Status::reserved_not_zero);  // to it the flags byte is reserved
  REQUIRE(load_fixed(model, kResidualDense) == Status::ok);
  float y[3];
  REQUIRE(model.run(golden_residual_inputs, y) == Status::ok);
  CHECK(same_bits(y, golden_residual_output_bits, 3));
  // A model without residual layers runs the same with either op.
  from(golden_v1_blob, sizeof golden_v1_blob);
  static const ember_op_set plain_v1 = {
      {0, &ember_op_dense_f32, 0, 0},
      {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, &ember_activation_sigmoid, 0}};
  static const ember_op_set residual_v1 = {
      {0, &ember_op_dense_f32_residual, 0, 0},
      {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, &ember_activation_sigmoid, 0}};
  float a[3], c[3];
  REQUIRE(load_fixed(model, plain_v1) == Status::ok);
  REQUIRE(model.run(golden_residual_inputs, a) == Status::ok);
  REQUIRE(load_fixed(model, residual_v1) == Status::ok);
  REQUIRE(model.run(golden_residual_inputs, c) == Status::ok);
  CHECK(memcmp(a, c, sizeof a) == 0);
}
