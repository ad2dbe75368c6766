// The growth loop: Adam epochs (as adam_training.cpp, plus per-neuron gradient statistics), a plateau test
// after each validation, and at a plateau one architecture change chosen by the bottleneck scores and the
// budgets. docs/morphogenesis.md states every rule used here.
#include "morph/growth_training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>

#include "loss.hpp"
#include "morph/growth_choices.hpp"
#include "morph/growth_state.hpp"
#include "morph/lbfgs_growth.hpp"
#include "morph/morph_residual.hpp"

namespace ember::trainer {
namespace {

// An event on trial: what to go back to if, `morph_patience` epochs later, it has cost validation loss
// (growth: any; pruning: more than the tolerance).
struct Trial {
  Network net;
  Adam adam;
  Layers average, best;
  double best_loss;
  std::size_t best_epoch;
  std::size_t event;  // index in the report
};

class GrowthLoop {
 public:
  GrowthLoop(Network& net, TrainingRun& run, const GrowthConfig& growth)
      : run_(run),
        g_(growth),
        recipe_(run.recipe),
        state_{net,
               Adam(net, recipe_.learning_rate, run.config.beta1, run.config.beta2, run.config.epsilon,
                    recipe_.weight_decay),
               net.parameters()},
        rng_(derive_seed(run.config.seed, 5)),
        batch_rng_(derive_seed(run.config.seed, 3)) {}

  void run();

 private:
  TrainingRun& run_;
  const GrowthConfig& g_;
  const Recipe& recipe_;
  GrowthState state_;
  Random rng_, batch_rng_;
  std::size_t steps_ = 0;
  NeuronValues load_;  // per hidden layer and neuron: sum of squared incoming gradients
  Layers best_;
  double best_loss_ = 1.0 / 0.0;
  std::size_t best_epoch_ = 0;
  double window_reference_ = 1.0 / 0.0;  // best loss when the plateau window opened
  std::size_t window_start_ = 0;
  std::size_t growth_events_ = 0, prune_trials_ = 0;
  bool growth_done_ = false, pruning_done_ = false, dead_pruned_ = false;
  std::optional<Trial> trial_;
  double since_event_best_ = 1.0 / 0.0;
  std::string last_event_;

  bool averaging() const { return recipe_.weight_average > 0; }
  Layers& evaluated() { return averaging() ? state_.average : state_.net.parameters(); }
  double train_epoch();
  double validate();
  void reset_load();
  bool fits(const std::vector<std::size_t>& hidden) const { return fits_budget(state_.net, hidden, g_.budget); }
  MorphEvent begin_event(std::size_t epoch, MorphKind kind, std::size_t layer) const {
    return trainer::begin_event(state_.net, epoch, kind, layer, best_loss_);
  }
  void finish_event(MorphEvent event, std::size_t epoch);
  bool grow(std::size_t epoch);
  bool grow_now(std::size_t epoch);
  bool try_divide(std::size_t epoch, std::size_t layer, const NeuronValues& magnitude);
  bool try_insert(std::size_t epoch, std::size_t layer);
  bool try_residual(std::size_t epoch, std::size_t layer);
  bool prune(std::size_t epoch);
};

void GrowthLoop::reset_load() { load_ = zero_load(state_.net); }

double GrowthLoop::train_epoch() {
  Network& net = state_.net;
  const SplitRows& train = run_.split.train;
  const std::size_t features = net.input_width(), outputs = net.output_width();
  const std::size_t batch = std::min(recipe_.batch, train.rows);
  std::vector<float> targets(batch * outputs);
  std::vector<int> labels(batch);
  std::vector<std::size_t> order(train.rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  batch_rng_.shuffle(order.data(), order.size());
  const float keep = static_cast<float>(recipe_.weight_average);
  double total = 0;
  for (std::size_t first = 0; first < order.size(); first += batch) {
    const std::size_t rows = std::min(batch, order.size() - first);
    for (std::size_t i = 0; i < rows; ++i) {
      const std::size_t r = order[first + i];
      std::memcpy(net.input() + i * features, train.x.data() + r * features, features * sizeof(float));
      if (run_.task == Task::classify)
        labels[i] = train.labels[r];
      else
        std::memcpy(targets.data() + i * outputs, train.y.data() + r * outputs, outputs * sizeof(float));
    }
    const float* z = net.forward(rows);
    const double loss = run_.task == Task::classify
                            ? cross_entropy(z, labels.data(), rows, outputs, net.output_delta())
                            : mean_squared_error(z, targets.data(), rows, outputs, net.output_delta());
    net.backward(rows);
    // The load of a neuron: how much gradient reaches its incoming weights and bias.
    add_neuron_load(net, load_);
    state_.adam.step(net);
    if (averaging()) {
      ++steps_;
      const float d = std::min(keep, static_cast<float>(steps_ - 1) / static_cast<float>(steps_));
      for (std::size_t k = 0; k < state_.average.size(); ++k) {
        state_.average[k].weights = d * state_.average[k].weights + (1.0f - d) * net.parameters()[k].weights;
        state_.average[k].bias = d * state_.average[k].bias + (1.0f - d) * net.parameters()[k].bias;
      }
    } else {
      state_.average = net.parameters();
    }
    total += loss * static_cast<double>(rows);
  }
  return total / static_cast<double>(order.size());
}

double GrowthLoop::validate() {
  Layers live = state_.net.parameters();
  state_.net.parameters() = evaluated();
  const double loss = split_loss(state_.net, run_.split.validation, run_.task);
  state_.net.parameters() = std::move(live);
  return loss;
}

void GrowthLoop::finish_event(MorphEvent e, std::size_t epoch) {
  e.hidden_after = state_.hidden();
  e.parameters_after = state_.parameters();
  e.validation_after = validate();
  // The new architecture starts its own early stopping from the weights it inherited.
  best_ = evaluated();
  best_loss_ = e.validation_after;
  best_epoch_ = epoch;
  window_reference_ = best_loss_;
  window_start_ = epoch;
  since_event_best_ = 1.0 / 0.0;
  reset_load();
  last_event_ = std::string(morph_kind_name(e.kind)) + " L" + std::to_string(e.layer) + " @" + std::to_string(epoch);
  run_.result.growth.events.push_back(std::move(e));
}

bool GrowthLoop::try_divide(std::size_t epoch, std::size_t layer, const NeuronValues& magnitude) {
  // The most loaded live neurons, each divided once: the layer doubles its live width, or as much of
  // that as the budgets allow.
  const std::vector<std::size_t> neurons = division_neurons(state_.net, layer, load_, magnitude, g_.budget);
  if (neurons.empty()) return false;
  MorphEvent e = begin_event(epoch, MorphKind::divide, layer);
  e.why = division_reason(load_, layer);
  divide_neurons(state_, layer, neurons, g_.split_jitter, g_.perturbation, rng_);
  finish_event(std::move(e), epoch);
  return true;
}

bool GrowthLoop::try_insert(std::size_t epoch, std::size_t layer) {
  if (state_.net.activation(0) != Activation::relu) return false;
  std::vector<std::size_t> hidden = state_.hidden();
  hidden.insert(hidden.begin() + static_cast<std::ptrdiff_t>(layer + 1), hidden[layer]);
  if (!fits(hidden)) return false;
  MorphEvent e = begin_event(epoch, MorphKind::insert_layer, layer + 1);
  e.why = "the last division of layer " + std::to_string(layer) + " gained less than the threshold";
  state_.morph([&](Layers& layers, NewEntries fill) { insert_identity_layer(layers, layer + 1, fill); });
  finish_event(std::move(e), epoch);
  return true;
}

bool GrowthLoop::try_residual(std::size_t epoch, std::size_t layer) {
  if (!residual_block_is_identity(state_.net.activation(0))) return false;
  std::vector<std::size_t> hidden = state_.hidden();
  hidden.insert(hidden.begin() + static_cast<std::ptrdiff_t>(layer + 1), hidden[layer]);
  if (!fits(hidden)) return false;
  MorphEvent e = begin_event(epoch, MorphKind::add_residual, layer + 1);
  e.why = "the last division of layer " + std::to_string(layer) + " gained less than the threshold";
  add_residual_block(state_, layer, g_.perturbation, rng_);
  finish_event(std::move(e), epoch);
  return true;
}

bool GrowthLoop::grow(std::size_t epoch) {
  trial_ = Trial{state_.net, state_.adam, state_.average, best_, best_loss_, best_epoch_, 0};
  if (!grow_now(epoch)) {
    trial_.reset();
    return false;
  }
  trial_->event = run_.result.growth.events.size() - 1;
  return true;
}

bool GrowthLoop::grow_now(std::size_t epoch) {
  const auto stats = neuron_statistics(state_.net, evaluated(), run_.split.train, evaluation_rows);
  // A division that did not pay (its loss a few epochs later gained less than the threshold) asks for
  // depth rather than width: an identity layer after the divided layer.
  const auto& events = run_.result.growth.events;
  if (g_.insert_layers && !events.empty() && events.back().kind == MorphKind::divide &&
      std::isfinite(events.back().validation_later) &&
      events.back().validation_later > events.back().validation_before * (1 - g_.bottleneck_threshold) &&
      (g_.residual ? try_residual(epoch, events.back().layer) : try_insert(epoch, events.back().layer)))
    return true;
  // The bottleneck: the hidden layer with the largest share of the gradient per neuron.
  for (std::size_t k : bottleneck_order(load_))
    if (try_divide(epoch, k, stats.magnitude)) return true;
  return false;
}

bool GrowthLoop::prune(std::size_t epoch) {
  const auto stats = neuron_statistics(state_.net, evaluated(), run_.split.train, run_.split.train.rows);
  const auto& means = stats.magnitude;
  if (!dead_pruned_) {
    // Neurons dead on every training row: removing them changes nothing on the training data.
    dead_pruned_ = true;
    MorphEvent e = begin_event(epoch, MorphKind::prune_dead, 0);
    const std::size_t removed = remove_dead_neurons(state_, means, e.layer);
    if (removed > 0) {
      e.why = std::to_string(removed) + " neurons output 0 on every training row";
      finish_event(std::move(e), epoch);
      return true;
    }
  }
  if (prune_trials_ >= g_.max_prunes) return false;
  ++prune_trials_;
  trial_ = Trial{state_.net, state_.adam, state_.average, best_, best_loss_, best_epoch_, 0};
  // One layer per trial: the one where removing the fraction saves the most parameters.
  const std::size_t layer = prune_layer(state_.net, g_.prune_fraction);
  if (layer + 1 >= state_.net.layer_count()) {
    trial_.reset();
    return false;
  }
  MorphEvent e = begin_event(epoch, MorphKind::prune_salient, layer);
  const std::vector<std::size_t> neurons = least_salient(evaluated(), layer, stats.deviation[layer], g_.prune_fraction);
  const std::size_t removed = neurons.size();
  remove_neurons(state_, layer, neurons, stats.mean[layer]);
  char why[120];
  std::snprintf(why, sizeof why,
                "the %zu least salient neurons (output deviation x |outgoing w|) of the layer where that saves most",
                removed);
  e.why = why;
  trial_->event = run_.result.growth.events.size();
  finish_event(std::move(e), epoch);
  return true;
}

void GrowthLoop::run() {
  reset_load();
  best_ = evaluated();
  for (std::size_t epoch = 1; epoch <= recipe_.max_epochs; ++epoch) {
    EpochRecord record;
    record.epoch = epoch;
    record.train_loss = train_epoch();
    record.validation_loss = validate();
    {
      Layers live = state_.net.parameters();
      state_.net.parameters() = evaluated();
      record.validation_accuracy = split_accuracy(state_.net, run_.split.validation, run_.task);
      state_.net.parameters() = std::move(live);
    }
    record.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - run_.start).count();
    if (!std::isfinite(record.train_loss))
      throw std::runtime_error("training diverged at epoch " + std::to_string(epoch) +
                               " (loss is not finite); try a smaller --lr");
    record.architecture = widths_text(state_.hidden()) + (last_event_.empty() ? "" : ", last " + last_event_);
    run_.result.history.push_back(record);
    run_.result.growth.hidden_per_epoch.push_back(state_.hidden());
    run_.result.epochs_run = epoch;
    if (run_.config.on_epoch) run_.config.on_epoch(record, recipe_.max_epochs);
    if (record.validation_loss < best_loss_) {
      best_loss_ = record.validation_loss;
      best_epoch_ = epoch;
      best_ = evaluated();
    }
    since_event_best_ = std::min(since_event_best_, record.validation_loss);
    auto& events = run_.result.growth.events;
    if (!events.empty() && epoch == events.back().epoch + *g_.morph_patience)
      events.back().validation_later = since_event_best_;

    if (trial_ && epoch == events[trial_->event].epoch + *g_.morph_patience) {
      MorphEvent& e = events[trial_->event];
      const bool pruning = e.kind == MorphKind::prune_salient;
      if (since_event_best_ > e.validation_before * (1 + (pruning ? g_.prune_tolerance : 0.0))) {
        // Too costly (or, for growth, no gain at all: more capacity that only overfits): back to the
        // network before the event, and no more events of that kind.
        e.accepted = false;
        state_.net = std::move(trial_->net);
        state_.adam = std::move(trial_->adam);
        state_.average = std::move(trial_->average);
        best_ = std::move(trial_->best);
        best_loss_ = trial_->best_loss;
        best_epoch_ = trial_->best_epoch;
        (pruning ? pruning_done_ : growth_done_) = true;
        reset_load();
        last_event_ = "undo " + std::string(morph_kind_name(e.kind)) + " @" + std::to_string(epoch);
      }
      trial_.reset();
      window_reference_ = best_loss_;
      window_start_ = epoch;
    }
    if (best_loss_ <= window_reference_ * (1 - g_.bottleneck_threshold)) {
      window_reference_ = best_loss_;
      window_start_ = epoch;
    }
    const bool plateau = !trial_ && epoch - window_start_ >= *g_.morph_patience;
    if (plateau && !growth_done_) {
      if (growth_events_ < g_.max_events && grow(epoch))
        ++growth_events_;
      else
        growth_done_ = true;
      if (!growth_done_) continue;
    }
    if (plateau && growth_done_ && g_.prune && !pruning_done_) {
      if (prune(epoch)) continue;
      pruning_done_ = true;
    }
    const bool morphing_left = !growth_done_ || (g_.prune && !pruning_done_) || trial_;
    if (!morphing_left && epoch - best_epoch_ >= recipe_.patience) break;
  }
  state_.net.parameters() = best_;
  run_.result.best_epoch = best_epoch_;
  run_.result.growth.adam_epochs = run_.result.epochs_run;
}

}  // namespace

void check_growth_config(const GrowthConfig& g, const std::vector<std::size_t>& seed_widths, Activation hidden,
                         Activation output) {
  auto fail = [](const std::string& what) { throw std::invalid_argument(what); };
  if (seed_widths.size() < 3)
    fail("--grow needs a seed with at least one hidden layer (e.g. --hidden 8), not --hidden none");
  if (!(g.bottleneck_threshold >= 0 && g.bottleneck_threshold < 1)) fail("the bottleneck threshold must be in [0, 1)");
  if (g.morph_patience && *g.morph_patience == 0) fail("the morph patience must be at least 1 epoch");
  if (!(g.prune_tolerance >= 0) || !std::isfinite(g.prune_tolerance)) fail("the prune tolerance must be >= 0");
  if (!(g.prune_fraction > 0 && g.prune_fraction < 1)) fail("the prune fraction must be in (0, 1)");
  const auto check = [&](const std::optional<std::size_t>& b, const char* flag) {
    if (b && *b == 0) fail(std::string(flag) + " 0: a budget must be at least 1 (omit the flag for no budget)");
  };
  check(g.budget.parameters, "--budget-params");
  check(g.budget.flash_bytes, "--budget-flash");
  check(g.budget.macs, "--budget-macs");
  check(g.budget.arena_bytes, "--budget-arena");
  std::string seed;
  for (std::size_t k = 1; k + 1 < seed_widths.size(); ++k)
    seed += (seed.empty() ? "" : ",") + std::to_string(seed_widths[k]);
  const std::string over = budget_violation(footprint_of(seed_widths, hidden, output), g.budget);
  if (!over.empty()) fail("the seed architecture --hidden " + seed + " is already over budget: " + over);
}

namespace {

// L-BFGS from the grown weights with the recipe's full patience; its iterations follow the growth phase
// in the history, and its result is kept only if its validation loss is lower.
void finish_with_lbfgs(Network& net, TrainingRun& run, const Recipe& finish) {
  TrainResult& result = run.result;
  const std::size_t offset = result.epochs_run;
  const double grown_loss = split_loss(net, run.split.validation, run.task);
  const Layers grown = net.parameters();
  const std::vector<std::size_t> hidden(net.widths().begin() + 1, net.widths().end() - 1);
  const std::string architecture = widths_text(hidden);
  TrainConfig config = run.config;
  config.on_epoch = [&](const EpochRecord& record, std::size_t max) {
    EpochRecord shifted = record;
    shifted.epoch += offset;
    shifted.architecture = architecture + ", L-BFGS finish";
    if (run.config.on_epoch) run.config.on_epoch(shifted, offset + max);
  };
  TrainResult finishing;
  TrainingRun finish_run{run.split, run.task, finish, config, finishing, run.start};
  train_with_lbfgs(net, finish_run);
  for (EpochRecord record : finishing.history) {
    record.epoch += offset;
    record.architecture = architecture + ", L-BFGS finish";
    result.history.push_back(record);
    result.growth.hidden_per_epoch.push_back(hidden);
  }
  result.epochs_run = offset + finishing.epochs_run;
  result.growth.finish_iterations = finishing.epochs_run;
  if (split_loss(net, run.split.validation, run.task) < grown_loss)
    result.best_epoch = offset + finishing.best_epoch;
  else
    net.parameters() = grown;
}

}  // namespace

void train_with_growth(Network& net, TrainingRun& run, const GrowthConfig& config, const Recipe* finish) {
  const bool lbfgs = finish != nullptr && finish->optimizer == Optimizer::lbfgs;
  GrowthConfig growth = config;
  // The default plateau window (GrowthConfig::morph_patience): longer stages where the recipe is patient.
  const bool patient_stages = lbfgs && growth.lbfgs_stages && finish->patience < finish->max_epochs;
  if (!growth.morph_patience) growth.morph_patience = patient_stages ? 30 : 8;
  if (!lbfgs || !growth.lbfgs_stages) {
    GrowthLoop loop(net, run, growth);
    loop.run();
    if (lbfgs) finish_with_lbfgs(net, run, *finish);
    return;
  }
  // In L-BFGS stages the run follows the recipe for the data size, restarts included: each attempt grows
  // from its own initial seed weights (the first from `net`'s, so one attempt is the plain run), and the
  // attempt whose final network has the lowest validation loss is kept, with its history and events.
  TrainResult& result = run.result;
  result.recipe = *finish;
  result.recipe.name = "L-BFGS stages + weight decay";
  result.recipe.reason = "--grow: the recipe for the data size, architecture changes between stages";
  const std::vector<std::size_t> seed_widths = net.widths();
  const Activation hidden = net.activation(0), output = net.activation(net.layer_count() - 1);
  double kept_loss = INFINITY;
  for (std::size_t attempt = 0; attempt < std::max<std::size_t>(finish->restarts, 1); ++attempt) {
    Random init_rng(derive_seed(run.config.seed, 100 + attempt));
    const Init init = run.config.init.value_or(Init::xavier);  // as the first attempt's seed weights
    Network candidate = attempt == 0 ? net : Network(seed_widths, hidden, output, init, net.max_rows(), init_rng);
    TrainResult attempt_result;
    TrainingRun attempt_run{run.split, run.task, *finish, run.config, attempt_result, run.start};
    grow_with_lbfgs(candidate, attempt_run, growth, *finish);
    finish_with_lbfgs(candidate, attempt_run, *finish);
    const double loss = split_loss(candidate, run.split.validation, run.task);
    if (loss < kept_loss) {
      kept_loss = loss;
      net = std::move(candidate);
      result.history = std::move(attempt_result.history);
      result.growth = std::move(attempt_result.growth);
      result.epochs_run = attempt_result.epochs_run;
      result.best_epoch = attempt_result.best_epoch;
    }
  }
}

}  // namespace ember::trainer
