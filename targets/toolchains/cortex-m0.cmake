# Cortex-M0 (Armv6-M: Thumb-1 plus a few 32-bit instructions, no FPU, no DSP extension, no unaligned
# access) on QEMU's microbit (nRF51822: 256 KB flash, 16 KB RAM). Float arithmetic goes through libgcc's
# soft-float routines; int8 layers run the portable kernel.
set(EMBER_TARGET_NAME cortex-m0)
set(EMBER_BOARD microbit)
set(EMBER_QEMU_MACHINE microbit)
# The nRF51's 16 MHz clock: one tick is 62.5 instructions under -icount shift=0 (measured: a loop of 200,000
# instructions took 3,200 ticks), written as a fraction because the clock multiplies in integers.
set(EMBER_INSTRUCTIONS_PER_TICK 125/2)
set(EMBER_TARGET_RAM_BYTES 16384 CACHE STRING "RAM of the board: tests and firmware size their buffers to it")
set(EMBER_CPU_FLAGS "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
