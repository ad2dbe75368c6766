// The float activations as op-set entries. Each object refers to one function of activation.cpp, and with
// -ffunction-sections / --gc-sections (every Cortex-M preset) an image keeps only the ones its op set names.
#include "ember/activation.hpp"
#include "op.hpp"

namespace {
void apply_identity(float*, uint32_t) {}
}  // namespace

extern "C" {
const ember_activation ember_activation_identity = {apply_identity};
const ember_activation ember_activation_relu = {ember::apply_relu};
const ember_activation ember_activation_tanh = {ember::apply_tanh};
const ember_activation ember_activation_sigmoid = {ember::apply_sigmoid};
const ember_activation ember_activation_softmax = {ember::apply_softmax};
}
