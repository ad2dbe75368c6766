# Cortex-M3, no FPU: float arithmetic goes through libgcc's soft-float routines. QEMU mps2-an385, 25 MHz.
set(EMBER_TARGET_NAME cortex-m3)
set(EMBER_BOARD mps2-an385)
set(EMBER_QEMU_MACHINE mps2-an385)
set(EMBER_INSTRUCTIONS_PER_TICK 40)
set(EMBER_CPU_FLAGS "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
