// Limited-memory BFGS (Nocedal and Wright, "Numerical Optimization", 2nd ed., algorithms 7.4 and 7.5) with a
// strong-Wolfe line search (algorithms 3.5 and 3.6, cubic interpolation). The point, the gradient, the
// direction and every sum are float64: the steps s and gradient changes y are differences of nearly equal
// numbers late in training, where float32 would lose them, so they are taken in float64. Only then is each
// pair stored rounded to float32 (half the memory and memory traffic: 2.4 MB for 100 pairs of the 5D
// network's 3,009 parameters), and its curvature s·y is summed from the stored values, so the inverse-Hessian
// estimate is exactly that of the pairs it keeps.
// Free of xtensor: it works on flat vectors, so the trainer and the tests can drive it with any objective.
#ifndef EMBER_TRAINER_LBFGS_HPP
#define EMBER_TRAINER_LBFGS_HPP

#include <cstddef>
#include <functional>
#include <vector>

namespace ember::trainer {

struct LbfgsSettings {
  std::size_t history = 10;             // curvature pairs kept (the "m" of L-BFGS)
  double sufficient_decrease = 1e-4;    // Wolfe c1
  double curvature = 0.9;               // Wolfe c2 (0.9 is the usual choice for quasi-Newton methods)
  std::size_t max_search_evaluations = 25;
  // Iteration stops making progress when the step would move no coordinate by more than this, or when
  // the gradient's largest component is below `gradient_tolerance`.
  double step_tolerance = 1e-12;
  double gradient_tolerance = 1e-12;
};

class Lbfgs {
 public:
  // Writes the gradient at x into `gradient` (already sized) and returns the objective's value.
  using Objective = std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

  Lbfgs(Objective objective, std::vector<double> start, const LbfgsSettings& settings);

  // One iteration: a search direction from the history, then a line search along it. Returns false once
  // no further progress is possible (converged, or the line search found no lower point); the point stays
  // at the best one found.
  bool iterate();

  const std::vector<double>& x() const { return x_; }
  double value() const { return value_; }
  const std::vector<double>& gradient() const { return gradient_; }
  std::size_t evaluations() const { return evaluations_; }
  std::size_t iterations() const { return iterations_; }

 private:
  void search_direction();
  bool line_search(double initial_step);
  double evaluate_at(double step, std::vector<double>& gradient, double& slope);

  Objective objective_;
  LbfgsSettings settings_;
  // How the curvature pairs are stored (the arithmetic on them is float64).
  using HistoryValue = float;
  HistoryValue* step(std::size_t pair) { return steps_.data() + pair * x_.size(); }
  HistoryValue* gradient_change(std::size_t pair) { return gradient_changes_.data() + pair * x_.size(); }

  std::vector<double> x_, gradient_, direction_, trial_x_, trial_gradient_, alpha_, old_x_, old_gradient_,
      low_gradient_;
  // Ring buffers of s and y: pair k at [k x size, (k + 1) x size).
  std::vector<HistoryValue> steps_, gradient_changes_;
  std::vector<double> inverse_curvature_;                         // 1 / (y·s) per pair
  std::size_t newest_ = 0, stored_ = 0;
  double value_ = 0;
  std::size_t evaluations_ = 0, iterations_ = 0;
};

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_LBFGS_HPP
