/* Arm semihosting: the debugger (here QEMU) services requests the firmware makes with `bkpt 0xAB`. */
#ifndef EMBER_TARGET_SEMIHOSTING_H
#define EMBER_TARGET_SEMIHOSTING_H

#include <stddef.h>

int semihosting_open_console(void);
void semihosting_write(int handle, const char* text, size_t bytes);
/* Ends the QEMU run with `status` as its exit code. */
__attribute__((noreturn)) void semihosting_exit(int status);
/* Copies the command line (arguments separated by spaces) into `buffer`; returns 0 on success. */
int semihosting_command_line(char* buffer, size_t capacity);

#endif /* EMBER_TARGET_SEMIHOSTING_H */
