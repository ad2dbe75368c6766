# Cortex-M4 with single-precision FPU, hard-float ABI, on QEMU's mps2-an386 (25 MHz system clock).
set(EMBER_TARGET_NAME cortex-m4f)
set(EMBER_BOARD mps2-an386)
set(EMBER_QEMU_MACHINE mps2-an386)
set(EMBER_INSTRUCTIONS_PER_TICK 40)
set(EMBER_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
