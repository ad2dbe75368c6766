// Proves the runtime allocates nothing on the heap while loading and running: every allocation entry
// point (operator new in all forms, and malloc/calloc/realloc/free through the linker's --wrap) counts
// while a window is open.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "ember/ember.h"
#include "ember/export/blob_writer.hpp"
#include "ember/model.hpp"
#include "golden_model.hpp"

namespace {
std::atomic<bool> counting{false};
std::atomic<int> allocations{0};
void note() {
  if (counting.load()) allocations.fetch_add(1);
}
}  // namespace

extern "C" {
void* __real_malloc(std::size_t);
void* __real_calloc(std::size_t, std::size_t);
void* __real_realloc(void*, std::size_t);
void __real_free(void*);
void* __wrap_malloc(std::size_t n) { note(); return __real_malloc(n); }
void* __wrap_calloc(std::size_t a, std::size_t b) { note(); return __real_calloc(a, b); }
void* __wrap_realloc(void* p, std::size_t n) { note(); return __real_realloc(p, n); }
void __wrap_free(void* p) { if (p) note(); __real_free(p); }
}

void* operator new(std::size_t n) { note(); if (void* p = std::malloc(n ? n : 1)) return p; throw std::bad_alloc(); }
void* operator new[](std::size_t n) { note(); if (void* p = std::malloc(n ? n : 1)) return p; throw std::bad_alloc(); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

TEST(Runtime, AllocatesNothingDuringLoadAndRun) {
  const auto blob = ember::exporters::write_blob(golden::model());
  std::vector<float> aligned(blob.size() / 4);
  std::memcpy(aligned.data(), blob.data(), blob.size());
  alignas(16) static float arena[64];
  float in[5] = {1, 2, 3, 4, 5}, out[3], batch_in[10] = {0}, batch_out[6];
  static ember_model c_model;

  // Sanity: the counter works.
  counting = true;
  void* volatile probe = std::malloc(8);  // volatile: keeps the compiler from eliding the pair
  counting = false;
  std::free(probe);
  ASSERT_EQ(allocations.exchange(0), 1);

  counting = true;
  ember::Model model;
  const ember::Status s = model.load(aligned.data(), blob.size(), arena, sizeof arena);
  for (int i = 0; i < 100; ++i) model.run(in, out);
  model.run_batch(batch_in, 2, batch_out);
  ember::ModelInfo info;
  ember::inspect_blob(aligned.data(), blob.size(), &info);
  ember_load(&c_model, aligned.data(), blob.size(), arena, sizeof arena);
  ember_run(&c_model, in, out);
  counting = false;
  EXPECT_EQ(s, ember::Status::ok);
  EXPECT_EQ(allocations.load(), 0);
}
