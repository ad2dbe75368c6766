#include "host_file.h"

#include <stdint.h>
#include <string.h>

/* Operation numbers from the Arm semihosting specification. */
enum { SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_READ = 0x06, SYS_FLEN = 0x0C, SYS_GET_CMDLINE = 0x15 };
/* SYS_OPEN mode 1 is fopen's "rb". */
#define OPEN_READ_BINARY 1u

static int semihosting_call(int operation, void* parameters) {
  register int r0 __asm__("r0") = operation;
  register void* r1 __asm__("r1") = parameters;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

int host_file_model_path(char* path, size_t capacity) {
  static char line[512];
  uintptr_t block[2] = {(uintptr_t)line, sizeof line};
  if (semihosting_call(SYS_GET_CMDLINE, block) != 0) return -1;
  const char* p = line;
  int argument = 0;
  while (*p != 0) {
    while (*p == ' ') ++p;
    const char* end = p;
    while (*end != 0 && *end != ' ') ++end;
    /* Argument 0 is the image itself. */
    if (argument++ > 0 && end > p && strncmp(p, "--", 2) != 0) {
      const size_t length = (size_t)(end - p);
      if (length + 1 > capacity) return -1;
      memcpy(path, p, length);
      path[length] = 0;
      return 0;
    }
    p = end;
  }
  return -1;
}

long host_file_read(const char* path, void* buffer, size_t capacity) {
  uintptr_t open_block[3] = {(uintptr_t)path, OPEN_READ_BINARY, strlen(path)};
  const int handle = semihosting_call(SYS_OPEN, open_block);
  if (handle == -1) return -1;
  uintptr_t handle_block[1] = {(uintptr_t)handle};
  const int length = semihosting_call(SYS_FLEN, handle_block);
  long result = length;
  if (length < 0) {
    result = -1;
  } else if ((size_t)length > capacity) {
    result = -2;
  } else {
    uintptr_t read_block[3] = {(uintptr_t)handle, (uintptr_t)buffer, (uintptr_t)length};
    /* SYS_READ returns the number of bytes it did not read. */
    if (semihosting_call(SYS_READ, read_block) != 0) result = -1;
  }
  semihosting_call(SYS_CLOSE, handle_block);
  return result;
}
