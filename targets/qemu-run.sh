#!/bin/sh
# Runs a Cortex-M image under QEMU with semihosting: output on stdout, the firmware's exit status as ours.
# Usage: qemu-run.sh <machine> <image.elf> [args...]   (args reach the firmware's semihosting command line)
# -icount shift=0 makes QEMU run one instruction per virtual nanosecond, so SysTick counts are
# deterministic; the timeout keeps a hung image from hanging ctest.
set -eu
machine=$1
image=$2
shift 2
config="enable=on,target=native,arg=$image"
for a in "$@"; do config="$config,arg=$a"; done
exec timeout 120 qemu-system-arm -M "$machine" -nographic -monitor none -serial null \
  -icount shift=0 -semihosting-config "$config" -kernel "$image"
