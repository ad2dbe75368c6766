# 64-bit Arm Linux (Debian's aarch64-linux-gnu cross GCC), run through qemu-user: the runtime and its
# unit tests as ordinary Linux executables on another architecture (little-endian, 64-bit pointers, NEON).
# No board layer and no firmware images: targets/CMakeLists.txt returns early for hosted targets.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# -ffp-contract=off: GCC fuses a*b+c into one FMA on aarch64 by default, rounding once instead of twice;
# the host (x86-64 baseline) rounds twice. Without fusing, the results match the host's bit for bit.
set(CMAKE_C_FLAGS_INIT "-ffp-contract=off")
set(CMAKE_CXX_FLAGS_INIT "-ffp-contract=off")

# -L: where qemu-user finds the aarch64 dynamic loader and shared libraries.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)

set(EMBER_HOSTED_TARGET ON CACHE BOOL "A cross target with an operating system: no board layer or firmware")
set(EMBER_TARGET_NAME aarch64 CACHE STRING "Preset-style target name")
