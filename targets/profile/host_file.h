/* The profile firmware's two questions to the host, over Arm semihosting: which model file it was started
 * with, and that file's bytes. The board layer (targets/common) offers the console and the exit status
 * only; reading a host file is this firmware's job alone, so it lives here. */
#ifndef EMBER_PROFILE_HOST_FILE_H
#define EMBER_PROFILE_HOST_FILE_H

#include <stddef.h>

/* Copies the first argument after the image that does not start with "--" (the model's path on the host)
 * into `path`. Returns 0 on success, -1 when there is none or it does not fit. */
int host_file_model_path(char* path, size_t capacity);

/* Reads the whole host file `path` into `buffer`. Returns its size in bytes, -1 when it cannot be opened
 * or read, -2 when it is larger than `capacity`. */
long host_file_read(const char* path, void* buffer, size_t capacity);

#endif /* EMBER_PROFILE_HOST_FILE_H */
