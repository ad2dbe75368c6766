/* Stack and arena painting: fill memory with a known word before a run, find how much of it the run
 * overwrote after. Used for the stack high-water (boards paint the unused stack below the caller) and the
 * arena high-water (the profiler paints the arena). A word that happens to be written with the paint
 * value counts as untouched, so figures are a lower bound by at most that coincidence. */
#ifndef EMBER_PROBE_STACK_PAINT_H
#define EMBER_PROBE_STACK_PAINT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EMBER_PAINT_WORD 0xA5C3E1F7u /* a negative float of about -2.4e-21: rare in activations */

/* Writes EMBER_PAINT_WORD into every word of [begin, end). */
void ember_paint_words(uint32_t* begin, uint32_t* end);
/* Lowest word of [begin, end) that no longer holds the paint, or `end` if all of it does. For a stack
 * that grows down from `end`, (end - result) words were used. */
const uint32_t* ember_lowest_touched_word(const uint32_t* begin, const uint32_t* end);
/* Number of words of [begin, end) that no longer hold the paint (for an arena used from both ends). */
size_t ember_touched_words(const uint32_t* begin, const uint32_t* end);

#ifdef __cplusplus
}
#endif

#endif /* EMBER_PROBE_STACK_PAINT_H */
