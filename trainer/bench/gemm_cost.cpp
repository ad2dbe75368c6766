// What routing the trainer's matrix products through xtensor-blas costs: the trainer's gemm
// (trainer/src/gemm.cpp, xt::blas::gemm on adapted buffers) against cblas_sgemm called directly, on every
// product one training pass of the 5D network makes ([5, 64, 32, 16, 1]; forward, weight gradients, input
// deltas), at Adam's batch of 64 rows and at L-BFGS's chunk of 4096 rows. Both run single-threaded, in
// alternating rounds; CPU time of the process (CLOCK_PROCESS_CPUTIME_ID), best and median round.
// Usage: trainer_gemm_cost [rounds]   (prints a Markdown table)
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "direct_sgemm.hpp"
#include "gemm.hpp"

namespace {
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

using Gemm = std::function<void(bool, bool, std::size_t, std::size_t, std::size_t, float, const float*, std::size_t,
                                const float*, std::size_t, float, float*, std::size_t)>;

// One forward and backward pass's products over `rows` rows, as Network::forward and backward make them.
void training_pass(const Gemm& gemm, std::size_t rows, const std::vector<std::size_t>& widths,
                   std::vector<std::vector<float>>& buffers) {
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
    const std::size_t in = widths[k], out = widths[k + 1];
    float* a = buffers[0].data();
    float* w = buffers[1].data();
    float* z = buffers[2].data();
    gemm(false, true, rows, out, in, 1.0f, a, in, w, in, 0.0f, z, out);        // forward: Z = A·Wᵀ
    gemm(true, false, out, in, rows, 1.0f, z, out, a, in, 0.0f, w, in);        // dL/dW = Δᵀ·A
    if (k > 0) gemm(false, false, rows, in, out, 1.0f, z, out, w, in, 0.0f, a, in);  // dL/dA = Δ·W
  }
}
}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
  ember::trainer::use_single_threaded_blas();
  const std::vector<std::size_t> widths = {5, 64, 32, 16, 1};
  std::printf("| rows per pass | passes per round | xtensor-blas (us per pass, best / median) | "
              "cblas_sgemm (us per pass, best / median) | median ratio |\n| --- | --- | --- | --- | --- |\n");
  for (std::size_t rows : {std::size_t{64}, std::size_t{4096}}) {
    std::vector<std::vector<float>> buffers(3, std::vector<float>(rows * 64, 0.0f));
    for (auto& b : buffers)
      for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<float>((i * 37) % 101) / 101.0f - 0.5f;
    const std::size_t passes = rows == 64 ? 2000 : 40;
    const Gemm via_xtensor = ember::trainer::gemm;
    const Gemm direct = direct_sgemm;
    std::vector<double> xt_times, blas_times;
    for (int r = 0; r < rounds; ++r) {
      for (int which = 0; which < 2; ++which) {
        const Gemm& g = (r + which) % 2 == 0 ? via_xtensor : direct;  // alternate which goes first
        const double start = cpu_seconds();
        for (std::size_t p = 0; p < passes; ++p) training_pass(g, rows, widths, buffers);
        const double per_pass = (cpu_seconds() - start) / static_cast<double>(passes);
        (&g == &via_xtensor ? xt_times : blas_times).push_back(per_pass);
      }
    }
    std::sort(xt_times.begin(), xt_times.end());
    std::sort(blas_times.begin(), blas_times.end());
    const double xt_median = xt_times[xt_times.size() / 2], blas_median = blas_times[blas_times.size() / 2];
    std::printf("| %zu | %zu | %.2f / %.2f | %.2f / %.2f | %.3f |\n", rows, passes, xt_times.front() * 1e6,
                xt_median * 1e6, blas_times.front() * 1e6, blas_median * 1e6, xt_median / blas_median);
  }
  return 0;
}
