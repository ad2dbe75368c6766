// Which vector extensions the processor running us has, for kernels that pick a build at run time.
// Internal to the runtime.
#ifndef EMBER_CPU_FEATURES_HPP
#define EMBER_CPU_FEATURES_HPP

// EMBER_PORTABLE_KERNELS leaves them out, so that the host tests can run the portable kernels on an AVX2
// machine (tests/runtime: runtime_unit_tests_portable).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(EMBER_PORTABLE_KERNELS)
// x86-64 builds carry AVX2 variants of the dense kernels (target attributes, chosen at run time).
#define EMBER_X86_AVX2_KERNELS 1

namespace ember {

// Reads flags libgcc (or compiler-rt) filled in at start-up: a load and a test, cheap next to one layer.
inline bool cpu_has_avx2() { return __builtin_cpu_supports("avx2"); }

}  // namespace ember
#endif

#endif  // EMBER_CPU_FEATURES_HPP
