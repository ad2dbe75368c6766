// The core's floating-point peak, measured by a small microbenchmark rather than taken from a data sheet,
// so the per-layer table can show how far each layer is from the hardware limit.
#ifndef EMBER_BENCH_PEAK_FLOPS_HPP
#define EMBER_BENCH_PEAK_FLOPS_HPP

#include <string>

namespace ember::bench {

struct PeakFlops {
  std::string isa;             // "avx2" or "sse2"
  double fma_gflops = 0;       // fused multiply-adds on 256-bit vectors (2 FLOP per lane); 0 without FMA
  double mul_add_gflops = 0;   // separate multiplies and adds, as the runtime's bit-exact kernel issues them
};

// Independent chains of vector operations on one core for about `seconds` each (float32).
PeakFlops measure_peak_flops(double seconds);

}  // namespace ember::bench

#endif  // EMBER_BENCH_PEAK_FLOPS_HPP
