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

// Independent chains of vector operations on one core for about `seconds` each (float32); the best round.
PeakFlops measure_peak_flops(double seconds);

// The higher figure of two measurements, field by field: the bench measures the peak before and after its
// inference timings so that a slow spell of a shared machine during one of them does not lower the peak.
PeakFlops faster_of(const PeakFlops& a, const PeakFlops& b);

}  // namespace ember::bench

#endif  // EMBER_BENCH_PEAK_FLOPS_HPP
