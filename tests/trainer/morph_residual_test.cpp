// Residual addition (trainer/src/morph/morph_residual.*): inserting a residual block keeps the network's
// function (at most 1e-6 relative; in fact exactly), gradients flow through both the block and its skip
// (checked against finite differences), width changes that would break a block are refused, the exported
// blob carries the flag and the runtime computes what the trainer does, and growth with --grow-residual
// adds residual events that the blob keeps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/trainer/growth.hpp"
#include "ember/trainer/trainer.hpp"
#include "morph/growth_state.hpp"
#include "morph/morph_residual.hpp"
#include "morph_test_support.hpp"
#include "network.hpp"
#include "random.hpp"

using namespace ember::trainer;
using ember::Activation;

namespace {
constexpr std::size_t rows = 32;

Network random_network(const std::vector<std::size_t>& widths, Activation hidden) {
  Random rng(17);
  Network net(widths, hidden, Activation::identity, Init::xavier, rows, rng);
  for (auto& p : net.parameters())
    for (auto& b : p.bias) b = static_cast<float>(rng.uniform(-0.3, 0.3));
  return net;
}

void random_inputs(Network& net, std::uint64_t seed) { morph_test::random_inputs(net, rows, seed); }
std::vector<float> outputs(Network& net) { return morph_test::outputs(net, rows); }
using morph_test::relative_change;
using morph_test::state_for;

// A loss linear in the outputs, L = Σ c · z, so that d(loss)/d(output pre-activation) = c exactly (identity
// output) and finite differences have no curvature from the loss itself.
double linear_loss(Network& net, const std::vector<float>& c) {
  random_inputs(net, 23);
  const float* z = net.forward(rows);
  double sum = 0;
  for (std::size_t i = 0; i < c.size(); ++i) sum += static_cast<double>(c[i]) * z[i];
  return sum;
}
}  // namespace

TEST(MorphResidual, InsertingAResidualBlockWithoutPerturbationKeepsTheOutputs) {
  for (Activation hidden : {Activation::relu, Activation::tanh}) {
    Network net = random_network({5, 8, 6, 2}, hidden);
    const std::vector<float> before = outputs(net);
    GrowthState state = state_for(net);
    Random rng(3);
    add_residual_block(state, 0, 0.0, rng);  // after hidden layer 0: 5 -> 8 -> [8 -> 8 residual] -> 6 -> 2
    add_residual_block(state, 2, 0.0, rng);  // after hidden layer 2 (the 6-wide one)
    EXPECT_EQ(net.widths(), (std::vector<std::size_t>{5, 8, 8, 6, 6, 2}));
    EXPECT_TRUE(net.parameters()[1].residual);
    EXPECT_TRUE(net.parameters()[3].residual);
    EXPECT_LE(relative_change(before, outputs(net)), 1e-6);
    EXPECT_EQ(before, outputs(net)) << "x + act(0) is x exactly";
    // Adam's moments got zero entries for the block, and the average keeps the exact identity.
    EXPECT_EQ(state.adam.first_moment().size(), 5u);
    EXPECT_TRUE(state.average[1].residual);
  }
}

TEST(MorphResidual, ThePerturbationMovesTheLiveWeightsOnlyAndOnlyAFewPercent) {
  Network net = random_network({5, 8, 2}, Activation::relu);
  const std::vector<float> before = outputs(net);
  GrowthState state = state_for(net);
  Random rng(4);
  add_residual_block(state, 0, 0.01, rng);
  const double change = relative_change(before, outputs(net));
  EXPECT_GT(change, 0.0);
  EXPECT_LT(change, 0.05);
  for (float w : state.average[1].weights) EXPECT_EQ(w, 0.0f);
}

TEST(MorphResidual, GradientsThroughTheBlockAndItsSkipMatchFiniteDifferences) {
  for (Activation hidden : {Activation::tanh, Activation::relu}) {
    Network net = random_network({4, 6, 6, 6, 3}, hidden);
    net.parameters()[1].residual = true;  // 6 -> 6
    net.parameters()[2].residual = true;  // 6 -> 6, right after another residual layer
    Random rng(5);
    std::vector<float> c(rows * 3);
    for (float& v : c) v = static_cast<float>(rng.uniform(-1, 1));
    const double at = linear_loss(net, c);
    std::copy(c.begin(), c.end(), net.output_delta());
    net.backward(rows);
    const std::vector<LayerParameters> grads = net.gradients();
    double worst = 0;
    std::size_t checked = 0, kinks = 0;
    // Central differences; a parameter whose two one-sided slopes disagree has a ReLU kink within ±h on
    // some row, where no derivative is defined: skipped and counted.
    auto check = [&](float& p, double analytic) {
      const float saved = p;
      const float h = hidden == Activation::relu ? 2e-3f : 1e-2f;
      p = saved + h;
      const double up = linear_loss(net, c);
      p = saved - h;
      const double down = linear_loss(net, c);
      p = saved;
      const double right = (up - at) / h, left = (at - down) / h;
      if (std::fabs(right - left) > 1e-2 * (1.0 + std::fabs(right))) {
        ++kinks;
        return;
      }
      ++checked;
      const double numeric = (up - down) / (2.0 * h);
      worst = std::max(worst, std::fabs(numeric - analytic) / (1.0 + std::fabs(numeric)));
    };
    for (std::size_t k = 0; k < net.layer_count(); ++k) {
      for (std::size_t i = 0; i < net.parameters()[k].weights.size(); ++i)
        check(net.parameters()[k].weights.data()[i], grads[k].weights.data()[i]);
      for (std::size_t o = 0; o < net.parameters()[k].bias.size(); ++o)
        check(net.parameters()[k].bias(o), grads[k].bias(o));
    }
    // Float32 forward passes: a few thousandths at most. A missing skip gradient would be off by about
    // the size of the gradient itself.
    EXPECT_LT(worst, 5e-3) << activation_name(hidden);
    EXPECT_GT(checked, 2 * kinks) << activation_name(hidden);
  }
}

TEST(MorphResidual, TheSkipCarriesGradientToEarlierLayersEvenWhenTheBlockIsDead) {
  // A ReLU block with W = 0 and b = 0 passes no gradient through its branch; the layers before it must
  // still get the whole gradient through the skip, exactly as without the block.
  Network plain = random_network({4, 6, 3}, Activation::relu);
  Network with_block = plain;
  GrowthState state = state_for(with_block);
  Random rng(6);
  add_residual_block(state, 0, 0.0, rng);
  std::vector<float> c(rows * 3, 0.5f);
  for (Network* net : {&plain, &with_block}) {
    linear_loss(*net, c);
    std::copy(c.begin(), c.end(), net->output_delta());
    net->backward(rows);
  }
  const auto& a = plain.gradients()[0].weights;
  const auto& b = with_block.gradients()[0].weights;
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_FLOAT_EQ(a.data()[i], b.data()[i]);
}

TEST(MorphResidual, WidthChangesNextToABlockAreRefusedAndTheNetworkRejectsBrokenBlocks) {
  Network net = random_network({5, 8, 6, 2}, Activation::relu);
  GrowthState state = state_for(net);
  Random rng(7);
  add_residual_block(state, 0, 0.0, rng);  // layers: 5->8, 8->8 residual, 8->6, 6->2
  const Layers& layers = net.parameters();
  EXPECT_TRUE(width_change_breaks_residual(layers, 0));   // feeds the block
  EXPECT_TRUE(width_change_breaks_residual(layers, 1));   // is the block
  EXPECT_FALSE(width_change_breaks_residual(layers, 2));  // the 6-wide layer after it
  Layers broken = layers;
  broken.back().residual = true;  // the output layer
  EXPECT_THROW(Network(broken, Activation::relu, Activation::identity, rows), std::invalid_argument);
  broken = layers;
  broken[2].residual = true;  // 8 -> 6
  EXPECT_THROW(Network(broken, Activation::relu, Activation::identity, rows), std::invalid_argument);
  EXPECT_FALSE(residual_block_is_identity(Activation::sigmoid));  // sigmoid(0) = 1/2
}

TEST(MorphResidual, TheExportedBlobCarriesTheFlagAndTheRuntimeComputesWhatTheTrainerDoes) {
  Network net = random_network({5, 8, 2}, Activation::relu);
  GrowthState state = state_for(net);
  Random rng(8);
  add_residual_block(state, 0, 0.3, rng);  // a block that does something
  ember::exporters::ModelSpec spec;
  spec.name = "residual";
  spec.layers = net.to_spec();
  ASSERT_TRUE(spec.layers[1].residual);
  const auto blob = ember::exporters::write_blob(spec);
  EXPECT_EQ(blob[4], 2);  // format v2
  ember::exporters::LoadedModel loaded(blob);
  ASSERT_TRUE(loaded.model().layer(1).residual);
  random_inputs(net, 31);
  std::vector<float> x(net.input(), net.input() + rows * 5);
  const float* z = net.forward(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    float y[2];
    ASSERT_EQ(loaded.model().run(&x[r * 5], y), ember::Status::ok);
    for (int j = 0; j < 2; ++j) EXPECT_NEAR(y[j], z[r * 2 + j], 1e-5f * (1.0f + std::fabs(z[r * 2 + j])));
  }
}

TEST(MorphResidual, DividingTheLayerThatFeedsBlocksWidensTheWholeStreamAndKeepsTheOutputs) {
  for (Activation hidden : {Activation::relu, Activation::tanh}) {
    Network net = random_network({5, 6, 3}, hidden);
    GrowthState state = state_for(net);
    Random rng(9);
    add_residual_block(state, 0, 0.5, rng);  // blocks that compute something, so the test is not trivial
    add_residual_block(state, 1, 0.5, rng);  // layers: 5->6, 6->6 r, 6->6 r, 6->3
    EXPECT_EQ(residual_stream_end(net.parameters(), 0), 2u);
    const std::vector<float> before = outputs(net);
    divide_neurons(state, 0, {1, 4}, 0.1, 0.0, rng);
    EXPECT_EQ(net.widths(), (std::vector<std::size_t>{5, 8, 8, 8, 3}));
    EXPECT_TRUE(net.parameters()[1].residual && net.parameters()[2].residual);
    EXPECT_LE(relative_change(before, outputs(net)), 1e-6) << activation_name(hidden);
  }
}

TEST(MorphResidual, GrowthWithResidualBlocksAddsResidualEventsThatTheBlobKeeps) {
  const Dataset data = make_sum_squares(800, 3, 0.1, 5);
  TrainConfig c;
  c.hidden = {4};
  c.max_epochs = 200;
  c.patience = 10;
  GrowthConfig g;
  g.morph_patience = 4;
  g.bottleneck_threshold = 0.2;  // demanding: divisions "do not pay", so connection growth comes early
  g.residual = true;
  c.growth = g;
  const TrainResult r = train(data, c);
  std::size_t residual_events = 0;
  for (const auto& e : r.growth.events) {
    EXPECT_NE(e.kind, MorphKind::insert_layer);
    if (e.kind != MorphKind::add_residual) continue;
    ++residual_events;
    EXPECT_EQ(e.hidden_after.size(), e.hidden_before.size() + 1);
    // Near the identity: only the block's small weight noise (0.01 x He scale) shows right after it.
    EXPECT_LE(e.validation_after, e.validation_before * 1.25 + 1e-9) << "a residual block starts near the identity";
  }
  ASSERT_GT(residual_events, 0u);
  bool any_residual = false;
  for (const auto& l : r.model.layers) any_residual = any_residual || l.residual;
  if (!any_residual) GTEST_SKIP() << "every residual event was undone on this data";
  const auto blob = ember::exporters::write_blob(r.model);
  EXPECT_EQ(blob[4], 2);
  EXPECT_NO_THROW(ember::exporters::LoadedModel{blob});
}
