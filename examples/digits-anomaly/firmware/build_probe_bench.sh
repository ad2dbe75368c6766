#!/bin/sh
# Builds and runs probe_bench.cpp on cortex-m4f (mps2-an386 under QEMU) against an existing cortex-m4f build
# tree (for its runtime library and board objects), with the flags of that tree.
# Usage: build_probe_bench.sh <model.ember> <cortex-m4f build dir> [window=64] [ember binary=build/host/ember]
set -eu
MODEL=$1
BUILD=$(cd "$2" && pwd)
WINDOW=${3:-64}
EMBER=${4:-build/host/ember}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=$BUILD/probe_bench
mkdir -p "$OUT"
"$EMBER" export "$MODEL" --format c-header --symbol probe_model --out "$OUT/probe_model.h" > /dev/null 2>&1
cmake --build "$BUILD" --target ember_runtime ember_spectral ember_board > /dev/null 2>&1
FLAGS="-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard -ffunction-sections -fdata-sections -ffp-contract=off -fno-exceptions -fno-rtti -fno-threadsafe-statics -O3 -DNDEBUG -std=c++17"
arm-none-eabi-g++ $FLAGS -I"$ROOT/runtime/include" -I"$ROOT/targets/common/include" -I"$ROOT/targets/common/src" \
  -DPROBE_WINDOW="$WINDOW" -c "$HERE/probe_bench.cpp" -o "$OUT/probe_bench.o"
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard -O2 \
  -DPROBE_MODEL_HEADER="\"$OUT/probe_model.h\"" -c "$HERE/probe_model.c" -o "$OUT/probe_model.o"
arm-none-eabi-g++ $FLAGS --specs=nano.specs -nostartfiles -Wl,--gc-sections \
  -T"$ROOT/targets/boards/mps2-an386/memory.ld" -L"$ROOT/targets/common" "$OUT/probe_bench.o" "$OUT/probe_model.o" \
  "$BUILD"/targets/CMakeFiles/ember_board.dir/common/src/*.obj "$BUILD/runtime/libember_spectral.a" "$BUILD/runtime/libember_probe.a" \
  "$BUILD/runtime/libember_table_writer.a" "$BUILD/runtime/libember_runtime.a" -o "$OUT/probe_bench.elf"
arm-none-eabi-size "$OUT/probe_bench.elf"
"$ROOT/targets/qemu-run.sh" mps2-an386 "$OUT/probe_bench.elf"
