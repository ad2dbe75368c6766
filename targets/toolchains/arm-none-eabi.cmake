# Shared part of every Cortex-M toolchain file: arm-none-eabi GCC, newlib-nano, dead-code elimination, and
# QEMU as the emulator so ctest runs cross-built tests. The per-architecture files set EMBER_CPU_FLAGS,
# EMBER_BOARD (a folder under targets/boards) and EMBER_QEMU_MACHINE, then include this file.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_AR arm-none-eabi-ar)
set(CMAKE_RANLIB arm-none-eabi-ranlib)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "")
# Compiler checks link nothing: a bare-metal executable needs our startup code and linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(EMBER_BOARD ${EMBER_BOARD} CACHE STRING "Board folder under targets/boards")
set(EMBER_TARGET_NAME ${EMBER_TARGET_NAME} CACHE STRING "Preset-style target name, e.g. cortex-m4f")
set(EMBER_INSTRUCTIONS_PER_TICK ${EMBER_INSTRUCTIONS_PER_TICK} CACHE STRING
    "QEMU -icount shift=0 runs 1 instruction per virtual ns; SysTick counts at the board's system clock")

# -ffp-contract=off: GCC would otherwise fuse a*b+c into one FMA on FPUs that have it (M4F, M7, M33),
# rounding once instead of twice; the host (x86-64 baseline) rounds twice. Without fusing, every target
# computes the same float32 results as the host, bit for bit.
set(CMAKE_C_FLAGS_INIT "${EMBER_CPU_FLAGS} -ffunction-sections -fdata-sections -ffp-contract=off")
set(CMAKE_CXX_FLAGS_INIT "${EMBER_CPU_FLAGS} -ffunction-sections -fdata-sections -ffp-contract=off -fno-exceptions \
-fno-rtti -fno-threadsafe-statics")
set(CMAKE_ASM_FLAGS_INIT "${EMBER_CPU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${EMBER_CPU_FLAGS} --specs=nano.specs -nostartfiles -Wl,--gc-sections")

# Every cross-built test runs as `qemu-run.sh <machine> <image> [args...]`; arguments reach the firmware
# through semihosting.
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../qemu-run.sh;${EMBER_QEMU_MACHINE})

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
