// Training the 5D interpolator (x ~ N(0,1)^5, y = sum x_i^2 + N(0, 0.1^2), seed 42) at several data set
// sizes, each run in its own forked process so that its peak resident memory is its own.
#ifndef EMBER_BENCH_TRAINING_BENCH_HPP
#define EMBER_BENCH_TRAINING_BENCH_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ember/bench/stopwatch.hpp"
#include "ember/trainer/trainer.hpp"

namespace ember::bench {

constexpr std::size_t kTaskFeatures = 5;
constexpr double kTaskNoise = 0.1;
constexpr std::uint64_t kTaskSeed = 42;

// The task's training configuration: [64, 32, 16] ReLU, 60/20/20, Ember's default recipe for the size.
trainer::TrainConfig task_config(std::size_t max_epochs);
trainer::Dataset task_data(std::size_t samples);

// One training run, as measured inside its child process.
struct TrainingRun {
  double wall_seconds = 0;  // monotonic clock around trainer::train
  double cpu_seconds = 0;   // the child's CPU time around trainer::train (steadier on a loaded machine)
  std::size_t epochs = 0;
  std::size_t train_rows = 0;
  std::size_t baseline_rss = 0;  // VmRSS of the child right after fork, before training (bytes)
  std::size_t peak_rss = 0;      // getrusage ru_maxrss of the child (bytes)
  double average_rss = 0;        // mean of VmRSS samples every 2 ms during training (bytes)
  trainer::RegressionMetrics test;
};

// Prediction through the runtime over the test split, in its own child as well.
struct PredictionMemory {
  std::size_t baseline_rss = 0;
  std::size_t peak_rss = 0;
  double average_rss = 0;
  double seconds = 0;
};

struct SizeResults {
  std::size_t samples = 0;
  std::vector<TrainingRun> runs;  // one per repeat
  TimingSummary wall;             // over runs
  TimingSummary cpu;              // over runs
  PredictionMemory prediction;
};

struct TrainingResults {
  std::vector<SizeResults> sizes;
  std::vector<std::uint8_t> blob;  // the model trained on the largest size (first repeat)
  std::vector<float> test_x;       // its test split, original units (rows x 5)
  std::vector<float> test_y;
};

// Sizes in the given order; `repeats` timed runs each after one untimed warm-up run on the smallest size.
TrainingResults measure_training(const std::vector<std::size_t>& sizes, std::size_t repeats,
                                 std::size_t max_epochs);

}  // namespace ember::bench

#endif  // EMBER_BENCH_TRAINING_BENCH_HPP
