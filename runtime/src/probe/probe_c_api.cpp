// C entry points of the profiler, for firmware written in C. The model is the ember::Model that
// ember_load() constructed in the caller's ember_model storage (see c_api.cpp).
#include "ember/probe/profile.h"
#include "ember/probe/profile.hpp"

namespace {
// Static rather than on the stack: about 1 KB that a small device should not have to find on its stack.
ember::probe::ProfileResult profile_result;
}  // namespace

extern "C" {

int ember_profile_print(ember_model* model, const ember_profile_request* request, const ember_probe_env* env,
                        int format, ember_profile_sink sink, void* sink_context) {
  if (model == nullptr || request == nullptr || env == nullptr || sink == nullptr) {
    return static_cast<int>(ember::Status::null_argument);
  }
  if (format < EMBER_PROFILE_MARKDOWN || format > EMBER_PROFILE_JSON) return static_cast<int>(ember::Status::bad_argument);
  ember::Model* m = reinterpret_cast<ember::Model*>(model);
  const ember::Status s = ember::probe::measure(*m, *request, *env, &profile_result);
  if (s != ember::Status::ok) return static_cast<int>(s);
  ember::report::TableWriter writer(static_cast<ember::report::TableFormat>(format), sink, sink_context);
  ember::probe::write_tables(profile_result, writer);
  return static_cast<int>(ember::Status::ok);
}

void ember_profile_fill_inputs(float* values, size_t count) {
  // A 32-bit linear congruential generator (Numerical Recipes constants): integer-only, so every
  // platform produces bit-identical inputs.
  uint32_t state = 0x454D4252u;
  for (size_t i = 0; i < count; ++i) {
    state = state * 1664525u + 1013904223u;
    values[i] = static_cast<float>(state >> 8) * (4.0f / 16777216.0f) - 2.0f;
  }
}

}  // extern "C"
