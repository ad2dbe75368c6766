// Whether this target builds dense_s8 from dense_s8_simd.cpp: hosts with a vector unit (SSE2 on x86-64, NEON
// on aarch64). Internal to the kernels: each build defines dense_s8 itself where it is the target's
// (dense_s8_dsp.hpp on Cortex-M with the DSP extension, dense_s8_portable.cpp elsewhere).
#ifndef EMBER_KERNELS_DENSE_S8_SIMD_HPP
#define EMBER_KERNELS_DENSE_S8_SIMD_HPP

#if defined(__SSE2__) || (defined(__aarch64__) && defined(__ARM_NEON))
#define EMBER_HAVE_DENSE_S8_SIMD 1
#else
#define EMBER_HAVE_DENSE_S8_SIMD 0
#endif

#endif  // EMBER_KERNELS_DENSE_S8_SIMD_HPP
