#include "ember/bench/peak_flops.hpp"

#include <algorithm>
#include <cstdint>

#include "ember/bench/stopwatch.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define EMBER_BENCH_X86 1
#endif

namespace ember::bench {
namespace {

// Independent chains: enough to cover two pipes x 3-4 cycles of latency on current cores, few enough that
// the mul+add variant (two registers per chain) fits the 16 vector registers without spilling.
constexpr int kFmaChains = 10;
constexpr int kMulAddChains = 7;
constexpr std::int64_t kInnerLoops = 1 << 14;

#ifdef EMBER_BENCH_X86
__attribute__((target("avx2,fma"))) double fma_round(float seed) {
  constexpr int kChains = kFmaChains;
  __m256 acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm256_set1_ps(seed + static_cast<float>(c));
  // acc * 1 + 0 keeps the values finite and unchanged; the compiler cannot know the operands.
  const __m256 one = _mm256_set1_ps(seed > 100.0f ? 2.0f : 1.0f);
  const __m256 zero = _mm256_set1_ps(seed > 100.0f ? 1.0f : 0.0f);
  for (std::int64_t i = 0; i < kInnerLoops; ++i)
    for (int c = 0; c < kChains; ++c) acc[c] = _mm256_fmadd_ps(acc[c], one, zero);
  __m256 sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm256_add_ps(sum, acc[c]);
  return static_cast<double>(_mm256_cvtss_f32(sum));
}

__attribute__((target("avx2"))) double mul_add_round(float seed) {
  // Each step multiplies a product chain and adds it to a sum chain: one multiply and one add per lane,
  // neither loop-invariant.
  constexpr int kChains = kMulAddChains;
  __m256 acc[kChains];
  __m256 product[kChains];
  for (int c = 0; c < kChains; ++c) {
    acc[c] = _mm256_set1_ps(seed + static_cast<float>(c));
    product[c] = _mm256_set1_ps(seed > 100.0f ? 0.5f : 0.0f);
  }
  const __m256 w = _mm256_set1_ps(seed > 100.0f ? 2.0f : 1.0f);
  for (std::int64_t i = 0; i < kInnerLoops; ++i)
    for (int c = 0; c < kChains; ++c) {
      product[c] = _mm256_mul_ps(product[c], w);
      acc[c] = _mm256_add_ps(acc[c], product[c]);
    }
  __m256 sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm256_add_ps(sum, acc[c]);
  return static_cast<double>(_mm256_cvtss_f32(sum));
}
#endif

// Repeats `round` for about `seconds` and returns the best round's GFLOP/s: every round issues chains x
// kInnerLoops vector multiply-adds (fused or not) of 8 lanes, 2 FLOP each. The best round, not the mean:
// this is the core's capability, and on a shared VM a mean would include time the core was given away.
template <typename Round>
double gflops(Round round, int chains, double seconds) {
  volatile float seed = 1.0f;
  round(seed);  // warm-up: lets the core reach its vector clock
  double sink = 0;
  double best_round = 1e30;
  const double start = now_seconds();
  double now = start;
  do {
    const double round_start = now;
    sink += round(seed);
    now = now_seconds();
    best_round = std::min(best_round, now - round_start);
  } while (now - start < seconds);
  volatile double keep = sink;
  (void)keep;
  return static_cast<double>(chains) * kInnerLoops * 8 * 2 / best_round / 1e9;
}

}  // namespace

PeakFlops measure_peak_flops(double seconds) {
  PeakFlops p;
#ifdef EMBER_BENCH_X86
  if (__builtin_cpu_supports("avx2")) {
    p.isa = "avx2";
    p.mul_add_gflops = gflops(mul_add_round, kMulAddChains, seconds);
    if (__builtin_cpu_supports("fma")) p.fma_gflops = gflops(fma_round, kFmaChains, seconds);
    return p;
  }
#endif
  (void)seconds;
  p.isa = "unknown";
  return p;
}

PeakFlops faster_of(const PeakFlops& a, const PeakFlops& b) {
  PeakFlops p = a;
  p.fma_gflops = std::max(a.fma_gflops, b.fma_gflops);
  p.mul_add_gflops = std::max(a.mul_add_gflops, b.mul_add_gflops);
  return p;
}

}  // namespace ember::bench
