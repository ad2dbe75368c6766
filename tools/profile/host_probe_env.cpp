#include "ember/profile/host_probe_env.h"

#include <pthread.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "ember/probe/stack_paint.h"

namespace {

uint64_t steady_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

// 1 MiB: room for the run under AddressSanitizer, whose frames are several times larger.
constexpr std::size_t kStackBytes = 1u << 20;

struct StackRun {
  void (*fn)(void*);
  void* context;
  const char* entry_frame;  // address of a local in the thread's first frame
};

void* run_on_painted_stack(void* argument) {
  StackRun* run = static_cast<StackRun*>(argument);
  volatile char entry_marker = 0;
  run->entry_frame = const_cast<const char*>(&entry_marker);
  run->fn(run->context);
  return nullptr;
}

// The calling thread's stack cannot be painted safely on a host, so fn runs on a fresh thread whose
// stack is our painted buffer; usage counts from that thread's first frame down to the deepest write.
uint32_t host_stack_used(void (*fn)(void*), void* context) {
  std::vector<uint32_t> stack(kStackBytes / sizeof(uint32_t));
  ember_paint_words(stack.data(), stack.data() + stack.size());
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstack(&attributes, stack.data(), kStackBytes);
  StackRun run{fn, context, nullptr};
  pthread_t thread;
  const int created = pthread_create(&thread, &attributes, run_on_painted_stack, &run);
  pthread_attr_destroy(&attributes);
  if (created != 0) throw std::runtime_error("profile: cannot start the stack-measuring thread");
  pthread_join(thread, nullptr);
  const uint32_t* deepest = ember_lowest_touched_word(stack.data(), stack.data() + stack.size());
  const char* deepest_byte = reinterpret_cast<const char*>(deepest);
  return run.entry_frame > deepest_byte ? static_cast<uint32_t>(run.entry_frame - deepest_byte) : 0u;
}

}  // namespace

extern "C" ember_probe_env ember_host_probe_env(uint32_t repeats) {
#if defined(__x86_64__)
  static const char* target = "host (x86_64)";
#elif defined(__aarch64__)
  static const char* target = "host (aarch64)";
#else
  static const char* target = "host";
#endif
  return ember_probe_env{target, "std::chrono::steady_clock", "ns", steady_ns, host_stack_used, nullptr,
                         repeats == 0 ? 1u : repeats};
}
