/* The probe environment of a Cortex-M board under QEMU: SysTick instruction counter, stack painting
 * between the linker script's stack limit and the caller's frame, and image figures from the linker
 * script's section symbols (the same numbers arm-none-eabi-size reads from the ELF). */
#include <stdint.h>
#include <string.h>

#include "ember/probe/profile.h"
#include "ember/probe/stack_paint.h"
#include "ember/target/board.h"
#include "semihosting.h"
#include "systick_clock.h"

extern uint32_t __stack_limit, __stack_top;
extern char __flash_start, __flash_end, __data_start, __data_end, __bss_start, __bss_end;
extern char __ember_runtime_start, __ember_runtime_end, __ember_profiler_start, __ember_profiler_end;
extern char __ember_runtime_data_start, __ember_runtime_data_end, __ember_runtime_bss_start, __ember_runtime_bss_end;
extern char __ember_profiler_data_start, __ember_profiler_data_end, __ember_profiler_bss_start, __ember_profiler_bss_end;

void ember_board_write_console(const char* text, size_t bytes);

void ember_board_write(void* context, const char* text, size_t bytes) {
  (void)context;
  ember_board_write_console(text, bytes);
}

int ember_board_has_arg(const char* argument) {
  static char line[256];
  if (semihosting_command_line(line, sizeof line) != 0) return 0;
  const size_t length = strlen(argument);
  for (const char* p = line; *p != 0;) {
    while (*p == ' ') ++p;
    const char* end = p;
    while (*end != 0 && *end != ' ') ++end;
    if ((size_t)(end - p) == length && strncmp(p, argument, length) == 0) return 1;
    p = end;
  }
  return 0;
}

int ember_board_table_format(void) {
  if (ember_board_has_arg("--json")) return EMBER_PROFILE_JSON;
  if (ember_board_has_arg("--csv")) return EMBER_PROFILE_CSV;
  return EMBER_PROFILE_MARKDOWN;
}

/* Bytes of stack fn() uses below this frame. Paints from the stack limit up to 64 bytes below the current
 * stack pointer (room for the painting call's own frame), runs fn, finds the deepest overwritten word. */
static uint32_t stack_used(void (*fn)(void*), void* context) {
  uint32_t* sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  uint32_t* painted_top = sp - 16;
  ember_paint_words(&__stack_limit, painted_top);
  fn(context);
  const uint32_t* deepest = ember_lowest_touched_word(&__stack_limit, painted_top);
  return (uint32_t)((const char*)sp - (const char*)deepest);
}

static int image_footprint(ember_image_footprint* out) {
  out->flash_total = (uint32_t)(&__flash_end - &__flash_start);
  out->flash_runtime = (uint32_t)(&__ember_runtime_end - &__ember_runtime_start);
  out->flash_profiler = (uint32_t)(&__ember_profiler_end - &__ember_profiler_start);
  out->ram_static = (uint32_t)((&__data_end - &__data_start) + (&__bss_end - &__bss_start));
  out->ram_runtime = (uint32_t)((&__ember_runtime_data_end - &__ember_runtime_data_start) +
                                 (&__ember_runtime_bss_end - &__ember_runtime_bss_start));
  out->ram_profiler = (uint32_t)((&__ember_profiler_data_end - &__ember_profiler_data_start) +
                                  (&__ember_profiler_bss_end - &__ember_profiler_bss_start));
  out->stack_reserved = (uint32_t)((char*)&__stack_top - (char*)&__stack_limit);
  return 1;
}

#define EMBER_STRINGIFY2(x) #x
#define EMBER_STRINGIFY(x) EMBER_STRINGIFY2(x)

const ember_probe_env* ember_board_probe_env(void) {
  static const ember_probe_env env = {
      EMBER_TARGET_NAME " (" EMBER_BOARD " under QEMU)",
      "SysTick x " EMBER_STRINGIFY(EMBER_INSTRUCTIONS_PER_TICK) ", QEMU -icount shift=0",
      "instructions",
      systick_instructions,
      stack_used,
      image_footprint,
      4,
  };
  return &env;
}
