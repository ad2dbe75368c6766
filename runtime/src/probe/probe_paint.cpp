#include "ember/probe/stack_paint.h"

extern "C" {

void ember_paint_words(uint32_t* begin, uint32_t* end) {
  // volatile: the compiler must not turn this into a memset call, whose frame would land in the stack
  // region a board is painting.
  for (volatile uint32_t* p = begin; p < end; ++p) *p = EMBER_PAINT_WORD;
}

const uint32_t* ember_lowest_touched_word(const uint32_t* begin, const uint32_t* end) {
  const volatile uint32_t* p = begin;
  while (p < end && *p == EMBER_PAINT_WORD) ++p;
  return const_cast<const uint32_t*>(p);
}

size_t ember_touched_words(const uint32_t* begin, const uint32_t* end) {
  size_t touched = 0;
  for (const volatile uint32_t* p = begin; p < end; ++p) touched += *p != EMBER_PAINT_WORD ? 1u : 0u;
  return touched;
}

}  // extern "C"
