#include <math.h>

#include "ember/activation.hpp"
#include "ember/scalar_math.hpp"
#include "unit_test.hpp"

namespace {
bool close_relative(double got, double want, double tolerance) {
  return fabs(got - want) <= tolerance * (fabs(want) > 1e-30 ? fabs(want) : 1e-30);
}
}  // namespace

TEST_CASE(exp_is_within_a_few_ulp_of_libm_over_the_float_range) {
  for (float x = -87.0f; x <= 88.0f; x += 0.0137f) CHECK(close_relative(ember::math::exp(x), exp((double)x), 4e-7));
}

TEST_CASE(exp_saturates_to_zero_and_infinity) {
  CHECK(ember::math::exp(-200.0f) == 0.0f);
  CHECK(!ember::math::is_finite(ember::math::exp(200.0f)));
}

TEST_CASE(tanh_is_accurate_near_zero_and_saturates) {
  for (float x = -12.0f; x <= 12.0f; x += 0.00731f) {
    const double want = tanh((double)x);
    CHECK(fabs(ember::math::tanh(x) - want) <= 3e-7 * fabs(want) + 1e-12);
  }
  CHECK(ember::math::tanh(1e-6f) > 0.0f);
}

TEST_CASE(sigmoid_matches_the_closed_form) {
  for (float x = -40.0f; x <= 40.0f; x += 0.0173f) {
    const double want = 1.0 / (1.0 + exp(-(double)x));
    CHECK(close_relative(ember::math::sigmoid(x), want, 4e-7));
  }
}

TEST_CASE(softmax_sums_to_one_and_survives_large_inputs) {
  float v[4] = {1000.0f, 999.0f, 998.0f, -1000.0f};
  ember::apply_activation(ember::Activation::softmax, v, 4);
  CHECK(fabs(v[0] + v[1] + v[2] + v[3] - 1.0) < 1e-6);
  CHECK(close_relative(v[0], 1.0 / (1.0 + exp(-1.0) + exp(-2.0)), 1e-6));
  CHECK(v[3] == 0.0f);
}

TEST_CASE(relu_clamps_negatives_only) {
  float v[3] = {-1.5f, 0.0f, 2.5f};
  ember::apply_activation(ember::Activation::relu, v, 3);
  CHECK(v[0] == 0.0f && v[1] == 0.0f && v[2] == 2.5f);
}

TEST_CASE(activation_names_are_stable) {
  CHECK(ember::activation_name(ember::Activation::relu)[0] == 'r');
  CHECK(ember::activation_name(static_cast<ember::Activation>(9))[0] == 'u');
}
