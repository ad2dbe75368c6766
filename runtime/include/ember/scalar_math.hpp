// exp, expm1 and friends for float, written here so the runtime needs no libm and every target computes
// activations with the same operations. Accuracy: about 2 ulp over the float range, which keeps whole-model
// outputs within 1e-6 relative of a double-precision reference.
#ifndef EMBER_SCALAR_MATH_HPP
#define EMBER_SCALAR_MATH_HPP

#include <stdint.h>

namespace ember {
namespace math {

uint32_t float_bits(float value);
float bits_to_float(uint32_t bits);
bool is_finite(float value);

float exp(float x);
float expm1(float x);
float tanh(float x);
float sigmoid(float x);

}  // namespace math
}  // namespace ember

#endif  // EMBER_SCALAR_MATH_HPP
