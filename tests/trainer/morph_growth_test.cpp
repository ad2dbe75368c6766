// `train` with growth: budgets hold for every event and for the exported blob, the event table and the
// architecture per epoch are filled, pruning leaves a smaller network or undoes itself, and bad budgets
// and seeds are refused.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/export/loaded_model.hpp"
#include "ember/trainer/growth.hpp"
#include "ember/trainer/trainer.hpp"

using namespace ember::trainer;
using ember::Activation;

namespace {
TrainConfig growing(std::vector<std::uint16_t> seed, GrowthBudget budget) {
  TrainConfig c;
  c.hidden = std::move(seed);
  c.max_epochs = 120;
  c.patience = 10;
  GrowthConfig g;
  g.morph_patience = 4;
  g.budget = budget;
  c.growth = g;
  return c;
}

std::vector<std::size_t> widths_of(const ember::exporters::ModelSpec& m) {
  std::vector<std::size_t> w{m.input_width()};
  for (const auto& l : m.layers) w.push_back(l.out_width);
  return w;
}
}  // namespace

// In L-BFGS stages (the default at 480 training rows) and with Adam epochs between events.
TEST(MorphGrowth, GrowthNeverExceedsTheParameterBudgetAndTheBlobFitsIt) {
  const Dataset data = make_sum_squares(800, 3, 0.1, 5);
  GrowthBudget budget;
  budget.parameters = 150;
  for (const bool stages : {true, false}) {
    SCOPED_TRACE(stages ? "L-BFGS stages" : "Adam epochs");
    TrainConfig c = growing({4}, budget);
    c.growth->lbfgs_stages = stages;
    // Without the copies' incoming-weight noise a division is exact, so the function check below can be
    // tight; what the noise costs depends on the trained weights (0.1 % to 3 % of the validation loss here
    // across L-BFGS builds that differ only in summation order).
    c.growth->perturbation = 0;
    const TrainResult r = train(data, c);
    ASSERT_FALSE(r.growth.events.empty());
    EXPECT_EQ(stages, r.growth.stage_iterations > 0);
    for (const auto& e : r.growth.events) {
      EXPECT_LE(e.parameters_after, 150u);
      EXPECT_GT(e.parameters_after, e.parameters_before);
      EXPECT_LE(e.validation_after, e.validation_before * 1.001 + 1e-9) << "a growth event should keep the function";
    }
    EXPECT_LE(r.model.parameter_count(), 150u);
    EXPECT_EQ(r.growth.hidden_per_epoch.size(), r.history.size());
    EXPECT_EQ(r.growth.hidden_per_epoch.back().size() + 2, r.model.layers.size() + 1);
    const auto blob = ember::exporters::write_blob(r.model);
    const Footprint f = footprint_of(widths_of(r.model), Activation::relu, Activation::identity);
    EXPECT_EQ(f.blob_bytes, blob.size());
    EXPECT_EQ(f.parameters, r.model.parameter_count());
    EXPECT_EQ(f.arena_bytes, ember::exporters::LoadedModel(blob).info().arena_bytes);
  }
}

TEST(MorphGrowth, FlashMacAndArenaBudgetsBoundTheGrownNetwork) {
  const Dataset data = make_sum_squares(800, 3, 0.1, 5);
  const Footprint seed = footprint_of({3, 4, 1}, Activation::relu, Activation::identity);
  GrowthBudget budget;
  budget.flash_bytes = seed.blob_bytes + 200;
  budget.macs = 60;
  budget.arena_bytes = 256;
  const TrainResult r = train(data, growing({4}, budget));
  const Footprint f = footprint_of(widths_of(r.model), Activation::relu, Activation::identity);
  EXPECT_LE(f.blob_bytes, *budget.flash_bytes);
  EXPECT_LE(f.macs, 60u);
  EXPECT_LE(f.arena_bytes, 256u);
  EXPECT_EQ(ember::exporters::write_blob(r.model).size(), f.blob_bytes);
}

TEST(MorphGrowth, AcceptedPruningLeavesFewerParametersAndAnUndoneOneLeavesTheNetworkAsItWas) {
  const Dataset data = make_sum_squares(800, 2, 0.1, 9);
  TrainConfig c = growing({24}, {});
  c.growth->max_events = 0;
  c.growth->prune = true;
  c.growth->prune_tolerance = 0.5;
  c.growth->bottleneck_threshold = 0.2;  // a plateau soon, so that pruning starts in a short run
  const TrainResult r = train(data, c);
  ASSERT_FALSE(r.growth.events.empty()) << r.epochs_run << " epochs";
  std::size_t params = 2 * 24 + 24 + 24 + 1;
  for (const auto& e : r.growth.events) {
    EXPECT_EQ(e.parameters_before, params);
    EXPECT_LT(e.parameters_after, e.parameters_before);
    if (e.accepted) params = e.parameters_after;
  }
  EXPECT_EQ(r.model.parameter_count(), params);
}

bool is_growth(MorphKind kind) { return kind == MorphKind::divide || kind == MorphKind::insert_layer; }

// Noisy, small data, so that some divisions overfit and are undone. After an undone growth event the
// L-BFGS-stage loop tries up to growth_retries others in a row, never one already undone at that
// architecture (the same kind on the same layer); with 0 retries an undone event ends growth.
TEST(MorphGrowth, AnUndoneGrowthEventIsFollowedByAnotherKindOrLayerUpToTheRetries) {
  for (const std::size_t retries : {0u, 2u}) {
    SCOPED_TRACE("retries " + std::to_string(retries));
    TrainConfig c = growing({8}, {});
    c.growth->morph_patience = 8;
    c.growth->max_events = 6;
    c.growth->growth_retries = retries;
    const TrainResult r = train(make_sum_squares(150, 3, 2.0, 5), c);
    std::vector<const MorphEvent*> undone;  // since the last kept growth event
    std::size_t kept = 0, retried = 0;
    for (const MorphEvent& e : r.growth.events) {
      ASSERT_TRUE(is_growth(e.kind));
      for (const MorphEvent* u : undone)
        EXPECT_FALSE(u->kind == e.kind && u->layer == e.layer) << "retried an event already undone";
      if (!undone.empty()) ++retried;
      if (e.accepted) {
        ++kept;
        undone.clear();
      } else {
        undone.push_back(&e);
        EXPECT_LE(undone.size(), retries + 1);
      }
    }
    EXPECT_LE(kept, 6u);
    // These data undo an event in both runs; only the run with retries goes on after one.
    ASSERT_FALSE(r.growth.events.empty());
    if (retries == 0) {
      EXPECT_EQ(retried, 0u);
      EXPECT_FALSE(r.growth.events.back().accepted) << "growth should end at its undone event";
    } else {
      EXPECT_GT(retried, 0u) << "no event after an undone one: the data no longer test the rule";
    }
  }
}

// Unset, the stage patience follows the recipe: 8 checks under a fixed budget of iterations (patience =
// iteration cap, as above 4,000 training rows), 30 under a patient recipe (the default up to 4,000 rows).
TEST(MorphGrowth, TheDefaultStagePatienceIsEightChecksUnderABudgetAndLongerUnderAPatientRecipe) {
  const Dataset data = make_sum_squares(800, 3, 0.1, 5);
  auto event_epochs = [&](std::optional<std::size_t> patience, bool budget) {
    TrainConfig c;
    c.hidden = {4};
    c.restarts = 1;
    if (budget) c.max_epochs = c.patience = 400;
    GrowthConfig g;
    g.max_events = 2;
    g.morph_patience = patience;
    c.growth = g;
    std::vector<std::size_t> epochs;
    for (const MorphEvent& e : train(data, c).growth.events) epochs.push_back(e.epoch);
    return epochs;
  };
  EXPECT_EQ(event_epochs(std::nullopt, true), event_epochs(8, true));
  const std::vector<std::size_t> patient = event_epochs(std::nullopt, false), eight = event_epochs(8, false);
  ASSERT_EQ(patient.size(), 2u);
  ASSERT_EQ(eight.size(), 2u);
  EXPECT_GT(patient[1] - patient[0], eight[1] - eight[0]) << "the second stage should wait longer";
}

TEST(MorphGrowth, RefusesAZeroBudgetABudgetBelowTheSeedAndASeedWithoutHiddenLayers) {
  const Dataset data = make_sum_squares(100, 3, 0.1, 5);
  GrowthBudget zero;
  zero.parameters = 0;
  EXPECT_THROW(train(data, growing({4}, zero)), std::invalid_argument);
  GrowthBudget small;
  small.parameters = 10;
  try {
    train(data, growing({4}, small));
    FAIL() << "a seed over budget was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("parameters 21 > budget 10"), std::string::npos) << e.what();
  }
  EXPECT_THROW(train(data, growing({}, {})), std::invalid_argument);
  TrainConfig lbfgs = growing({4}, {});
  lbfgs.optimizer = Optimizer::lbfgs;
  EXPECT_THROW(train(data, lbfgs), std::invalid_argument);
}
