// The trainer's optimizers on problems with known answers: L-BFGS on linear least squares (with and without
// weight decay) against the closed form, Adam's decoupled weight decay against its exact factor, and the
// same seed giving the same blob bytes with every optimizer.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ember/export/blob_writer.hpp"
#include "ember/trainer/data_split.hpp"
#include "ember/trainer/trainer.hpp"
#include "full_batch_objective.hpp"
#include "network.hpp"
#include "random.hpp"

using namespace ember::trainer;

namespace {
constexpr std::size_t features = 4;

// y = 1.5 x0 - 2 x1 + 0.5 x2 + 0 x3 + 3 + N(0, 0.1^2), x ~ N(0, 1)^4.
Dataset linear_data(std::size_t rows) {
  Dataset d;
  d.rows = rows;
  d.features = features;
  d.outputs = 1;
  Random rng(21);
  const double w[features] = {1.5, -2.0, 0.5, 0.0};
  for (std::size_t r = 0; r < rows; ++r) {
    double y = 3;
    for (std::size_t i = 0; i < features; ++i) {
      const double x = rng.normal();
      d.x.push_back(static_cast<float>(x));
      y += w[i] * x;
    }
    d.y.push_back(static_cast<float>(y + 0.1 * rng.normal()));
  }
  for (std::size_t i = 0; i < features; ++i) d.feature_names.push_back("x" + std::to_string(i));
  d.target_name = "y";
  return d;
}

TrainConfig linear_config(double weight_decay) {
  TrainConfig c;
  c.hidden = {};
  c.optimizer = Optimizer::lbfgs;
  c.weight_decay = weight_decay;
  c.max_epochs = 200;
  c.patience = 200;
  c.validation_interval = 10;
  // One attempt: with several, validation could prefer another attempt's not yet converged check, which is
  // not what these tests measure.
  c.restarts = 1;
  c.seed = 3;
  return c;
}

// The minimizer of mean((x w + b - y)^2) + decay |w|^2 over the standardized training rows, in float64:
// (Xc^T Xc / n + decay I) w = Xc^T yc / n on centered rows; the bias is not penalized.
std::vector<double> ridge_weights(const Dataset& d, const TrainConfig& c, double decay) {
  const SplitData s = split_and_standardize(d, c.split_train, c.split_validation, c.split_test, c.seed);
  const std::size_t n = s.train.rows;
  double mean_x[features] = {0}, mean_y = 0;
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = 0; i < features; ++i) mean_x[i] += s.train.x[r * features + i] / static_cast<double>(n);
    mean_y += s.train.y[r] / static_cast<double>(n);
  }
  double a[features][features + 1] = {{0}};
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t i = 0; i < features; ++i) {
      const double xi = s.train.x[r * features + i] - mean_x[i];
      for (std::size_t j = 0; j < features; ++j)
        a[i][j] += xi * (s.train.x[r * features + j] - mean_x[j]) / static_cast<double>(n);
      a[i][features] += xi * (s.train.y[r] - mean_y) / static_cast<double>(n);
    }
  for (std::size_t i = 0; i < features; ++i) a[i][i] += decay;
  // Gauss-Jordan; the matrix is symmetric positive definite, no pivoting needed.
  for (std::size_t i = 0; i < features; ++i)
    for (std::size_t r = 0; r < features; ++r) {
      if (r == i) continue;
      const double f = a[r][i] / a[i][i];
      for (std::size_t k = i; k <= features; ++k) a[r][k] -= f * a[i][k];
    }
  std::vector<double> w(features);
  for (std::size_t i = 0; i < features; ++i) w[i] = a[i][features] / a[i][i];
  return w;
}
}  // namespace

TEST(Optimizers, LbfgsFitsALinearModelToTheClosedFormLeastSquaresSolutionWithinOneMillionth) {
  const Dataset d = linear_data(2000);
  const TrainConfig c = linear_config(0);
  const TrainResult r = train(d, c);
  const std::vector<double> exact = ridge_weights(d, c, 0);
  ASSERT_EQ(r.model.layers.size(), 1u);
  for (std::size_t i = 0; i < features; ++i) EXPECT_NEAR(r.model.layers[0].weights[i], exact[i], 1e-6) << i;
  EXPECT_NEAR(r.model.layers[0].bias[0], 0.0, 1e-6);  // standardized target and inputs: centered already
}

TEST(Optimizers, LbfgsWeightDecayShrinksALinearModelToTheRidgeSolution) {
  const Dataset d = linear_data(2000);
  const double decay = 0.5;
  const TrainResult plain = train(d, linear_config(0));
  const TrainResult decayed = train(d, linear_config(decay));
  const std::vector<double> exact = ridge_weights(d, linear_config(decay), decay);
  for (std::size_t i = 0; i < features; ++i) {
    EXPECT_NEAR(decayed.model.layers[0].weights[i], exact[i], 1e-6) << i;
    // Standardized, nearly uncorrelated inputs: X^T X / n is close to I, so ridge divides by 1 + decay.
    if (i < 3)
      EXPECT_NEAR(decayed.model.layers[0].weights[i] / plain.model.layers[0].weights[i], 1 / (1 + decay), 0.02) << i;
  }
}

TEST(Optimizers, AdamWeightDecayMultipliesEveryWeightByOneMinusLearningRateTimesDecayPerStep) {
  Random rng(4);
  Network net({3, 2}, ember::Activation::relu, ember::Activation::identity, Init::xavier, 1, rng);
  const LayerParameters before = net.parameters()[0];
  net.parameters()[0].bias = {0.25f, -0.5f};
  // A zero loss gradient: Adam's own step is then exactly zero, and only the decay moves the weights.
  net.forward(1);
  net.output_delta()[0] = net.output_delta()[1] = 0.0f;
  net.backward(1);
  const double lr = 0.01, decay = 2.0;
  Adam adam(net, lr, 0.9, 0.999, 1e-8, decay);
  for (int step = 0; step < 3; ++step) adam.step(net);
  const float factor = static_cast<float>(1 - lr * decay);
  for (std::size_t i = 0; i < before.weights.size(); ++i)
    EXPECT_FLOAT_EQ(net.parameters()[0].weights.data()[i], before.weights.data()[i] * factor * factor * factor);
  EXPECT_EQ(net.parameters()[0].bias(0), 0.25f);  // biases are not decayed
  EXPECT_EQ(net.parameters()[0].bias(1), -0.5f);
}

TEST(Optimizers, WithTheSameSeedEveryOptimizerWritesTheSameBlobBytes) {
  const Dataset d = make_sum_squares(500, 5, 0.1, 5);
  for (Optimizer optimizer : {Optimizer::adam, Optimizer::lbfgs}) {
    TrainConfig c;
    c.optimizer = optimizer;
    c.weight_decay = 1e-4;
    c.max_epochs = 30;
    const auto first = ember::exporters::write_blob(train(d, c).model);
    const auto second = ember::exporters::write_blob(train(d, c).model);
    EXPECT_EQ(first, second) << (optimizer == Optimizer::adam ? "adam" : "lbfgs");
  }
  // L-BFGS as the recipe runs it above 4,000 training rows: warm start, 100 pairs, He initialization.
  TrainConfig c;
  c.optimizer = Optimizer::lbfgs;
  c.max_epochs = 30;
  c.warm_start_iterations = 12;
  c.history = 100;
  c.init = Init::automatic;
  EXPECT_EQ(ember::exporters::write_blob(train(d, c).model), ember::exporters::write_blob(train(d, c).model))
      << "lbfgs with a warm start";
}

TEST(Optimizers, TheObjectiveOnTheFirstRowsIsTheObjectiveOfASplitOfThoseRowsAlone) {
  const Dataset d = make_sum_squares(400, 5, 0.1, 7);
  const SplitData s = split_and_standardize(d, 0.6, 0.2, 0.2, 7);
  const std::size_t half = s.train.rows / 2;
  SplitRows first;
  first.rows = half;
  first.x.assign(s.train.x.begin(), s.train.x.begin() + static_cast<std::ptrdiff_t>(half * 5));
  first.y.assign(s.train.y.begin(), s.train.y.begin() + static_cast<std::ptrdiff_t>(half));
  Random rng(3);
  // 64-row chunks, so that both objectives sum the same chunks in the same order.
  Network net({5, 8, 1}, ember::Activation::relu, ember::Activation::identity, Init::he, 64, rng);
  FullBatchObjective on_first_rows(net, s.train, half, Task::regress, 1e-3);
  FullBatchObjective on_a_split_of_them(net, first, first.rows, Task::regress, 1e-3);
  const std::vector<double> x = on_first_rows.parameters();
  std::vector<double> g1(x.size()), g2(x.size());
  const double f1 = on_first_rows(x, g1), f2 = on_a_split_of_them(x, g2);
  EXPECT_EQ(f1, f2);
  EXPECT_EQ(g1, g2);
  // And it is not the objective on all the rows.
  FullBatchObjective on_all_rows(net, s.train, s.train.rows, Task::regress, 1e-3);
  std::vector<double> g3(x.size());
  EXPECT_NE(on_all_rows(x, g3), f1);
}

TEST(Optimizers, AnLbfgsWarmStartCountsItsIterationsAndCheckpointsWithTheRest) {
  const Dataset d = make_sum_squares(400, 5, 0.1, 5);
  TrainConfig c;
  c.optimizer = Optimizer::lbfgs;
  c.restarts = 1;
  c.validation_interval = 10;
  c.max_epochs = 40;
  c.patience = 40;
  c.warm_start_iterations = 20;
  const TrainResult warm = train(d, c);
  ASSERT_EQ(warm.history.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(warm.history[i].epoch, 10 * (i + 1));
  EXPECT_EQ(warm.epochs_run, 40u);
  // The warm start changes the path: the same budget without it ends elsewhere.
  c.warm_start_iterations = 0;
  const TrainResult cold = train(d, c);
  EXPECT_NE(ember::exporters::write_blob(warm.model), ember::exporters::write_blob(cold.model));
}

TEST(Optimizers, LbfgsChecksValidationPeriodicallyStopsEarlyAndRestoresTheBestWeights) {
  const Dataset d = make_sum_squares(300, 5, 0.1, 5);
  TrainConfig c;
  c.optimizer = Optimizer::lbfgs;
  c.weight_decay = 0;  // 180 rows and 3009 parameters: overfits, so validation turns up early
  c.validation_interval = 5;
  c.patience = 50;
  c.max_epochs = 100000;
  const TrainResult r = train(d, c);
  ASSERT_LT(r.epochs_run, 100000u);
  EXPECT_GE(r.epochs_run, r.best_epoch + 50);
  double best = 1e300;
  for (const auto& e : r.history) {
    EXPECT_TRUE(e.epoch % 5 == 0 || e.epoch == r.epochs_run) << e.epoch;
    best = std::min(best, e.validation_loss);
  }
  // Scoring the restored weights on the validation split gives back the best check's loss (R² = 1 - MSE / var).
  for (const auto& e : r.history)
    if (e.epoch == r.best_epoch) EXPECT_EQ(e.validation_loss, best);
}

TEST(Optimizers, TheRecipeUsesLbfgsForSmallTrainingSetsAdamForLargeOnesAndEveryFlagWins) {
  TrainConfig c;
  const Recipe small = choose_recipe(c, 600);
  EXPECT_EQ(small.optimizer, Optimizer::lbfgs);
  EXPECT_GT(small.weight_decay, 0);
  const Recipe large = choose_recipe(c, 600000);
  EXPECT_EQ(large.optimizer, Optimizer::adam);
  EXPECT_GT(large.weight_average, 0);
  EXPECT_EQ(large.reason.find("flags"), std::string::npos);
  c.optimizer = Optimizer::adam;
  c.batch = 32;
  c.weight_decay = 0.25;
  const Recipe forced = choose_recipe(c, 600);
  EXPECT_EQ(forced.optimizer, Optimizer::adam);
  EXPECT_EQ(forced.batch, 32u);
  EXPECT_EQ(forced.weight_decay, 0.25);
  EXPECT_NE(forced.reason.find("--batch"), std::string::npos);
  EXPECT_NE(forced.reason.find("--weight-decay"), std::string::npos);
}

TEST(Optimizers, AboveFourThousandTrainingRowsLbfgsRunsAFixedBudgetWithAWarmStart100PairsAndHeInit) {
  TrainConfig c;
  const Recipe small = choose_recipe(c, 4000), budget = choose_recipe(c, 6000);
  EXPECT_EQ(small.history, 20u);
  EXPECT_EQ(small.warm_start_iterations, 0u);
  EXPECT_EQ(small.init, Init::xavier);
  EXPECT_EQ(small.restarts, 3u);
  EXPECT_EQ(budget.optimizer, Optimizer::lbfgs);
  EXPECT_EQ(budget.history, 100u);
  EXPECT_GT(budget.warm_start_iterations, 0u);
  EXPECT_LT(budget.warm_start_iterations, budget.max_epochs);
  EXPECT_EQ(budget.patience, budget.max_epochs);  // the budget ends the run, not patience
  EXPECT_EQ(budget.init, Init::automatic);
  EXPECT_EQ(choose_recipe(c, 600000).init, Init::xavier);  // Adam
  c.init = Init::he;
  c.warm_start_iterations = 0;
  const Recipe forced = choose_recipe(c, 6000);
  EXPECT_EQ(forced.init, Init::he);
  EXPECT_EQ(forced.warm_start_iterations, 0u);
  EXPECT_NE(forced.reason.find("--init"), std::string::npos);
  EXPECT_NE(forced.reason.find("--lbfgs-warm-start"), std::string::npos);
}

TEST(Optimizers, RestartsKeepTheAttemptWithTheLowestValidationLossAndTheFirstAttemptIsThePlainRun) {
  const Dataset d = make_sum_squares(300, 5, 0.1, 5);
  TrainConfig c;
  c.optimizer = Optimizer::lbfgs;
  c.max_epochs = 40;
  c.restarts = 1;
  const TrainResult one = train(d, c);
  c.restarts = 3;
  const TrainResult three = train(d, c);
  auto best = [](const TrainResult& r) {
    double b = 1e300;
    for (const auto& e : r.history) b = std::min(b, e.validation_loss);
    return b;
  };
  EXPECT_LE(best(three), best(one));
  EXPECT_EQ(three.recipe.restarts, 3u);
  // Same seed, same attempts, same bytes.
  EXPECT_EQ(ember::exporters::write_blob(three.model), ember::exporters::write_blob(train(d, c).model));
}
