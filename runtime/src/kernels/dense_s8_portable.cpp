// dense_s8 in portable C for the cores without a faster build (Cortex-M0, M3), on the blob's weight layout
// (ember/dense_s8_layout.hpp). The input plus offset is widened to int16 once per layer into the caller's
// scratch (the layout's order, zero past in_width); four rows share each widened input: per input, one
// halfword load, and per row one byte load and one multiply-accumulate. The even rows' bytes are read as
// unsigned (w + 128) and corrected once per row by 128 × Σ x. Sums wrap in uint32 like the reference's,
// and integer addition in any order gives the same bits; requantization in closed form
// (requantize_closed_form.hpp). Kind 3's int16 input comes through the same entry (kInt16Input).
#include "dense_s8_dsp.hpp"
#include "dense_s8_simd.hpp"

#if !EMBER_HAVE_DENSE_S8_DSP && !EMBER_HAVE_DENSE_S8_SIMD
#include "ember/dense_s8.hpp"
#include "ember/dense_s8_layout.hpp"
#include "requantize_closed_form.hpp"

namespace ember {
namespace {

__attribute__((noinline)) int8_t output(uint32_t acc, int32_t multiplier, int32_t shift, const DenseS8Params& params) {
  int64_t v = int64_t{requantize_closed_form(static_cast<int32_t>(acc), multiplier, shift)} + params.output_offset;
  if (v < params.activation_min) v = params.activation_min;
  if (v > params.activation_max) v = params.activation_max;
  return static_cast<int8_t>(v);
}

// One input's products for the four rows of a group: b points at its even-row byte (excess-128, read
// unsigned) for rows 0 and 2 at b[0], b[8], and the odd rows' bytes (two's complement) at b[1], b[9].
inline void four_rows(uint32_t* a, int32_t v, const uint8_t* b) {
  a[0] += static_cast<uint32_t>(v * b[0]);
  a[1] += static_cast<uint32_t>(v * static_cast<int8_t>(b[1]));
  a[2] += static_cast<uint32_t>(v * b[8]);
  a[3] += static_cast<uint32_t>(v * static_cast<int8_t>(b[9]));
}

}  // namespace

// The target's dense_s8 where neither faster build is (dense_s8_dsp.hpp, dense_s8_simd.hpp).
void dense_s8(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
              const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
              void* scratch) {
  // The input in the layout's chunk order, zero past in_width: int8 codes plus input_offset, or kind 3's
  // int16 codes as they are (kInt16Input, ember/dense_s8.hpp).
  int16_t* xs = static_cast<int16_t*>(scratch);
  const bool wide = params.input_offset == kInt16Input;
  const int16_t* x16 = reinterpret_cast<const int16_t*>(x);
  const uint32_t cols = dense_s8_padded(in_width);
  uint32_t sum = 0;
  for (uint32_t i = 0; i < cols; ++i) {
    const int32_t v = i >= in_width ? 0 : wide ? x16[i] : x[i] + params.input_offset;
    xs[(i & ~3u) + 2 * (i % 2) + (i % 4) / 2] = static_cast<int16_t>(v);
    sum += static_cast<uint32_t>(v);
  }

  const uint32_t full = in_width / 4, rest = in_width % 4;
  const uint32_t correction = 128u * sum;
  for (uint32_t o = 0; o < out_width; o += 4) {
    const uint32_t rows = out_width - o < 4 ? out_width - o : 4;
    uint32_t a[4] = {static_cast<uint32_t>(bias[o]) - correction, 0, 0, 0};
    for (uint32_t k = 1; k < rows; ++k) a[k] = static_cast<uint32_t>(bias[o + k]) - (k % 2 == 0 ? correction : 0u);
    // The input at scratch position k of a chunk has its bytes for rows 0..3 at 2k, 2k + 1, 2k + 8, 2k + 9.
    // A last partial chunk runs over its real inputs only (input j sits at position 2 (j % 2) + j / 2).
    for (uint32_t c = 0; c < full; ++c, weights += 16)
      for (uint32_t k = 0; k < 4; ++k) four_rows(a, xs[4 * c + k], weights + 2 * k);
    if (rest != 0) {
      for (uint32_t j = 0; j < rest; ++j) {
        const uint32_t k = 2 * (j % 2) + j / 2;
        four_rows(a, xs[4 * full + k], weights + 2 * k);
      }
      weights += 16;
    }
    for (uint32_t k = 0; k < rows; ++k) y[o + k] = output(a[k], multiplier[o + k], shift[o + k], params);
  }
}

}  // namespace ember
#endif
