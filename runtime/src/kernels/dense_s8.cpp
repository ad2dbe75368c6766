// The int8 dense layer as the runtime calls it: the fastest build this target has, each proven equal to
// dense_s8_reference bit for bit by tests/runtime/kernels_s8_agree_test.cpp. Cortex-M with the DSP
// extension (M4, M7, M33): dense_s8_dsp.cpp; x86-64 and aarch64 hosts: dense_s8_simd.cpp; elsewhere
// (Cortex-M0, M3) dense_s8_portable.cpp.
#include "ember/dense_s8.hpp"

#include "dense_s8_dsp.hpp"
#include "dense_s8_portable.hpp"
#include "dense_s8_simd.hpp"

namespace ember {

void dense_s8(const uint8_t* weights, const int32_t* bias, const int32_t* multiplier, const int8_t* shift,
              const int8_t* x, int8_t* y, uint32_t in_width, uint32_t out_width, const DenseS8Params& params,
              void* scratch) {
#if EMBER_HAVE_DENSE_S8_DSP
  dense_s8_dsp(weights, bias, multiplier, shift, x, y, in_width, out_width, params, scratch);
#elif EMBER_HAVE_DENSE_S8_SIMD
  dense_s8_simd(weights, bias, multiplier, shift, x, y, in_width, out_width, params, scratch);
#else
  dense_s8_portable(weights, bias, multiplier, shift, x, y, in_width, out_width, params, scratch);
#endif
}

}  // namespace ember
