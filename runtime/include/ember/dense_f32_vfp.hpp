// The single-sample float32 dense kernel for Cortex-M cores with a single-precision FPU (M4F, M7, M33):
// dense_f32's formula and summation order, one output row per pass, four inputs and four weights per VLDM
// and one unfused VMLA per multiply-accumulate, in about 110 bytes of assembly. Model::run uses it on
// those cores; the outputs are dense_f32's bit for bit (kernels_agree_test).
#ifndef EMBER_DENSE_F32_VFP_HPP
#define EMBER_DENSE_F32_VFP_HPP

#include <stdint.h>

// Thumb code for an M-profile core whose FPU has single-precision registers (__ARM_FP bit 2).
#if defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M' && defined(__ARM_FP) && (__ARM_FP & 4) && \
    defined(__thumb2__)
#define EMBER_HAVE_DENSE_F32_VFP 1
#else
#define EMBER_HAVE_DENSE_F32_VFP 0
#endif

#if EMBER_HAVE_DENSE_F32_VFP
namespace ember {

// y[o] = bias[o] + sum_i weights[o][i] * x[i], before the activation, like dense_f32. x, weights, bias
// need 4-byte alignment only.
void dense_f32_vfp(const float* weights, const float* bias, const float* x, float* y, uint32_t in_width,
                   uint32_t out_width);

}  // namespace ember
#endif

#endif  // EMBER_DENSE_F32_VFP_HPP
