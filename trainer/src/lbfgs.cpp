#include "lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ember::trainer {
namespace {

// Sum of a[i] x b[i] in four partial sums (over i mod 4), combined as (s0 + s1) + (s2 + s3): four
// independent addition chains run about four times faster than one, which waits on each addition's
// latency (the two-loop recursion is a few hundred of these per iteration). The order is fixed, so the
// result is the same on every run.
template <typename A, typename B>
double dot(const A* a, const B* b, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += static_cast<double>(a[i]) * static_cast<double>(b[i]);
    s1 += static_cast<double>(a[i + 1]) * static_cast<double>(b[i + 1]);
    s2 += static_cast<double>(a[i + 2]) * static_cast<double>(b[i + 2]);
    s3 += static_cast<double>(a[i + 3]) * static_cast<double>(b[i + 3]);
  }
  for (; i < n; ++i) s0 += static_cast<double>(a[i]) * static_cast<double>(b[i]);
  return (s0 + s1) + (s2 + s3);
}

double dot(const std::vector<double>& a, const std::vector<double>& b) { return dot(a.data(), b.data(), a.size()); }

double largest_magnitude(const std::vector<double>& v) {
  double m = 0;
  for (double e : v) m = std::max(m, std::abs(e));
  return m;
}

// The minimizer of the cubic through (t1, f1) and (t2, f2) with slopes d1 and d2 (Nocedal and Wright,
// equation 3.59), kept inside [low, high]; the middle of the interval when the cubic has no minimizer.
double cubic_minimizer(double t1, double f1, double d1, double t2, double f2, double d2, double low, double high) {
  const double a = d1 + d2 - 3 * (f1 - f2) / (t1 - t2);
  const double discriminant = a * a - d1 * d2;
  if (discriminant >= 0 && t1 != t2) {
    const double b = std::copysign(std::sqrt(discriminant), t2 - t1);
    const double t = t2 - (t2 - t1) * (d2 + b - a) / (d2 - d1 + 2 * b);
    if (std::isfinite(t)) return std::min(std::max(t, low), high);
  }
  return (low + high) / 2;
}

// One evaluated point of the line search: step length, value, slope along the direction.
struct SearchPoint {
  double step, value, slope;
};

}  // namespace

Lbfgs::Lbfgs(Objective objective, std::vector<double> start, const LbfgsSettings& settings)
    : objective_(std::move(objective)), settings_(settings), x_(std::move(start)) {
  if (settings_.history == 0) throw std::invalid_argument("L-BFGS needs a history of at least 1");
  const std::size_t n = x_.size();
  gradient_.assign(n, 0);
  direction_.assign(n, 0);
  trial_x_.assign(n, 0);
  trial_gradient_.assign(n, 0);
  steps_.assign(settings_.history * n, 0);
  gradient_changes_.assign(settings_.history * n, 0);
  inverse_curvature_.assign(settings_.history, 0);
  alpha_.assign(settings_.history, 0);
  value_ = objective_(x_, gradient_);
  ++evaluations_;
}

// Two-loop recursion (algorithm 7.4): direction = -H·g, with H0 = (s·y / y·y) I from the newest pair.
// Each loop passes over the direction once per pair: the update by one pair and the dot product with the
// next pair are one loop, with four partial sums as in dot().
void Lbfgs::search_direction() {
  const std::size_t n = x_.size(), m = settings_.history;
  double* d = direction_.data();
  for (std::size_t i = 0; i < n; ++i) d[i] = -gradient_[i];
  auto pair = [&](std::size_t age) { return (newest_ + m - age) % m; };
  if (stored_ > 0) alpha_[pair(0)] = inverse_curvature_[pair(0)] * dot(step(pair(0)), d, n);
  for (std::size_t j = 0; j < stored_; ++j) {
    const std::size_t k = pair(j);
    const HistoryValue* y = gradient_change(k);
    const double a = alpha_[k];
    if (j + 1 == stored_) {
      for (std::size_t i = 0; i < n; ++i) d[i] -= a * y[i];
      break;
    }
    const std::size_t next = pair(j + 1);
    const HistoryValue* s = step(next);
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      d[i] -= a * y[i];
      d[i + 1] -= a * y[i + 1];
      d[i + 2] -= a * y[i + 2];
      d[i + 3] -= a * y[i + 3];
      s0 += static_cast<double>(s[i]) * d[i];
      s1 += static_cast<double>(s[i + 1]) * d[i + 1];
      s2 += static_cast<double>(s[i + 2]) * d[i + 2];
      s3 += static_cast<double>(s[i + 3]) * d[i + 3];
    }
    for (; i < n; ++i) {
      d[i] -= a * y[i];
      s0 += static_cast<double>(s[i]) * d[i];
    }
    alpha_[next] = inverse_curvature_[next] * ((s0 + s1) + (s2 + s3));
  }
  if (stored_ > 0) {
    const std::size_t k = pair(0);
    const double gamma = 1.0 / (inverse_curvature_[k] * dot(gradient_change(k), gradient_change(k), n));
    for (std::size_t i = 0; i < n; ++i) d[i] *= gamma;
  }
  for (std::size_t j = stored_; j-- > 0;) {
    const std::size_t k = pair(j);
    const double beta = inverse_curvature_[k] * dot(gradient_change(k), d, n);
    const HistoryValue* s = step(k);
    const double c = alpha_[k] - beta;
    for (std::size_t i = 0; i < n; ++i) d[i] += c * s[i];
  }
}

double Lbfgs::evaluate_at(double step, std::vector<double>& gradient, double& slope) {
  for (std::size_t i = 0; i < x_.size(); ++i) trial_x_[i] = x_[i] + step * direction_[i];
  const double value = objective_(trial_x_, gradient);
  ++evaluations_;
  slope = dot(gradient, direction_);
  return value;
}

// Strong-Wolfe line search (algorithms 3.5 and 3.6). On success moves x_ to the accepted point, with its
// value and gradient, and returns true; returns false when no point with a sufficient decrease was found.
bool Lbfgs::line_search(double initial_step) {
  const double f0 = value_, d0 = dot(gradient_, direction_);
  const double c1 = settings_.sufficient_decrease, c2 = settings_.curvature;
  const double direction_size = largest_magnitude(direction_);
  auto sufficient = [&](const SearchPoint& p) { return p.value <= f0 + c1 * p.step * d0; };
  auto curvature_met = [&](const SearchPoint& p) { return std::abs(p.slope) <= -c2 * d0; };

  // `low` is the best point with a sufficient decrease so far (step 0 at first); its gradient is kept.
  SearchPoint low{0, f0, d0};
  std::vector<double>& low_gradient = low_gradient_;
  low_gradient = gradient_;
  auto accept = [&](const SearchPoint& p, const std::vector<double>& g) {
    for (std::size_t i = 0; i < x_.size(); ++i) x_[i] += p.step * direction_[i];
    value_ = p.value;
    gradient_ = g;
    return true;
  };

  SearchPoint high{0, 0, 0};
  bool bracketed = false;
  SearchPoint previous = low;
  double step = initial_step;
  std::size_t evaluations = 0;
  while (evaluations < settings_.max_search_evaluations) {
    SearchPoint p{step, 0, 0};
    p.value = evaluate_at(step, trial_gradient_, p.slope);
    ++evaluations;
    if (!std::isfinite(p.value) || !sufficient(p) || (evaluations > 1 && p.value >= previous.value)) {
      high = p;
      bracketed = true;
      break;
    }
    if (curvature_met(p)) return accept(p, trial_gradient_);
    low = p;
    low_gradient = trial_gradient_;
    if (p.slope >= 0) {
      high = previous;
      bracketed = true;
      break;
    }
    const double next = cubic_minimizer(previous.step, previous.value, previous.slope, p.step, p.value, p.slope,
                                        step + 0.01 * (step - previous.step), 10 * step);
    previous = p;
    step = next;
  }

  // Zoom: shrink [low, high] (in either order) until a point meets both Wolfe conditions.
  while (bracketed && evaluations < settings_.max_search_evaluations) {
    const double a = std::min(low.step, high.step), b = std::max(low.step, high.step);
    if ((b - a) * direction_size < settings_.step_tolerance) break;
    // Stay a tenth of the interval away from its ends, so a bad interpolation still shrinks it.
    const double margin = 0.1 * (b - a);
    double t = std::isfinite(high.value)
                   ? cubic_minimizer(low.step, low.value, low.slope, high.step, high.value, high.slope, a, b)
                   : (a + b) / 2;
    t = std::min(std::max(t, a + margin), b - margin);
    SearchPoint p{t, 0, 0};
    p.value = evaluate_at(t, trial_gradient_, p.slope);
    ++evaluations;
    if (!std::isfinite(p.value) || !sufficient(p) || p.value >= low.value) {
      high = p;
      continue;
    }
    if (curvature_met(p)) return accept(p, trial_gradient_);
    if (p.slope * (high.step - low.step) >= 0) high = low;
    low = p;
    low_gradient = trial_gradient_;
  }
  // Out of evaluations: the best point with a sufficient decrease still moves us forward.
  if (low.step > 0) return accept(low, low_gradient);
  return false;
}

bool Lbfgs::iterate() {
  if (largest_magnitude(gradient_) <= settings_.gradient_tolerance) return false;
  // Steepest descent's first step moves at most a unit in the 1-norm, as minFunc and PyTorch do; after
  // that the history's scaling makes 1 the natural step.
  auto first_step = [this] {
    double norm1 = 0;
    for (double g : gradient_) norm1 += std::abs(g);
    return std::min(1.0, 1.0 / norm1);
  };
  search_direction();
  if (dot(gradient_, direction_) >= 0) {
    // Rounding made the history's direction point uphill: forget it and take steepest descent.
    stored_ = 0;
    search_direction();
  }
  old_x_ = x_;
  old_gradient_ = gradient_;
  if (!line_search(stored_ == 0 ? first_step() : 1.0)) {
    // Late in training the history's direction can be too poor for the line search to find a lower point
    // within float32's resolution of the objective: start over from steepest descent once before giving up.
    if (stored_ == 0) return false;
    stored_ = 0;
    search_direction();
    if (!line_search(first_step())) return false;
  }
  ++iterations_;

  const std::size_t m = settings_.history;
  const std::size_t slot = stored_ == 0 ? newest_ : (newest_ + 1) % m;
  const std::size_t n = x_.size();
  HistoryValue* s = step(slot);
  HistoryValue* y = gradient_change(slot);
  for (std::size_t i = 0; i < n; ++i) {
    s[i] = static_cast<HistoryValue>(x_[i] - old_x_[i]);
    y[i] = static_cast<HistoryValue>(gradient_[i] - old_gradient_[i]);
  }
  // Both products from the stored pair, so the inverse-Hessian estimate is exactly the one of the pairs it
  // uses.
  const double sy = dot(s, y, n), yy = dot(y, y, n);
  // Keep the pair only with positive curvature (a Wolfe step guarantees it up to rounding); otherwise the
  // inverse-Hessian estimate would stop being positive definite.
  if (sy > 1e-12 * yy && yy > 0) {
    newest_ = slot;
    inverse_curvature_[slot] = 1.0 / sy;
    stored_ = std::min(stored_ + 1, m);
  } else if (stored_ == m) {
    --stored_;  // the rejected pair was written over the oldest one
  }
  double moved = 0;
  for (std::size_t i = 0; i < n; ++i) moved = std::max(moved, std::abs(x_[i] - old_x_[i]));
  return moved >= settings_.step_tolerance;
}

}  // namespace ember::trainer
