// Morphogenesis: what `ember train --grow` asks of the trainer (when to change the architecture, within
// which device budgets) and what it reports back (one row per event, the architecture per epoch).
// docs/morphogenesis.md describes the rules; the code is in trainer/src/morph.
#ifndef EMBER_TRAINER_GROWTH_HPP
#define EMBER_TRAINER_GROWTH_HPP

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ember/activation.hpp"

namespace ember::trainer {

// Upper bounds the grown network never exceeds; unset means unbounded. The figures are the exported
// blob's, computed by the exporter itself (footprint_of below).
struct GrowthBudget {
  std::optional<std::size_t> parameters;
  std::optional<std::size_t> flash_bytes;  // blob bytes
  std::optional<std::size_t> macs;         // multiply-accumulates per inference
  std::optional<std::size_t> arena_bytes;  // the runtime arena the blob asks for
};

struct GrowthConfig {
  // A plateau: the best validation loss has not fallen by this fraction for `morph_patience` epochs.
  double bottleneck_threshold = 0.02;
  // Adam epochs, or validation checks of an L-BFGS stage, of a plateau window. Unset: 8, except in L-BFGS
  // stages under a patient recipe (its patience below its iteration cap: 500 of 20,000 iterations up to
  // 4,000 training rows), where a stage waits 30 checks (300 iterations): under weight decay the validation
  // loss keeps falling long after the objective has flattened, and on digits shorter stages undid
  // divisions that a longer stage kept (docs/morphogenesis.md). Under the fixed 650-iteration budget above
  // 4,000 rows longer stages cost 3 times the time for the same R² on 5D 10K, so 8 there.
  std::optional<std::size_t> morph_patience;
  std::size_t max_events = 5;  // growth events (divisions and layer insertions) kept
  // L-BFGS stages: after an undone growth event, up to this many other events in a row (another layer's
  // division, or a division instead of a new layer) before growth ends; 0: growth ends at the first undone
  // event, as it always does with Adam epochs.
  std::size_t growth_retries = 2;
  // Where the recipe for the data size is L-BFGS (and no --optimizer is given): train in L-BFGS stages
  // with the recipe's weight decay and change the architecture when a stage's regularized training
  // objective stops falling (morph_patience validation checks). false: Adam epochs between events,
  // plateaus of the validation loss, as on large data sets.
  bool lbfgs_stages = true;
  bool insert_layers = true;  // identity-layer insertion (connection growth); false: division only
  // Pruning after growth: a trial is kept when its best validation loss within `morph_patience` epochs
  // is at most (1 + prune_tolerance) x the loss before it; otherwise the network goes back.
  bool prune = false;
  double prune_tolerance = 0.05;
  std::size_t max_prunes = 3;
  double prune_fraction = 0.25;  // of the hidden neurons, least salient first
  // Symmetry breaking of a division: the outgoing weights are shared 1/2 ± split_jitter (exact, since
  // the two neurons are equal) and the copy's incoming weights get N(0, perturbation x their RMS) noise.
  double split_jitter = 0.1;
  double perturbation = 0.01;
  // Connection growth as a residual block (y = x + act(W x + b), W and b from 0; any hidden activation with
  // act(0) = 0) instead of an identity layer (ReLU only). trainer/src/morph/morph_residual.hpp.
  bool residual = false;
  GrowthBudget budget;
};

// What a network of these widths (input, hidden..., output) costs once exported.
struct Footprint {
  std::size_t parameters = 0;
  std::size_t blob_bytes = 0;
  std::size_t macs = 0;
  std::size_t arena_bytes = 0;
};
Footprint footprint_of(const std::vector<std::size_t>& widths, Activation hidden, Activation output);
// The first budget `f` exceeds, as "parameters 1203 > budget 1000"; empty when it fits.
std::string budget_violation(const Footprint& f, const GrowthBudget& budget);

enum class MorphKind { divide, insert_layer, prune_dead, prune_salient, add_residual };
// "divide", "insert-layer", "prune-dead", "prune-salient", "residual"
const char* morph_kind_name(MorphKind kind);

struct MorphEvent {
  std::size_t epoch = 0;  // after this epoch's validation
  MorphKind kind = MorphKind::divide;
  std::size_t layer = 0;  // the hidden layer changed (0 = first); for prune-salient, the first one touched
  std::vector<std::size_t> hidden_before, hidden_after;
  std::size_t parameters_before = 0, parameters_after = 0;
  double validation_before = 0;  // best validation loss before the event
  double validation_after = 0;   // right after it (function-preserving events: about the same)
  // The best validation loss `morph_patience` epochs later (NaN if training stopped first).
  double validation_later = std::numeric_limits<double>::quiet_NaN();
  // Every event is on trial for morph_patience epochs: a growth that gained nothing and a pruning that
  // cost more than the tolerance are undone (false here).
  bool accepted = true;
  std::string why;       // the score that chose it, e.g. "gradient share per neuron 0.21 (layer 0)"
};

struct GrowthReport {
  std::vector<MorphEvent> events;
  std::vector<std::vector<std::size_t>> hidden_per_epoch;  // parallel to TrainResult::history
  std::size_t adam_epochs = 0;       // the growth phase, when it ran with Adam
  std::size_t stage_iterations = 0;  // the growth phase, when it ran in L-BFGS stages
  std::size_t finish_iterations = 0;  // the L-BFGS finish (0: none ran)
};

}  // namespace ember::trainer

#endif  // EMBER_TRAINER_GROWTH_HPP
