/* The few system calls newlib-nano needs, over semihosting: stdout/stderr go to the host, exit() ends the
 * QEMU run with main()'s status, and the heap (used only by stdio buffers) lies between .bss and the stack. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "semihosting.h"

/* With -nostartfiles there is no crt: these are the pieces of it that C and C++ code expects. */
void* __dso_handle = 0;
void _init(void) {}
void _fini(void) {}

extern char __heap_start, __heap_end;

static int console = -1;

static int console_handle(void) {
  if (console < 0) console = semihosting_open_console();
  return console;
}

int _write(int fd, const char* text, int bytes) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  semihosting_write(console_handle(), text, (size_t)bytes);
  return bytes;
}

int _read(int fd, char* buffer, int bytes) {
  (void)fd;
  (void)buffer;
  (void)bytes;
  return 0;
}

void* _sbrk(ptrdiff_t increment) {
  static char* end = &__heap_start;
  if (increment > &__heap_end - end) {
    errno = ENOMEM;
    return (void*)-1;
  }
  char* previous = end;
  end += increment;
  return previous;
}

void _exit(int status) { semihosting_exit(status); }
int _close(int fd) { (void)fd; return -1; }
int _fstat(int fd, struct stat* st) { (void)fd; st->st_mode = S_IFCHR; return 0; }
int _isatty(int fd) { return fd <= 2; }
int _lseek(int fd, int offset, int whence) { (void)fd; (void)offset; (void)whence; return 0; }
int _kill(int pid, int signal) { (void)pid; (void)signal; errno = EINVAL; return -1; }
int _getpid(void) { return 1; }

void ember_board_write_console(const char* text, size_t bytes) { semihosting_write(console_handle(), text, bytes); }
