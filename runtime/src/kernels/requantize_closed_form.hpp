// requantize() of ember/dense_s8.hpp with its rounding doubling high multiply in closed form, for the int8
// kernels: the reference's nudge and its truncating division by 2^31 together are
// floor((a * b + 2^30) / 2^31) for every sign of a * b (tests/runtime/kernels_s8_agree_test.cpp), one
// arithmetic shift of the 64-bit product instead of a division's sign fix-ups. Same bits as requantize().
#ifndef EMBER_KERNELS_REQUANTIZE_CLOSED_FORM_HPP
#define EMBER_KERNELS_REQUANTIZE_CLOSED_FORM_HPP

#include "ember/dense_s8.hpp"

namespace ember {

inline int32_t requantize_closed_form(int32_t acc, int32_t multiplier, int32_t shift) {
  int32_t x = acc;
  if (shift > 0) {
    const int64_t wide = static_cast<int64_t>(acc) * (int64_t{1} << shift);
    x = wide > INT32_MAX ? INT32_MAX : wide < INT32_MIN ? INT32_MIN : static_cast<int32_t>(wide);
  }
  const int32_t high = x == INT32_MIN && multiplier == INT32_MIN
                           ? INT32_MAX
                           : static_cast<int32_t>((static_cast<int64_t>(x) * multiplier + (int64_t{1} << 30)) >> 31);
  return shift < 0 ? rounding_right_shift(high, -shift) : high;
}

}  // namespace ember

#endif  // EMBER_KERNELS_REQUANTIZE_CLOSED_FORM_HPP
