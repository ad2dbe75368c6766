// What the function-preservation tests of the morphogenesis operations share (morph_ops_test,
// morph_residual_test): normal random inputs, the outputs for them, the relative change between two
// output sets, and a growth state with Adam.
#ifndef EMBER_TESTS_TRAINER_MORPH_TEST_SUPPORT_HPP
#define EMBER_TESTS_TRAINER_MORPH_TEST_SUPPORT_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "morph/growth_state.hpp"
#include "network.hpp"
#include "random.hpp"

namespace morph_test {

// rows normal random inputs from seed into the network's input buffer.
inline void random_inputs(ember::trainer::Network& net, std::size_t rows, std::uint64_t seed) {
  ember::trainer::Random rng(seed);
  for (std::size_t i = 0; i < rows * net.input_width(); ++i) net.input()[i] = static_cast<float>(rng.normal());
}

// The network's outputs for rows random inputs of seed 11, the same rows before and after an operation.
inline std::vector<float> outputs(ember::trainer::Network& net, std::size_t rows) {
  random_inputs(net, rows, 11);
  const float* z = net.forward(rows);
  return std::vector<float>(z, z + rows * net.output_width());
}

// Largest |a - b| over the largest |a|: the relative change of the outputs as a whole.
inline double relative_change(const std::vector<float>& a, const std::vector<float>& b) {
  double diff = 0, scale = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = std::max(diff, std::fabs(static_cast<double>(a[i]) - b[i]));
    scale = std::max(scale, std::fabs(static_cast<double>(a[i])));
  }
  return diff / scale;
}

inline ember::trainer::GrowthState state_for(ember::trainer::Network& net) {
  return ember::trainer::GrowthState{net, ember::trainer::Adam(net, 1e-3, 0.9, 0.999, 1e-8), net.parameters()};
}

}  // namespace morph_test

#endif  // EMBER_TESTS_TRAINER_MORPH_TEST_SUPPORT_HPP
