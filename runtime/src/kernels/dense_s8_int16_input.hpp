// How kind 3's int16 input (ember/dense_s16x8.hpp) reaches an int8 build that takes it through its own
// int8 entry (the DSP and the portable builds, which then need no second copy of their input preparation and
// rows): params.input_offset == kInt16Input, and x points at in_width int16 codes (2-byte aligned, zero
// point 0, nothing to offset). Outside the int8 offsets' range (-127 ... 128), so no int8 layer looks like it.
#ifndef EMBER_KERNELS_DENSE_S8_INT16_INPUT_HPP
#define EMBER_KERNELS_DENSE_S8_INT16_INPUT_HPP

#include <stdint.h>

namespace ember {

constexpr int32_t kInt16Input = INT32_MIN;

}  // namespace ember

#endif  // EMBER_KERNELS_DENSE_S8_INT16_INPUT_HPP
