#include "lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ember::trainer {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

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
  steps_.assign(settings_.history, std::vector<double>(n, 0));
  gradient_changes_.assign(settings_.history, std::vector<double>(n, 0));
  inverse_curvature_.assign(settings_.history, 0);
  alpha_.assign(settings_.history, 0);
  value_ = objective_(x_, gradient_);
  ++evaluations_;
}

// Two-loop recursion (algorithm 7.4): direction = -H·g, with H0 = (s·y / y·y) I from the newest pair.
void Lbfgs::search_direction() {
  const std::size_t n = x_.size(), m = settings_.history;
  for (std::size_t i = 0; i < n; ++i) direction_[i] = -gradient_[i];
  for (std::size_t j = 0; j < stored_; ++j) {
    const std::size_t k = (newest_ + m - j) % m;
    alpha_[k] = inverse_curvature_[k] * dot(steps_[k], direction_);
    const std::vector<double>& y = gradient_changes_[k];
    for (std::size_t i = 0; i < n; ++i) direction_[i] -= alpha_[k] * y[i];
  }
  if (stored_ > 0) {
    const std::vector<double>& y = gradient_changes_[newest_];
    const double gamma = 1.0 / (inverse_curvature_[newest_] * dot(y, y));
    for (double& d : direction_) d *= gamma;
  }
  for (std::size_t j = stored_; j-- > 0;) {
    const std::size_t k = (newest_ + m - j) % m;
    const double beta = inverse_curvature_[k] * dot(gradient_changes_[k], direction_);
    const std::vector<double>& s = steps_[k];
    for (std::size_t i = 0; i < n; ++i) direction_[i] += (alpha_[k] - beta) * s[i];
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
  std::vector<double> low_gradient = gradient_;
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
  const std::vector<double> old_x = x_, old_gradient = gradient_;
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
  std::vector<double>& s = steps_[slot];
  std::vector<double>& y = gradient_changes_[slot];
  for (std::size_t i = 0; i < x_.size(); ++i) {
    s[i] = x_[i] - old_x[i];
    y[i] = gradient_[i] - old_gradient[i];
  }
  const double sy = dot(s, y), yy = dot(y, y);
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
  for (std::size_t i = 0; i < x_.size(); ++i) moved = std::max(moved, std::abs(x_[i] - old_x[i]));
  return moved >= settings_.step_tolerance;
}

}  // namespace ember::trainer
