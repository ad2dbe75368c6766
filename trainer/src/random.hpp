// The trainer's seeded random numbers. std::mt19937_64's output sequence is fixed by the C++ standard, but
// std::normal_distribution and friends are not, so the transforms are our own: the same seed gives the same
// data, split, initial weights and batch order with any standard library.
#ifndef EMBER_TRAINER_RANDOM_HPP
#define EMBER_TRAINER_RANDOM_HPP

#include <cstddef>
#include <cstdint>
#include <random>

namespace ember::trainer {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1), 53 random bits.
  double uniform();
  // Uniform in [low, high).
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Standard normal, Box-Muller (both values of a pair are used).
  double normal();
  // Uniform integer in [0, n), n > 0.
  std::size_t below(std::size_t n);

  // Fisher-Yates shuffle of `count` elements.
  template <typename T>
  void shuffle(T* items, std::size_t count) {
    for (std::size_t i = count; i > 1; --i) {
      const std::size_t j = below(i);
      T tmp = items[i - 1];
      items[i - 1] = items[j];
      items[j] = tmp;
    }
  }

 private:
  std::mt19937_64 engine_;
  bool have_spare_ = false;
  double spare_ = 0;
};

// Independent streams for the data, the split, the weights and the batch order, all from one --seed.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_RANDOM_HPP
