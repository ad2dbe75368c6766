#include "gemm.hpp"

#include <array>

#include <xtensor-blas/xblas.hpp>
#include <xtensor/xadapt.hpp>

// OpenBLAS's own entry point; declared here because <cblas.h> must not meet xtensor-blas's bundled cblas
// declarations in one translation unit (../shared/guide/platform-notes.md).
extern "C" void openblas_set_num_threads(int threads);

namespace ember::trainer {
namespace {
// A rows x columns row-major view of a raw buffer, without a copy: xt::blas::gemm then hands the buffer
// itself to BLAS (its view_eval passes containers with the right static layout through).
template <typename T>
auto matrix(T* data, std::size_t rows, std::size_t columns) {
  return xt::adapt(data, rows * columns, xt::no_ownership(), std::array<std::size_t, 2>{rows, columns});
}
}  // namespace

void gemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, float alpha,
          const float* a, std::size_t lda, const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc) {
  // Stored shapes: op(A) is m x k, so A is k x m when transposed; likewise B. Leading dimensions are the
  // stored row lengths, which is all the trainer ever passes (contiguous matrices).
  const auto a_view = transpose_a ? matrix(a, k, lda) : matrix(a, m, lda);
  const auto b_view = transpose_b ? matrix(b, n, ldb) : matrix(b, k, ldb);
  auto c_view = matrix(c, m, ldc);
  xt::blas::gemm(a_view, b_view, c_view, transpose_a, transpose_b, alpha, beta);
}

void use_single_threaded_blas() { openblas_set_num_threads(1); }

}  // namespace ember::trainer
