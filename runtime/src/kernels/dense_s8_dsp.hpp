// Whether this target builds dense_s8 from dense_s8_dsp.cpp: Cortex-M cores with the DSP extension (M4, M7,
// M33), where dense_s8's bits come from dual 16-bit multiply-accumulates. Internal to the kernels: each build
// defines dense_s8 itself where it is the target's (dense_s8_simd.hpp on hosts, dense_s8_portable.cpp
// elsewhere), so that a layer's call goes straight to its kernel.
#ifndef EMBER_KERNELS_DENSE_S8_DSP_HPP
#define EMBER_KERNELS_DENSE_S8_DSP_HPP

#if defined(__ARM_FEATURE_DSP) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
#define EMBER_HAVE_DENSE_S8_DSP 1
#else
#define EMBER_HAVE_DENSE_S8_DSP 0
#endif

#endif  // EMBER_KERNELS_DENSE_S8_DSP_HPP
