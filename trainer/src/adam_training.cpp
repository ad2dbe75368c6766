// Mini-batch Adam: a fresh shuffle each epoch, optional decoupled weight decay and plateau schedule, an
// exponential moving average of the weights that validation, early stopping and the export use.
#include <algorithm>
#include <cstring>

#include <xtensor/xnoalias.hpp>

#include "loss.hpp"
#include "random.hpp"
#include "training_loops.hpp"

namespace ember::trainer {

void train_with_adam(Network& net, TrainingRun& run) {
  const Recipe& recipe = run.recipe;
  const SplitRows& train = run.split.train;
  const Task task = run.task;
  const std::size_t features = net.input_width(), outputs = net.output_width();
  const std::size_t batch = std::min(recipe.batch, train.rows);
  Adam adam(net, recipe.learning_rate, run.config.beta1, run.config.beta2, run.config.epsilon, recipe.weight_decay);

  // Everything a training step touches is allocated here, once.
  std::vector<float> batch_targets(batch * outputs);
  std::vector<int> batch_labels(batch);
  std::vector<std::size_t> order(train.rows);
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  Random batch_rng(derive_seed(run.config.seed, 3));
  const bool averaging = recipe.weight_average > 0;
  const float keep = static_cast<float>(recipe.weight_average);
  std::size_t steps = 0;
  std::vector<LayerParameters> average = net.parameters();
  std::vector<LayerParameters> live;  // the optimizer's weights while the average is being evaluated
  EarlyStopping stopping(run, net);

  for (std::size_t epoch = 1; epoch <= recipe.max_epochs; ++epoch) {
    batch_rng.shuffle(order.data(), order.size());
    double train_loss = 0;
    for (std::size_t first = 0; first < order.size(); first += batch) {
      const std::size_t rows = std::min(batch, order.size() - first);
      float* x = net.input();
      for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t r = order[first + i];
        std::memcpy(x + i * features, train.x.data() + r * features, features * sizeof(float));
        if (task == Task::classify)
          batch_labels[i] = train.labels[r];
        else
          std::memcpy(batch_targets.data() + i * outputs, train.y.data() + r * outputs, outputs * sizeof(float));
      }
      const float* z = net.forward(rows);
      const double loss = task == Task::classify
                              ? cross_entropy(z, batch_labels.data(), rows, outputs, net.output_delta())
                              : mean_squared_error(z, batch_targets.data(), rows, outputs, net.output_delta());
      net.backward(rows);
      adam.step(net);
      if (averaging) {
        // Warm-up: until it has seen 1 / (1 - keep) steps the average is the plain mean of the steps so
        // far (decay t / (t + 1)), so it forgets the initial weights at once and reaches `keep` after
        // exactly that many steps, whatever `keep` is.
        ++steps;
        const float d = std::min(keep, static_cast<float>(steps - 1) / static_cast<float>(steps));
        for (std::size_t k = 0; k < average.size(); ++k) {
          xt::noalias(average[k].weights) = d * average[k].weights + (1.0f - d) * net.parameters()[k].weights;
          xt::noalias(average[k].bias) = d * average[k].bias + (1.0f - d) * net.parameters()[k].bias;
        }
      }
      train_loss += loss * static_cast<double>(rows);
    }
    if (averaging) {
      live = net.parameters();
      net.parameters() = average;
    }
    const bool stop = stopping.check(epoch, train_loss / static_cast<double>(order.size()), net);
    if (averaging) net.parameters() = live;
    if (stop) break;
    const std::size_t since_best = stopping.since_best(epoch);
    if (recipe.lr_patience != 0 && since_best != 0 && since_best % recipe.lr_patience == 0)
      adam.set_learning_rate(adam.learning_rate() * recipe.lr_decay);
  }
  net.parameters() = stopping.best();
}

}  // namespace ember::trainer
