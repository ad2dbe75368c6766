// The "5D interpolator" data: a smooth function with noise, easy to state and hard to fit exactly.
#include <stdexcept>
#include <string>

#include "ember/trainer/trainer.hpp"
#include "random.hpp"

namespace ember::trainer {

Dataset make_sum_squares(std::size_t samples, std::size_t features, double noise, std::uint64_t seed) {
  if (samples == 0) throw std::invalid_argument("sum-squares: --samples must be at least 1");
  if (features == 0 || features > 65535) throw std::invalid_argument("sum-squares: --features must be 1 to 65535");
  if (!(noise >= 0)) throw std::invalid_argument("sum-squares: --noise must be a number >= 0");
  Dataset d;
  d.rows = samples;
  d.features = features;
  d.outputs = 1;
  d.task = Task::regress;
  d.target_name = "y";
  for (std::size_t i = 0; i < features; ++i) d.feature_names.push_back("x" + std::to_string(i));
  d.x.resize(samples * features);
  d.y.resize(samples);
  Random rng(derive_seed(seed, 0));
  for (std::size_t r = 0; r < samples; ++r) {
    double sum = 0;
    for (std::size_t i = 0; i < features; ++i) {
      // The target is computed from the float feature, so the data set is exactly what a CSV round trip sees.
      const float x = static_cast<float>(rng.normal());
      d.x[r * features + i] = x;
      sum += static_cast<double>(x) * x;
    }
    d.y[r] = static_cast<float>(sum + noise * rng.normal());
  }
  return d;
}

}  // namespace ember::trainer
