#!/usr/bin/env bash
# Static analysis of the runtime: clang-tidy (with .clang-tidy) and cppcheck. Needs a configured host build
# for compile_commands.json. Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/host/compile_commands.json ] || cmake --preset host >/dev/null
mapfile -t sources < <(find runtime/src -name '*.cpp' | sort)
status=0
echo "== clang-tidy (${#sources[@]} files)"
out=$(clang-tidy -p build/host --quiet "${sources[@]}" 2>/dev/null | grep -E "warning:|error:" || true)
[ -n "$out" ] && { echo "$out"; status=1; }
echo "== cppcheck"
cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --std=c++17 --inline-suppr \
  --suppress=invalidPointerCast -I runtime/include runtime/src || status=1
[ $status -eq 0 ] && echo "runtime is clang-tidy and cppcheck clean"
exit $status
