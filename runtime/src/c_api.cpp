// The C API forwards to ember::Model placed in the caller's ember_model storage.
#include "ember/ember.h"

#include <new>  // placement construction only: the Model lives in the caller's storage, never on the heap

#include "ember/model.hpp"

static_assert(sizeof(ember::Model) <= sizeof(ember_model), "grow ember_model storage");
static_assert(alignof(ember::Model) <= alignof(ember_model), "ember_model is under-aligned");

// ember.h names every status for C; each must equal the C++ code.
static_assert(EMBER_OK == static_cast<int>(ember::Status::ok), "EMBER_OK");
static_assert(EMBER_NULL_ARGUMENT == static_cast<int>(ember::Status::null_argument), "EMBER_NULL_ARGUMENT");
static_assert(EMBER_MISALIGNED_BLOB == static_cast<int>(ember::Status::misaligned_blob), "EMBER_MISALIGNED_BLOB");
static_assert(EMBER_TRUNCATED_HEADER == static_cast<int>(ember::Status::truncated_header), "EMBER_TRUNCATED_HEADER");
static_assert(EMBER_BAD_MAGIC == static_cast<int>(ember::Status::bad_magic), "EMBER_BAD_MAGIC");
static_assert(EMBER_UNSUPPORTED_VERSION == static_cast<int>(ember::Status::unsupported_version), "EMBER_UNSUPPORTED_VERSION");
static_assert(EMBER_BAD_HEADER_SIZE == static_cast<int>(ember::Status::bad_header_size), "EMBER_BAD_HEADER_SIZE");
static_assert(EMBER_SIZE_MISMATCH == static_cast<int>(ember::Status::size_mismatch), "EMBER_SIZE_MISMATCH");
static_assert(EMBER_CRC_MISMATCH == static_cast<int>(ember::Status::crc_mismatch), "EMBER_CRC_MISMATCH");
static_assert(EMBER_BAD_LAYER_COUNT == static_cast<int>(ember::Status::bad_layer_count), "EMBER_BAD_LAYER_COUNT");
static_assert(EMBER_BAD_WIDTH == static_cast<int>(ember::Status::bad_width), "EMBER_BAD_WIDTH");
static_assert(EMBER_SECTION_OUT_OF_BOUNDS == static_cast<int>(ember::Status::section_out_of_bounds), "EMBER_SECTION_OUT_OF_BOUNDS");
static_assert(EMBER_MISALIGNED_SECTION == static_cast<int>(ember::Status::misaligned_section), "EMBER_MISALIGNED_SECTION");
static_assert(EMBER_RESERVED_NOT_ZERO == static_cast<int>(ember::Status::reserved_not_zero), "EMBER_RESERVED_NOT_ZERO");
static_assert(EMBER_UNSUPPORTED_ELEMENT_TYPE == static_cast<int>(ember::Status::unsupported_element_type), "EMBER_UNSUPPORTED_ELEMENT_TYPE");
static_assert(EMBER_UNSUPPORTED_LAYER_KIND == static_cast<int>(ember::Status::unsupported_layer_kind), "EMBER_UNSUPPORTED_LAYER_KIND");
static_assert(EMBER_UNSUPPORTED_ACTIVATION == static_cast<int>(ember::Status::unsupported_activation), "EMBER_UNSUPPORTED_ACTIVATION");
static_assert(EMBER_WIDTH_MISMATCH == static_cast<int>(ember::Status::width_mismatch), "EMBER_WIDTH_MISMATCH");
static_assert(EMBER_PARAMETER_OUT_OF_BOUNDS == static_cast<int>(ember::Status::parameter_out_of_bounds), "EMBER_PARAMETER_OUT_OF_BOUNDS");
static_assert(EMBER_PARAMETER_COUNT_MISMATCH == static_cast<int>(ember::Status::parameter_count_mismatch), "EMBER_PARAMETER_COUNT_MISMATCH");
static_assert(EMBER_BAD_STANDARDIZATION == static_cast<int>(ember::Status::bad_standardization), "EMBER_BAD_STANDARDIZATION");
static_assert(EMBER_BAD_MODEL_NAME == static_cast<int>(ember::Status::bad_model_name), "EMBER_BAD_MODEL_NAME");
static_assert(EMBER_ARENA_SIZE_MISMATCH == static_cast<int>(ember::Status::arena_size_mismatch), "EMBER_ARENA_SIZE_MISMATCH");
static_assert(EMBER_ARENA_TOO_SMALL == static_cast<int>(ember::Status::arena_too_small), "EMBER_ARENA_TOO_SMALL");
static_assert(EMBER_NOT_LOADED == static_cast<int>(ember::Status::not_loaded), "EMBER_NOT_LOADED");
static_assert(EMBER_BAD_ARGUMENT == static_cast<int>(ember::Status::bad_argument), "EMBER_BAD_ARGUMENT");
static_assert(EMBER_OP_NOT_LINKED == static_cast<int>(ember::Status::op_not_linked), "EMBER_OP_NOT_LINKED");
static_assert(EMBER_BAD_QUANTIZATION_SCALE == static_cast<int>(ember::Status::bad_quantization_scale), "EMBER_BAD_QUANTIZATION_SCALE");
static_assert(EMBER_BAD_ZERO_POINT == static_cast<int>(ember::Status::bad_zero_point), "EMBER_BAD_ZERO_POINT");
static_assert(EMBER_BAD_MULTIPLIER == static_cast<int>(ember::Status::bad_multiplier), "EMBER_BAD_MULTIPLIER");
static_assert(EMBER_BAD_SHIFT == static_cast<int>(ember::Status::bad_shift), "EMBER_BAD_SHIFT");
static_assert(EMBER_REQUANT_OUT_OF_BOUNDS == static_cast<int>(ember::Status::requant_out_of_bounds), "EMBER_REQUANT_OUT_OF_BOUNDS");
static_assert(EMBER_UNSUPPORTED_INT8_ACTIVATION == static_cast<int>(ember::Status::unsupported_int8_activation), "EMBER_UNSUPPORTED_INT8_ACTIVATION");
static_assert(EMBER_QUANTIZATION_MISMATCH == static_cast<int>(ember::Status::quantization_mismatch), "EMBER_QUANTIZATION_MISMATCH");
static_assert(EMBER_NONZERO_PADDING == static_cast<int>(ember::Status::nonzero_padding), "EMBER_NONZERO_PADDING");
static_assert(EMBER_PARAMETERS_OUT_OF_ORDER == static_cast<int>(ember::Status::parameters_out_of_order), "EMBER_PARAMETERS_OUT_OF_ORDER");
static_assert(EMBER_TRAILING_BYTES == static_cast<int>(ember::Status::trailing_bytes), "EMBER_TRAILING_BYTES");
static_assert(EMBER_NON_FINITE_PARAMETER == static_cast<int>(ember::Status::non_finite_parameter), "EMBER_NON_FINITE_PARAMETER");
static_assert(EMBER_INT16_INPUT_NOT_FIRST == static_cast<int>(ember::Status::int16_input_not_first), "EMBER_INT16_INPUT_NOT_FIRST");
static_assert(EMBER_UNSUPPORTED_LAYER_FLAGS == static_cast<int>(ember::Status::unsupported_layer_flags), "EMBER_UNSUPPORTED_LAYER_FLAGS");
static_assert(EMBER_RESIDUAL_WIDTH_MISMATCH == static_cast<int>(ember::Status::residual_width_mismatch), "EMBER_RESIDUAL_WIDTH_MISMATCH");
static_assert(EMBER_INT8_FLOAT_OUTPUT_NOT_LAST == static_cast<int>(ember::Status::int8_float_output_not_last),
              "EMBER_INT8_FLOAT_OUTPUT_NOT_LAST");

// The Model that ember_load_with_ops loads into the caller's storage: constructed without zeroing, since
// load() assigns every field or resets the model (model.hpp, Model::Unassigned).
struct ember::CApi {
  static Model* unassigned_model(void* storage) { return ::new (storage) Model(Model::Unassigned{}); }
};

namespace {
ember::Model* as_model(ember_model* m) { return reinterpret_cast<ember::Model*>(m); }
const ember::Model* as_model(const ember_model* m) { return reinterpret_cast<const ember::Model*>(m); }
int code(ember::Status s) { return static_cast<int>(s); }
}  // namespace

extern "C" {

int ember_load_with_ops(ember_model* model, const void* blob, size_t blob_bytes, void* arena, size_t arena_bytes,
                        const ember_op_set* ops) {
  if (model == nullptr || ops == nullptr) return code(ember::Status::null_argument);
  return code(ember::CApi::unassigned_model(model)->load(blob, blob_bytes, arena, arena_bytes, *ops));
}

int ember_run(ember_model* model, const float* input, float* output) {
  if (model == nullptr) return code(ember::Status::null_argument);
  return code(as_model(model)->run(input, output));
}

int ember_run_batch(ember_model* model, const float* inputs, size_t count, float* outputs) {
  if (model == nullptr) return code(ember::Status::null_argument);
  return code(as_model(model)->run_batch(inputs, count, outputs));
}

size_t ember_input_width(const ember_model* model) { return model ? as_model(model)->input_width() : 0; }
size_t ember_output_width(const ember_model* model) { return model ? as_model(model)->output_width() : 0; }

const char* ember_status_message(int status) {
  if (status < 0 || status > 255) return "unknown status code";
  return ember::status_message(static_cast<ember::Status>(status));
}

}  // extern "C"
