/* What a platform gives the profiler: a clock, a way to measure stack use, and (on a device) the image's
 * flash and RAM figures. Each target fills one of these (targets/common for Cortex-M boards,
 * tools/profile for the host); the profiler itself never knows which platform it runs on. C, so C
 * firmware can pass it along. */
#ifndef EMBER_PROBE_PROBE_ENV_H
#define EMBER_PROBE_PROBE_ENV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of the running image, split by what they are for. */
typedef struct ember_image_footprint {
  uint32_t flash_total;     /* everything programmed into flash: code, constants, .data initializers */
  uint32_t flash_runtime;   /* the inference runtime (loader, validator, kernels, C API) */
  uint32_t flash_profiler;  /* probes and the table renderer */
  uint32_t ram_static;      /* .data + .bss, including the arena when the firmware owns it statically */
  uint32_t ram_runtime;     /* .data + .bss of the inference runtime itself (0: it keeps no state) */
  uint32_t ram_profiler;    /* .data + .bss of the probes (the profile result they fill) */
  uint32_t stack_reserved;  /* the stack the linker script sets aside */
} ember_image_footprint;

typedef struct ember_probe_env {
  const char* target;        /* e.g. "cortex-m4f (mps2-an386 under QEMU)" */
  const char* clock_source;  /* e.g. "SysTick, QEMU -icount shift=0" */
  const char* unit;          /* unit of now(): "instructions", "cycles" or "ns" */
  /* Monotonic counter in `unit`s. */
  uint64_t (*now)(void);
  /* Runs fn(context) and returns the bytes of stack it used below the caller's frame: the stack is
   * painted with a pattern before the call and scanned for the deepest overwritten byte after it. */
  uint32_t (*stack_used)(void (*fn)(void*), void* context);
  /* Fills the image footprint and returns 1, or returns 0 where there is no image to measure (the host). */
  int (*image_footprint)(ember_image_footprint* out);
  /* Measurements are repeated this many times and the smallest figure is kept (>= 1). */
  uint32_t repeats;
} ember_probe_env;

#ifdef __cplusplus
}
#endif

#endif /* EMBER_PROBE_PROBE_ENV_H */
