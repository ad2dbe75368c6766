// dense_s8 in portable C for the cores without a faster build (Cortex-M0, M3), on the blob's weight layout
// (ember/dense_s8_layout.hpp). The input plus offset is widened to int16 once per layer into the caller's
// scratch (the layout's order, zero past in_width); four rows share each widened input: per input, one
// halfword load, and per row one byte load and one multiply-accumulate. The even rows' bytes are read as
// unsigned (w + 128) and corrected once per row by 128 × Σ x. Sums wrap in uint32 like the reference's,
// and integer addition in any order gives the same bits; requantization in closed form
// (requantize_closed_form.hpp).
#include "dense_s8_portable.hpp"

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

}  // namespace

void dense_s8_portable(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                       const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
                       void* scratch) {
  int16_t* xs = static_cast<int16_t*>(scratch);
  const uint32_t cols = dense_s8_padded(in_width);
  uint32_t sum = 0;
  for (uint32_t i = 0; i < cols; ++i) {
    const int32_t v = i < in_width ? x[i] + params.input_offset : 0;
    xs[(i & ~3u) + 2 * (i % 2) + (i % 4) / 2] = static_cast<int16_t>(v);
    sum += static_cast<uint32_t>(v);
  }
  const uint32_t correction = 128u * sum;
  for (uint32_t o = 0; o < out_width; o += 4) {
    const uint32_t rows = out_width - o < 4 ? out_width - o : 4;
    uint32_t a[4] = {static_cast<uint32_t>(bias[o]) - correction, 0, 0, 0};
    for (uint32_t k = 1; k < rows; ++k)
      a[k] = static_cast<uint32_t>(bias[o + k]) - (k % 2 == 0 ? correction : 0u);
    // Per input j of a chunk (scratch position k), its byte for rows 0..3 sits at k*2, +1, +8, +9.
    for (uint32_t c = 0; c < cols; c += 4, weights += 16)
      for (uint32_t k = 0; k < 4; ++k) {
        const int32_t v = xs[c + k];
        const uint8_t* b = weights + 2 * k;
        a[0] += static_cast<uint32_t>(v * b[0]);
        a[1] += static_cast<uint32_t>(v * static_cast<int8_t>(b[1]));
        a[2] += static_cast<uint32_t>(v * b[8]);
        a[3] += static_cast<uint32_t>(v * static_cast<int8_t>(b[9]));
      }
    for (uint32_t k = 0; k < rows; ++k) y[o + k] = output(a[k], multiplier[o + k], shift[o + k], params);
  }
}

}  // namespace ember
