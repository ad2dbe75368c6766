// Single-precision matrix products for the trainer, row-major, on contiguous buffers, through xtensor-blas
// (xt::blas::gemm on xt::adapt views of the buffers, so BLAS reads them in place). xt::linalg::dot would
// allocate its result on every call and is about twice as slow for our shapes; xt::blas::gemm on adapted
// buffers costs the same as calling cblas_sgemm directly (docs/trainer.md, trainer/bench/gemm_cost.cpp).
#ifndef EMBER_TRAINER_GEMM_HPP
#define EMBER_TRAINER_GEMM_HPP

#include <cstddef>

namespace ember::trainer {

// C[m][n] = alpha * op(A)[m][k] * op(B)[k][n] + beta * C. op(X) is X or its transpose; lda/ldb/ldc are the
// row lengths of A, B and C as stored, and must equal their column counts (contiguous matrices).
void gemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, float alpha,
          const float* a, std::size_t lda, const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc);

// OpenBLAS with one thread: its multi-threaded kernels split sums differently from run to run, and the
// trainer promises the same blob bytes for the same seed. Our matrices are too small to gain from threads.
void use_single_threaded_blas();

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_GEMM_HPP
