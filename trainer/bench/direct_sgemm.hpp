// cblas_sgemm called directly, row-major: the baseline that the trainer's xtensor-blas gemm is measured
// against. Its own translation unit, because <cblas.h> and xtensor-blas conflict in one.
#ifndef EMBER_TRAINER_BENCH_DIRECT_SGEMM_HPP
#define EMBER_TRAINER_BENCH_DIRECT_SGEMM_HPP

#include <cstddef>

void direct_sgemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, float alpha,
                  const float* a, std::size_t lda, const float* b, std::size_t ldb, float beta, float* c,
                  std::size_t ldc);

#endif  // EMBER_TRAINER_BENCH_DIRECT_SGEMM_HPP
