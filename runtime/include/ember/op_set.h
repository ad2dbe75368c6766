/* The operator set a model is loaded with: which layer kinds and activations this image links.
 *
 * Every layer kind is one op under runtime/src/ops/ (validate its layer-table entry, report the arena and
 * scratch bytes it needs, evaluate one sample), and every float activation is one small object. A model
 * is loaded against an op set; the linker keeps only the ops and activations the set names, so firmware
 * for a ReLU-only float model carries no tanh, exp, sigmoid, softmax or int8 code. `ember export --format
 * c-header` writes the set a model needs as `<SYMBOL>_OP_SET` (see docs/runtime.md, "Op sets"):
 *
 *   static const ember_op_set ops = MODEL_5D_OP_SET;
 *   ember_load_with_ops(&model, model_5d, model_5d_len, arena, sizeof arena, &ops);
 *
 * ember_load() and ember::Model::load() without a set use ember_op_set_all, which links everything. A blob
 * that uses a kind or activation missing from the set is rejected with EMBER_OP_NOT_LINKED. */
#ifndef EMBER_OP_SET_H
#define EMBER_OP_SET_H

#ifdef __cplusplus
extern "C" {
#endif

struct ember_op;         /* one layer kind; defined by the runtime (runtime/src/ops/op.hpp) */
struct ember_activation; /* one float activation function */

/* Slots are indexed by the codes of docs/blob-format.md: layer kind (1 = dense float32, 2 = dense int8,
 * 3 = dense int8 with int16 input, 4 = dense int8 with float32 output)
 * and activation (0 identity, 1 relu, 2 tanh, 3 sigmoid, 4 softmax). A null slot is not linked. Slot 1
 * holds ember_op_dense_f32 or, for models with residual layers, ember_op_dense_f32_residual. */
#define EMBER_LAYER_KIND_SLOTS 5
#define EMBER_ACTIVATION_SLOTS 5 /* exactly the codes: a spare slot would cost every op set 4 bytes of flash */

typedef struct ember_op_set {
  const struct ember_op* layer_kinds[EMBER_LAYER_KIND_SLOTS];
  const struct ember_activation* activations[EMBER_ACTIVATION_SLOTS];
} ember_op_set;

/* Declarations only: the definitions (runtime/src/ops/) are constant-initialized aggregates.
 * NOLINTBEGIN(bugprone-dynamic-static-initializers) */
extern const struct ember_op ember_op_dense_f32; /* kind 1: runtime/src/ops/dense_f32_op.cpp */
/* kind 1 with the layer flags of format v2 (residual layers, y = x + act(W x + b)); runs unflagged layers
 * too. In slot 1 instead of ember_op_dense_f32 when a model has a residual layer. */
extern const struct ember_op ember_op_dense_f32_residual; /* runtime/src/ops/dense_f32_residual_op.cpp */
/* Kinds 2, 3 and 4 (format v3): one op, runtime/src/ops/dense_s8_op.cpp, which reads each entry's kind, under
 * a name per kind (the same object: a set naming two or three of them links it once). A slot left null
 * still refuses its kind. */
extern const struct ember_op ember_op_dense_s8;              /* kind 2, int8 */
extern const struct ember_op ember_op_dense_s16x8;           /* kind 3, int16 input */
extern const struct ember_op ember_op_dense_s8_float_output; /* kind 4, float32 output */

extern const struct ember_activation ember_activation_identity;
extern const struct ember_activation ember_activation_relu;
extern const struct ember_activation ember_activation_tanh;
extern const struct ember_activation ember_activation_sigmoid;
extern const struct ember_activation ember_activation_softmax;

/* Every op and activation this runtime has (links all of them). */
extern const ember_op_set ember_op_set_all;
/* NOLINTEND(bugprone-dynamic-static-initializers) */

#ifdef __cplusplus
}
#endif

#endif /* EMBER_OP_SET_H */
