# Cortex-M7 with double-precision FPU, hard-float ABI, on QEMU's mps2-an500 (25 MHz system clock).
set(EMBER_TARGET_NAME cortex-m7)
set(EMBER_BOARD mps2-an500)
set(EMBER_QEMU_MACHINE mps2-an500)
set(EMBER_INSTRUCTIONS_PER_TICK 40)
set(EMBER_CPU_FLAGS "-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
