#include "ember/activation.hpp"

#include "ember/scalar_math.hpp"

namespace ember {

const char* activation_name(Activation activation) {
  switch (activation) {
    case Activation::identity: return "identity";
    case Activation::relu: return "relu";
    case Activation::tanh: return "tanh";
    case Activation::sigmoid: return "sigmoid";
    case Activation::softmax: return "softmax";
  }
  return "unknown";
}

void apply_relu(float* values, uint32_t count) {
  // v > 0 ? v : +0 (negative, either zero and NaN give +0), in two forms with the same bits. Hosts: the
  // select, which the compiler vectorizes; a branch per value costs Model::run about 20 % on x86-64 (sign
  // changes are unpredictable). Cortex-M: a store of +0 only where the value is not positive, which needs no
  // float zero constant and skips the store of every positive value (12 bytes and 120 instructions less on
  // the 5D model, Cortex-M4F; docs/targets.md).
#if defined(__x86_64__) || defined(__aarch64__)
  for (uint32_t i = 0; i < count; ++i) values[i] = values[i] > 0.0f ? values[i] : 0.0f;
#else
  for (uint32_t i = 0; i < count; ++i)
    if (!(values[i] > 0.0f)) values[i] = 0.0f;
#endif
}

void apply_tanh(float* values, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) values[i] = math::tanh(values[i]);
}

void apply_sigmoid(float* values, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) values[i] = math::sigmoid(values[i]);
}

void apply_softmax(float* values, uint32_t count) {
  if (count == 0) return;
  float max_value = values[0];
  for (uint32_t i = 1; i < count; ++i) max_value = values[i] > max_value ? values[i] : max_value;
  float sum = 0.0f;
  for (uint32_t i = 0; i < count; ++i) {
    values[i] = math::exp(values[i] - max_value);
    sum += values[i];
  }
  const float inv = 1.0f / sum;
  for (uint32_t i = 0; i < count; ++i) values[i] *= inv;
}

void apply_activation(Activation activation, float* values, uint32_t count) {
  switch (activation) {
    case Activation::identity: return;
    case Activation::relu: return apply_relu(values, count);
    case Activation::tanh: return apply_tanh(values, count);
    case Activation::sigmoid: return apply_sigmoid(values, count);
    case Activation::softmax: return apply_softmax(values, count);
  }
}

}  // namespace ember
