// The int16-input int8 layer (ember/dense_s16x8.hpp) as the runtime calls it, on the blob's weight blocks:
// its input is reordered into the int8 kernels' chunk order and zero padded (int16 already, zero point 0,
// so nothing to widen or offset), then the target's int8 build runs its rows: the DSP kernel's SMLAD lanes
// and the portable and SIMD builds' products are 16 × 16-bit already, so an int16 input fits them as the
// widened int8 one does, and their sums are exact modulo 2^32 as the reference's. The DSP build takes the
// int16 input through its int8 entry, which reorders it (dense_s8_dsp.hpp, kInt16Input). Tested against
// dense_s16x8_reference by tests/runtime/kernels_s8_agree_test.cpp.
#include "ember/dense_s16x8.hpp"

#include "dense_s8_dsp.hpp"
#include "dense_s8_portable.hpp"
#include "dense_s8_simd.hpp"
#include "ember/dense_s8_layout.hpp"

namespace ember {

void dense_s16x8(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
                 const int16_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS16x8Params& params,
                 void* scratch) {
#if EMBER_HAVE_DENSE_S8_SIMD
  // Chunk order: inputs 0, 2, 1, 3 of each chunk of four; a last partial chunk padded with zeros.
  int16_t* xs = static_cast<int16_t*>(scratch);
  const uint32_t full = in_width / 4, rest = in_width % 4;
  uint32_t sum = 0;
  for (uint32_t c = 0; c < full; ++c, x += 4, xs += 4) {
    xs[0] = x[0];
    xs[1] = x[2];
    xs[2] = x[1];
    xs[3] = x[3];
    sum += static_cast<uint32_t>(x[0] + x[1] + x[2] + x[3]);
  }
  if (rest != 0) {
    xs[0] = xs[1] = xs[2] = xs[3] = 0;
    for (uint32_t j = 0; j < rest; ++j) {
      xs[2 * (j % 2) + j / 2] = x[j];
      sum += static_cast<uint32_t>(static_cast<int32_t>(x[j]));
    }
  }
  xs = static_cast<int16_t*>(scratch);
  const DenseS8Params rows = {0, params.output_offset, params.activation_min, params.activation_max};
  dense_s8_simd_groups(weights, bias, multiplier, shift, xs, sum, y, in_width, out_width, rows);
#else
  // The DSP and portable builds put the int16 input in their order themselves, in their int8 entry.
  const DenseS8Params rows = {kInt16Input, params.output_offset, params.activation_min, params.activation_max};
#if EMBER_HAVE_DENSE_S8_DSP
  dense_s8_dsp(weights, bias, multiplier, shift, reinterpret_cast<const int8_t*>(x), y, in_width, out_width, rows,
               scratch);
#else
  dense_s8_portable(weights, bias, multiplier, shift, reinterpret_cast<const int8_t*>(x), y, in_width, out_width, rows,
                    scratch);
#endif
#endif
}

}  // namespace ember
