# Cortex-M33 (Armv8-M Mainline) with single-precision FPU, hard-float ABI, on QEMU's mps2-an505, running
# in the secure state from the secure aliases of its SSRAMs.
set(EMBER_TARGET_NAME cortex-m33)
set(EMBER_BOARD mps2-an505)
set(EMBER_QEMU_MACHINE mps2-an505)
set(EMBER_INSTRUCTIONS_PER_TICK 50)
set(EMBER_CPU_FLAGS "-mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
