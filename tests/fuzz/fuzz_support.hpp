// What every fuzz target shares: which exceptions are a clean refusal of bad input (a one-line message in
// the CLI) and which are findings. std::bad_alloc and std::length_error mean a size from the input reached
// an allocation unchecked (docs/reliability.md, caps), so they abort like a crash does.
#ifndef EMBER_TESTS_FUZZ_SUPPORT_HPP
#define EMBER_TESTS_FUZZ_SUPPORT_HPP

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <stdexcept>

namespace ember_fuzz {

template <typename Body>
void expect_clean_refusal(Body&& body) {
  try {
    body();
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "finding: std::bad_alloc (a size from the input reached an allocation)\n");
    std::abort();
  } catch (const std::length_error& e) {
    std::fprintf(stderr, "finding: std::length_error: %s\n", e.what());
    std::abort();
  } catch (const std::exception&) {
    // invalid_argument / runtime_error / json parse errors: the input was refused with a message.
  }
}

// A finding that is not a crash: print why, then abort so libFuzzer saves the input.
[[noreturn]] inline void finding(const char* what) {
  std::fprintf(stderr, "finding: %s\n", what);
  std::abort();
}

}  // namespace ember_fuzz

#endif  // EMBER_TESTS_FUZZ_SUPPORT_HPP
