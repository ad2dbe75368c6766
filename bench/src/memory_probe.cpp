#include "ember/bench/memory_probe.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ember::bench {

std::size_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

std::size_t current_rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  std::size_t kilobytes = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmRSS:", 6) == 0) {
      kilobytes = std::strtoull(line + 6, nullptr, 10);
      break;
    }
  }
  std::fclose(f);
  return kilobytes * 1024;
}

void RssSampler::take() {
  const std::size_t rss = current_rss_bytes();
  sum_ += static_cast<double>(rss);
  ++samples_;
  if (rss > max_) max_ = rss;
}

void RssSampler::start() {
  stop();
  sum_ = 0;
  samples_ = 0;
  max_ = 0;
  take();
  running_ = true;
  thread_ = std::thread([this] {
    while (running_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(period_ms_));
      if (running_) take();
    }
  });
}

void RssSampler::stop() {
  if (!thread_.joinable()) return;
  running_ = false;
  thread_.join();
  take();
}

}  // namespace ember::bench
