// A unit-test framework small enough for a Cortex-M under QEMU: tests register themselves, run in order,
// report failures with file and line, and main() ends with "N passed, N failed" and a matching exit code.
// Output goes through printf, which targets route to semihosting.
#ifndef EMBER_TESTS_UNIT_TEST_HPP
#define EMBER_TESTS_UNIT_TEST_HPP

#include <stdio.h>

namespace unit {

struct TestCase {
  const char* name;
  void (*body)();
  TestCase* next;
};

struct Registry {
  TestCase* first = nullptr;
  TestCase* last = nullptr;
  int failures_in_current = 0;
};

inline Registry& registry() {
  static Registry r;
  return r;
}

struct Registrar {
  Registrar(TestCase* test) {
    Registry& r = registry();
    (r.last ? r.last->next : r.first) = test;
    r.last = test;
  }
};

inline void fail(const char* file, int line, const char* what) {
  ++registry().failures_in_current;
  printf("  %s:%d: check failed: %s\n", file, line, what);
}

inline int run_all() {
  int passed = 0, failed = 0;
  for (TestCase* t = registry().first; t != nullptr; t = t->next) {
    registry().failures_in_current = 0;
    t->body();
    if (registry().failures_in_current == 0) {
      ++passed;
      printf("[ ok ] %s\n", t->name);
    } else {
      ++failed;
      printf("[FAIL] %s\n", t->name);
    }
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}

}  // namespace unit

#define UNIT_CONCAT2(a, b) a##b
#define UNIT_CONCAT(a, b) UNIT_CONCAT2(a, b)

// TEST_CASE(rejects_a_truncated_blob) { ... }
#define TEST_CASE(name)                                                                  \
  static void UNIT_CONCAT(test_body_, name)();                                           \
  static unit::TestCase UNIT_CONCAT(test_case_, name) = {#name, &UNIT_CONCAT(test_body_, name), nullptr}; \
  static unit::Registrar UNIT_CONCAT(test_registrar_, name)(&UNIT_CONCAT(test_case_, name));            \
  static void UNIT_CONCAT(test_body_, name)()

#define CHECK(condition) \
  ((condition) ? (void)0 : unit::fail(__FILE__, __LINE__, #condition))

// Checks and returns from the test on failure (for preconditions the rest depends on).
#define REQUIRE(condition)                              \
  do {                                                  \
    if (!(condition)) {                                 \
      unit::fail(__FILE__, __LINE__, #condition);       \
      return;                                           \
    }                                                   \
  } while (0)

#define UNIT_TEST_MAIN() \
  int main() { return unit::run_all(); }

#endif  // EMBER_TESTS_UNIT_TEST_HPP
