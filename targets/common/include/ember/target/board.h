/* What a firmware may ask of the board it runs on, without knowing which board that is. Implemented once
 * per board family in targets/common/src (Cortex-M under QEMU with semihosting). */
#ifndef EMBER_TARGET_BOARD_H
#define EMBER_TARGET_BOARD_H

#include <stddef.h>

#include "ember/probe/probe_env.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes text to the host's stdout (semihosting). Same signature as ember_profile_sink. */
void ember_board_write(void* context, const char* text, size_t bytes);

/* 1 if the firmware was started with this argument (e.g. "--json"), else 0. */
int ember_board_has_arg(const char* argument);

/* EMBER_PROFILE_JSON when started with --json, EMBER_PROFILE_CSV with --csv, else EMBER_PROFILE_MARKDOWN. */
int ember_board_table_format(void);

/* Clock, stack probe and image footprint of this board, for ember_profile_print(). */
const ember_probe_env* ember_board_probe_env(void);

#ifdef __cplusplus
}
#endif

#endif /* EMBER_TARGET_BOARD_H */
