#!/usr/bin/env bash
# Installs what is missing, then configures, builds and tests every preset in CMakePresets.json:
# the host (Release), host-debug (ASan + UBSan) and each Cortex-M target through QEMU; then, on a full run,
# every shell command of README.md and examples/*/README.md (scripts/readme-commands.py).
# On a full run, or with `fuzz` among the arguments, also a libFuzzer smoke test: every target of tests/fuzz
# for a fixed number of runs from its seeds (scripts/fuzz.sh --smoke, in its own build dir build/fuzz).
# Usage: ./scripts/test.sh [preset ... | fuzz]   (default: all configure presets, the README commands, fuzz)
# Progress: one "=== [i/n] preset: step" line per step, the build's per-file lines, ctest's line per test.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
source scripts/deps.sh
ember_install_deps

fuzz_smoke=no
presets=()
if [ $# -gt 0 ]; then
  for arg in "$@"; do
    if [ "$arg" = fuzz ]; then fuzz_smoke=yes; else presets+=("$arg"); fi
  done
  readme=no
else
  fuzz_smoke=yes
  mapfile -t presets < <(cmake --list-presets=configure | sed -n 's/^ *"\([^"]*\)".*/\1/p')
  readme=yes
fi

failed=()
total=${#presets[@]}
index=0
for preset in "${presets[@]}"; do
  index=$((index + 1))
  start=$SECONDS
  log=build/$preset-configure.log
  mkdir -p build
  echo "=== [$index/$total] $preset: configure (log: $log)"
  if cmake --preset "$preset" >"$log" 2>&1 || { cat "$log"; false; }; then
    echo "=== [$index/$total] $preset: build"
    if cmake --build --preset "$preset" -j2; then
      echo "=== [$index/$total] $preset: test"
      if ctest --preset "$preset"; then
        echo "=== [$index/$total] $preset: ok ($((SECONDS - start)) s)"
        continue
      fi
    fi
  fi
  echo "=== [$index/$total] $preset: FAILED ($((SECONDS - start)) s)"
  failed+=("$preset")
done

if [ "$readme" = yes ]; then
  start=$SECONDS
  echo "=== README commands: every shell block of README.md and examples/*/README.md"
  if python3 scripts/readme-commands.py; then
    echo "=== README commands: ok ($((SECONDS - start)) s)"
  else
    echo "=== README commands: FAILED ($((SECONDS - start)) s)"
    failed+=("README commands")
  fi
fi

if [ "$fuzz_smoke" = yes ]; then
  start=$SECONDS
  echo "=== fuzz: smoke test of every target (scripts/fuzz.sh --smoke)"
  if ./scripts/fuzz.sh --smoke; then
    echo "=== fuzz: ok ($((SECONDS - start)) s)"
  else
    echo "=== fuzz: FAILED ($((SECONDS - start)) s)"
    failed+=("fuzz")
  fi
fi

if [ ${#failed[@]} -ne 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "all passed: ${presets[*]}$([ "$readme" = yes ] && echo ", README commands")$([ "$fuzz_smoke" = yes ] && echo ", fuzz smoke")"
