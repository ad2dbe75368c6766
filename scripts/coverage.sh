#!/usr/bin/env bash
# Line coverage of one test executable over chosen source files, with clang 14's source-based coverage:
# configures build/coverage from the `host` preset (clang-14, -fprofile-instr-generate -fcoverage-mapping),
# builds and runs only that test, and prints llvm-cov-14's report for the files.
#   scripts/coverage.sh TEST_TARGET [SOURCE ...]
#   scripts/coverage.sh runtime_unit_tests_portable runtime/src/kernels/dense_f32_tile.cpp
# (Fuzz corpora have their own: scripts/fuzz.sh --coverage TARGET.)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/coverage.sh TEST_TARGET [SOURCE ...]}
shift
dir=build/coverage
flags="-fprofile-instr-generate -fcoverage-mapping"
if [ ! -f "$dir/CMakeCache.txt" ]; then
  CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache} CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-ccache} \
    cmake --preset host -B "$dir" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
fi
cmake --build "$dir" -j2 --target "$target" >/dev/null
binary=$(find "$dir" -type f -name "$target" -perm -u+x | head -1)
[ -n "$binary" ] || { echo "no executable named $target under $dir" >&2; exit 2; }
rm -f "$dir/$target.profraw"
LLVM_PROFILE_FILE="$dir/$target.profraw" "$binary" >/dev/null
llvm-profdata-14 merge -sparse "$dir/$target.profraw" -o "$dir/$target.profdata"
llvm-cov-14 report "$binary" -instr-profile="$dir/$target.profdata" "$@"
