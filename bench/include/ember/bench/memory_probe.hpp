// Resident memory of this process, as the memory tables measure it:
//   - peak: getrusage(RUSAGE_SELF).ru_maxrss, the kernel's high-water mark (bytes);
//   - current and average: VmRSS from /proc/self/status, sampled by a background thread.
// The runtime's own figures (arena bytes, blob bytes) come from ember::Model and are reported beside these.
#ifndef EMBER_BENCH_MEMORY_PROBE_HPP
#define EMBER_BENCH_MEMORY_PROBE_HPP

#include <atomic>
#include <cstddef>
#include <thread>

namespace ember::bench {

std::size_t peak_rss_bytes();
// 0 when /proc is not available.
std::size_t current_rss_bytes();

// Samples VmRSS every `period_ms` milliseconds from start() until stop(); average() is over the samples
// (at least one, taken at start).
class RssSampler {
 public:
  explicit RssSampler(unsigned period_ms = 2) : period_ms_(period_ms) {}
  ~RssSampler() { stop(); }
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;

  void start();
  void stop();
  double average_bytes() const { return samples_ ? sum_ / static_cast<double>(samples_) : 0.0; }
  std::size_t max_bytes() const { return max_; }
  std::size_t samples() const { return samples_; }

 private:
  void take();

  unsigned period_ms_;
  std::atomic<bool> running_{false};
  std::thread thread_;
  double sum_ = 0;
  std::size_t samples_ = 0;
  std::size_t max_ = 0;
};

}  // namespace ember::bench

#endif  // EMBER_BENCH_MEMORY_PROBE_HPP
