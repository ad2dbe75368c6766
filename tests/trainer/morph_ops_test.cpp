// Morphogenesis operations keep the network's function: a division (without its perturbation) and an
// identity-layer insertion change the outputs by at most 1e-6 relative, removing a dead neuron changes
// nothing; Adam's moments are carried for old weights and start at zero for new ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "morph/growth_state.hpp"
#include "morph/morph_ops.hpp"
#include "morph_test_support.hpp"
#include "network.hpp"
#include "random.hpp"

using namespace ember::trainer;
using ember::Activation;

namespace {
constexpr std::size_t rows = 64;

Network random_network(const std::vector<std::size_t>& widths, Activation hidden = Activation::relu) {
  Random rng(7);
  Network net(widths, hidden, Activation::identity, Init::he, rows, rng);
  // Non-zero biases, so that the bias paths are exercised too.
  for (auto& p : net.parameters())
    for (auto& b : p.bias) b = static_cast<float>(rng.uniform(-0.3, 0.3));
  return net;
}

std::vector<float> outputs(Network& net) { return morph_test::outputs(net, rows); }
using morph_test::relative_change;
using morph_test::state_for;
}  // namespace

TEST(MorphOps, DividingNeuronsWithoutPerturbationChangesOutputsByAtMostOneMillionthRelative) {
  for (Activation hidden : {Activation::relu, Activation::tanh}) {
    Network net = random_network({5, 8, 6, 2}, hidden);
    const std::vector<float> before = outputs(net);
    GrowthState state = state_for(net);
    Random rng(3);
    divide_neurons(state, 0, {0, 3, 7}, 0.0, 0.0, rng);
    divide_neurons(state, 1, {5}, 0.0, 0.0, rng);
    EXPECT_EQ(net.widths(), (std::vector<std::size_t>{5, 11, 7, 2}));
    EXPECT_LE(relative_change(before, outputs(net)), 1e-6);
  }
}

TEST(MorphOps, AnUnevenShareOfTheOutgoingWeightsStillKeepsTheFunction) {
  Network net = random_network({5, 8, 1});
  const std::vector<float> before = outputs(net);
  GrowthState state = state_for(net);
  Random rng(3);
  divide_neurons(state, 0, {0, 1, 2, 3, 4, 5, 6, 7}, 0.2, 0.0, rng);
  EXPECT_LE(relative_change(before, outputs(net)), 1e-6);
}

TEST(MorphOps, ThePerturbationBreaksTheTwinsSymmetryByASmallAmount) {
  Network net = random_network({5, 8, 1});
  const std::vector<float> before = outputs(net);
  GrowthState state = state_for(net);
  Random rng(3);
  divide_neurons(state, 0, {2}, 0.0, 0.01, rng);
  const auto& w = net.parameters()[0].weights;
  bool differs = false;
  for (std::size_t i = 0; i < 5; ++i) differs = differs || w(8, i) != w(2, i);
  EXPECT_TRUE(differs);
  const double change = relative_change(before, outputs(net));
  EXPECT_GT(change, 0.0);
  EXPECT_LT(change, 0.05);
}

TEST(MorphOps, AnIdentityLayerAfterAReluLayerChangesOutputsByAtMostOneMillionthRelative) {
  Network net = random_network({5, 8, 6, 1});
  const std::vector<float> before = outputs(net);
  GrowthState state = state_for(net);
  state.morph([](Layers& layers, NewEntries fill) { insert_identity_layer(layers, 1, fill); });
  state.morph([](Layers& layers, NewEntries fill) { insert_identity_layer(layers, 3, fill); });
  EXPECT_EQ(net.widths(), (std::vector<std::size_t>{5, 8, 8, 6, 6, 1}));
  EXPECT_LE(relative_change(before, outputs(net)), 1e-6);
}

TEST(MorphOps, RemovingADeadNeuronChangesNothing) {
  Network net = random_network({5, 8, 6, 1});
  net.parameters()[0].bias(4) = -1e4f;  // ReLU(w·x - 1e4) = 0 for these inputs: dead
  const std::vector<float> before = outputs(net);
  GrowthState state = state_for(net);
  state.morph([](Layers& layers, NewEntries) { remove_neuron(layers, 0, 4); });
  EXPECT_EQ(net.widths(), (std::vector<std::size_t>{5, 7, 6, 1}));
  const std::vector<float> after = outputs(net);
  EXPECT_LE(relative_change(before, after), 1e-7);
}

TEST(MorphOps, SaliencyIsZeroForAConstantNeuronAndForOneWithoutOutgoingWeights) {
  Network net = random_network({5, 4, 3, 1});
  auto& layers = net.parameters();
  for (std::size_t o = 0; o < 3; ++o) layers[1].weights(o, 2) = 0.0f;
  const std::vector<double> deviation = {0.5, 0.0, 0.7, 0.2};
  const std::vector<double> s = neuron_saliency(layers, 0, deviation);
  EXPECT_EQ(s[1], 0.0);
  EXPECT_EQ(s[2], 0.0);
  EXPECT_GT(s[0], 0.0);
  double outgoing = 0;
  for (std::size_t o = 0; o < 3; ++o) {
    const double w = layers[1].weights(o, 3);
    outgoing += w * w;
  }
  EXPECT_NEAR(s[3], 0.2 * std::sqrt(outgoing), 1e-12);
}

TEST(MorphOps, RemovingAConstantNeuronWithItsMeanFoldedIntoTheNextBiasKeepsTheFunction) {
  Network net = random_network({5, 8, 6, 1});
  // Incoming weights 0 and bias 0.7: the neuron outputs ReLU(0.7) = 0.7 on every row.
  for (std::size_t i = 0; i < 5; ++i) net.parameters()[0].weights(3, i) = 0.0f;
  net.parameters()[0].bias(3) = 0.7f;
  const std::vector<float> before = outputs(net);
  GrowthState state = state_for(net);
  state.morph([](Layers& layers, NewEntries) { remove_neuron(layers, 0, 3, 0.7f); });
  EXPECT_LE(relative_change(before, outputs(net)), 1e-6);
}

TEST(MorphOps, AdamMomentsAreCarriedForOldWeightsAndZeroForNewOnes) {
  Network net = random_network({3, 4, 2});
  GrowthState state = state_for(net);
  for (std::size_t i = 0; i < 3; ++i) {
    outputs(net);
    for (std::size_t j = 0; j < rows * 2; ++j) net.output_delta()[j] = 0.01f * static_cast<float>(j % 7);
    net.backward(rows);
    state.adam.step(net);
  }
  const Layers m_before = state.adam.first_moment(), v_before = state.adam.second_moment();
  Random rng(1);
  divide_neurons(state, 0, {1}, 0.1, 0.01, rng);
  const Layers& m = state.adam.first_moment();
  const Layers& v = state.adam.second_moment();
  ASSERT_EQ(m[0].weights.shape()[0], 5u);
  for (std::size_t j = 0; j < 4; ++j)
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(m[0].weights(j, i), m_before[0].weights(j, i));
      EXPECT_EQ(v[0].weights(j, i), v_before[0].weights(j, i));
    }
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(m[0].weights(4, i), 0.0f);
  EXPECT_EQ(m[0].bias(4), 0.0f);
  for (std::size_t o = 0; o < 2; ++o) {
    EXPECT_EQ(m[1].weights(o, 1), m_before[1].weights(o, 1));
    EXPECT_EQ(m[1].weights(o, 4), 0.0f);
    EXPECT_EQ(v[1].weights(o, 4), 0.0f);
  }
  // The network trains on after the change: shapes of weights, gradients and moments agree.
  outputs(net);
  net.backward(rows);
  state.adam.step(net);
}

TEST(MorphOps, RefusesToRemoveALayersLastNeuronOrToChangeTheOutputLayer) {
  Network net = random_network({3, 1, 2});
  Layers layers = net.parameters();
  EXPECT_THROW(remove_neuron(layers, 0, 0), std::invalid_argument);
  EXPECT_THROW(divide_neuron(layers, 1, 0, NewEntries::copy), std::invalid_argument);
  EXPECT_THROW(insert_identity_layer(layers, 0, NewEntries::copy), std::invalid_argument);
}
