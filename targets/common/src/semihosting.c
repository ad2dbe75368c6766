#include "semihosting.h"

#include <stdint.h>

/* Operation numbers from the Arm semihosting specification. */
enum {
  SYS_OPEN = 0x01,
  SYS_WRITE = 0x05,
  SYS_GET_CMDLINE = 0x15,
  SYS_EXIT = 0x18,
  SYS_EXIT_EXTENDED = 0x20,
};
/* ADP_Stopped_ApplicationExit: with SYS_EXIT_EXTENDED its subcode is the process exit status. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static int semihosting_call(int operation, void* parameters) {
  register int r0 __asm__("r0") = operation;
  register void* r1 __asm__("r1") = parameters;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

int semihosting_open_console(void) {
  /* ":tt" opened for writing (mode 4, "w") is the host's stdout. */
  uintptr_t block[3] = {(uintptr_t) ":tt", 4, 3};
  return semihosting_call(SYS_OPEN, block);
}

void semihosting_write(int handle, const char* text, size_t bytes) {
  uintptr_t block[3] = {(uintptr_t)handle, (uintptr_t)text, bytes};
  semihosting_call(SYS_WRITE, block);
}

void semihosting_exit(int status) {
  uintptr_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)status};
  semihosting_call(SYS_EXIT_EXTENDED, block);
  /* Only reached on a host without the extended call: a plain exit reports success or failure. */
  semihosting_call(SYS_EXIT, (void*)(uintptr_t)(status == 0 ? ADP_STOPPED_APPLICATION_EXIT : 0x20023u));
  for (;;) {
  }
}

int semihosting_command_line(char* buffer, size_t capacity) {
  uintptr_t block[2] = {(uintptr_t)buffer, capacity};
  return semihosting_call(SYS_GET_CMDLINE, block);
}
