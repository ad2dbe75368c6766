// Timing for `ember bench`: the monotonic clock (std::chrono::steady_clock) and the median-and-spread
// summary every timing table reports.
#ifndef EMBER_BENCH_STOPWATCH_HPP
#define EMBER_BENCH_STOPWATCH_HPP

#include <vector>

namespace ember::bench {

// Seconds on the monotonic clock since an arbitrary origin.
double now_seconds();

struct TimingSummary {
  double median = 0;
  double min = 0;
  double max = 0;
  // (max - min) / median, as a fraction: how far repeats wandered.
  double spread() const { return median > 0 ? (max - min) / median : 0; }
};

// Median (mean of the two middle values for an even count), min and max. Empty input gives zeros.
TimingSummary summarize(std::vector<double> samples);

// Least-squares slope of log(y) against log(x): the k of y ~ x^k. Needs two distinct positive x; returns 0
// otherwise.
double log_log_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace ember::bench

#endif  // EMBER_BENCH_STOPWATCH_HPP
