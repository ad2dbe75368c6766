#include "random.hpp"

#include <cmath>

namespace ember::trainer {

double Random::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double Random::normal() {
  if (have_spare_) {
    have_spare_ = false;
    return spare_;
  }
  // 1 - uniform() is in (0, 1], so the logarithm is finite.
  const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
  const double angle = 6.283185307179586 * uniform();
  spare_ = radius * std::sin(angle);
  have_spare_ = true;
  return radius * std::cos(angle);
}

std::size_t Random::below(std::size_t n) {
  // The modulo bias is below n / 2^64: invisible for any data set that fits in memory.
  return static_cast<std::size_t>(engine_() % n);
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  // SplitMix64 finalizer over seed and stream: nearby seeds give unrelated streams.
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace ember::trainer
