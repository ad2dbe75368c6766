// Activation functions of dense layers. Codes are part of the blob format (docs/blob-format.md).
#ifndef EMBER_ACTIVATION_HPP
#define EMBER_ACTIVATION_HPP

#include <stdint.h>

namespace ember {

enum class Activation : uint8_t { identity = 0, relu = 1, tanh = 2, sigmoid = 3, softmax = 4 };

constexpr bool is_known_activation(uint8_t code) { return code <= static_cast<uint8_t>(Activation::softmax); }

// "identity", "relu", ...; "unknown" for codes outside the enum.
const char* activation_name(Activation activation);

// Applies the activation in place to `count` values.
void apply_activation(Activation activation, float* values, uint32_t count);

// The same, one function per activation, so an image links only those it uses (ember/op_set.h).
void apply_relu(float* values, uint32_t count);
void apply_tanh(float* values, uint32_t count);
void apply_sigmoid(float* values, uint32_t count);
void apply_softmax(float* values, uint32_t count);  // over all `count` values

}  // namespace ember

#endif  // EMBER_ACTIVATION_HPP
