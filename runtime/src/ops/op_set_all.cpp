// The op set with everything the runtime has. Referenced only by the loaders that take no op set
// (Model::load and inspect_blob without one, ember_load), so an image that passes its own set does not
// link this table or the ops it lists. Dense float32 is the residual-capable op, which runs every float
// layer.
#include "ember/blob_format.hpp"
#include "op.hpp"

extern "C" const ember_op_set ember_op_set_all = {
    {nullptr, &ember_op_dense_f32_residual, &ember_op_dense_s8, &ember_op_dense_s16x8, &ember_op_dense_s8_float_output},
    {&ember_activation_identity, &ember_activation_relu, &ember_activation_tanh, &ember_activation_sigmoid,
     &ember_activation_softmax},
};
