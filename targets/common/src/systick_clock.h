#ifndef EMBER_TARGET_SYSTICK_CLOCK_H
#define EMBER_TARGET_SYSTICK_CLOCK_H

#include <stdint.h>

/* Instructions executed since the first call, counted by SysTick (see systick_clock.c). */
uint64_t systick_instructions(void);

#endif /* EMBER_TARGET_SYSTICK_CLOCK_H */
