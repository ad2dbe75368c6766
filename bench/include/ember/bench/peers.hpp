// The Python peers of `ember bench --peers` (scripts in bench/peers/): scikit-learn's MLPRegressor, PyTorch,
// and classical scikit-learn regressors, fed the exact rows Ember's trainer uses, one thread each.
#ifndef EMBER_BENCH_PEERS_HPP
#define EMBER_BENCH_PEERS_HPP

#include <cstddef>
#include <string>
#include <vector>

#include "ember/trainer/metrics.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::bench {

struct PeerResult {
  std::string peer;
  double train_seconds = 0;  // the script's monotonic clock around training (standardization included)
  double cpu_seconds = 0;    // the script's process CPU time around training, when it reports it
  std::size_t epochs = 0;    // networks only
  std::size_t rss_after_imports = 0;
  std::size_t peak_rss = 0;  // ru_maxrss of the Python process: interpreter and libraries included
  std::size_t model_bytes = 0;  // pickle (scikit-learn) or torch.save (PyTorch) size
  trainer::RegressionMetrics test;
  double single_seconds = 0;  // one-row predict call, median
  double batch_seconds = 0;   // one `batch`-row predict call, median
  std::size_t batch = 0;
};

// The interpreter: $EMBER_PEER_PYTHON, else /usr/bin/python3 (Debian's, where python3-sklearn installs).
std::string peer_python();
// Empty when the peers can run; otherwise a one-line explanation with the command that installs them.
std::string peers_missing_message();

// Writes the task's split (train/validation/test rows in original units, exactly as the trainer splits
// them for `samples` rows) under `dir` in the layout peer_common.py reads.
void write_peer_data(const std::string& dir, std::size_t samples);
// The same for any data set and split configuration (`ember train --peer-data`).
void write_peer_data(const std::string& dir, const trainer::Dataset& data, const trainer::TrainConfig& config);

// Runs bench/peers/<script> DATA_DIR <args...> with OMP/BLAS threads pinned to 1 and parses its result.
// Throws std::runtime_error with the script's last output line if it fails.
PeerResult run_peer(const std::string& script, const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace ember::bench

#endif  // EMBER_BENCH_PEERS_HPP
