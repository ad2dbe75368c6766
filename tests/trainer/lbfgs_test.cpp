// The L-BFGS minimizer on its own, on objectives whose minimizers are known exactly.
#include "lbfgs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "random.hpp"

using namespace ember::trainer;

namespace {
// Solves the square system a x = b (row-major, n x n) by Gaussian elimination with partial pivoting.
std::vector<double> solve(std::vector<double> a, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r * n + c]) > std::abs(a[pivot * n + c])) pivot = r;
    for (std::size_t k = 0; k < n; ++k) std::swap(a[c * n + k], a[pivot * n + k]);
    std::swap(b[c], b[pivot]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r * n + c] / a[c * n + c];
      for (std::size_t k = c; k < n; ++k) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n);
  for (std::size_t r = n; r-- > 0;) {
    double s = b[r];
    for (std::size_t k = r + 1; k < n; ++k) s -= a[r * n + k] * x[k];
    x[r] = s / a[r * n + r];
  }
  return x;
}
}  // namespace

TEST(Lbfgs, MinimizesLinearLeastSquaresToTheNormalEquationsSolution) {
  // 200 rows, 8 columns of different scales (condition number of A^T A around 1e4), noisy targets.
  const std::size_t rows = 200, cols = 8;
  Random rng(11);
  std::vector<double> a(rows * cols), y(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) a[r * cols + c] = rng.normal() * (1.0 + 10.0 * static_cast<double>(c) / 7);
    y[r] = rng.normal();
  }
  std::vector<double> normal(cols * cols, 0), rhs(cols, 0);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t i = 0; i < cols; ++i) {
      rhs[i] += a[r * cols + i] * y[r];
      for (std::size_t j = 0; j < cols; ++j) normal[i * cols + j] += a[r * cols + i] * a[r * cols + j];
    }
  const std::vector<double> exact = solve(normal, rhs);

  auto objective = [&](const std::vector<double>& x, std::vector<double>& g) {
    double f = 0;
    std::fill(g.begin(), g.end(), 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
      double e = -y[r];
      for (std::size_t c = 0; c < cols; ++c) e += a[r * cols + c] * x[c];
      f += 0.5 * e * e;
      for (std::size_t c = 0; c < cols; ++c) g[c] += e * a[r * cols + c];
    }
    return f;
  };
  LbfgsSettings settings;
  settings.history = 5;
  Lbfgs lbfgs(objective, std::vector<double>(cols, 0.0), settings);
  for (int i = 0; i < 200 && lbfgs.iterate(); ++i) {
  }
  for (std::size_t c = 0; c < cols; ++c) EXPECT_NEAR(lbfgs.x()[c], exact[c], 1e-8) << "coefficient " << c;
  EXPECT_LT(lbfgs.iterations(), 60u);
}

TEST(Lbfgs, FindsTheRosenbrockMinimumFromTheClassicStart) {
  auto rosenbrock = [](const std::vector<double>& x, std::vector<double>& g) {
    const double a = 1 - x[0], b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  };
  Lbfgs lbfgs(rosenbrock, {-1.2, 1.0}, LbfgsSettings{});
  for (int i = 0; i < 500 && lbfgs.iterate(); ++i) {
  }
  EXPECT_NEAR(lbfgs.x()[0], 1.0, 1e-6);
  EXPECT_NEAR(lbfgs.x()[1], 1.0, 1e-6);
  EXPECT_LT(lbfgs.evaluations(), 200u);
}
