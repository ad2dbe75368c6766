/* The host's probe environment: std::chrono::steady_clock in nanoseconds, and stack use measured on a
 * thread whose stack is a painted buffer we own. No image footprint: the host has no flash. */
#ifndef EMBER_PROFILE_HOST_PROBE_ENV_H
#define EMBER_PROFILE_HOST_PROBE_ENV_H

#include "ember/probe/probe_env.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `repeats`: how many times each measurement runs; the host keeps the fastest (scheduling noise only
 * ever adds time). */
ember_probe_env ember_host_probe_env(uint32_t repeats);

#ifdef __cplusplus
}
#endif

#endif /* EMBER_PROFILE_HOST_PROBE_ENV_H */
