// Single-precision matrix products for the trainer, row-major, on contiguous buffers. Calling cblas_sgemm
// on raw buffers is about twice as fast as xt::linalg::dot for our shapes (docs/trainer.md), and this file
// keeps <cblas.h> out of the translation units that include xtensor-blas.
#ifndef EMBER_TRAINER_GEMM_HPP
#define EMBER_TRAINER_GEMM_HPP

#include <cstddef>

namespace ember::trainer {

// C[m][n] = alpha * op(A)[m][k] * op(B)[k][n] + beta * C. op(X) is X or its transpose; lda/ldb/ldc are the
// row lengths of A, B and C as stored.
void gemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, float alpha,
          const float* a, std::size_t lda, const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc);

// OpenBLAS with one thread: its multi-threaded kernels split sums differently from run to run, and the
// trainer promises the same blob bytes for the same seed. Our matrices are too small to gain from threads.
void use_single_threaded_blas();

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_GEMM_HPP
