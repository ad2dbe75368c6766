/* A 64-bit instruction counter from the 24-bit SysTick. Under QEMU with -icount shift=0 each
 * instruction advances virtual time by 1 ns and SysTick counts at the board's system clock, so one tick
 * is EMBER_INSTRUCTIONS_PER_TICK instructions (40 at 25 MHz), exactly and deterministically. QEMU does
 * not model DWT->CYCCNT; on silicon, a board would read CYCCNT here and report "cycles". */
#include <stdint.h>

#include "systick_clock.h"

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define SYST_RELOAD 0x00FFFFFFu

static volatile uint32_t wraps; /* reloads since start: 2^24 ticks each */

void SysTick_Handler(void) { ++wraps; }

static void start(void) {
  SYST_RVR = SYST_RELOAD;
  SYST_CVR = 0;
  SYST_CSR = 0x7u; /* enable, interrupt on reload, processor clock */
  /* The write to CVR cleared it; it holds 0 until the first tick reloads it. A read in between would see
   * a full period elapsed, so wait for the reload before the first reading. */
  for (uint32_t spins = 0; SYST_CVR == 0 && spins < 1000u; ++spins) {
  }
}

uint64_t systick_instructions(void) {
  if ((SYST_CSR & 1u) == 0) start();
  uint32_t before, count, after;
  do {
    before = wraps;
    count = SYST_CVR;
    after = wraps;
  } while (before != after); /* a reload between the reads: read again */
  const uint64_t ticks = ((uint64_t)before << 24) + (SYST_RELOAD - count);
  return ticks * EMBER_INSTRUCTIONS_PER_TICK; /* an integer, or a fraction such as 125/2 (16 MHz) */
}
