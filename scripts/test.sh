#!/usr/bin/env bash
# Installs what is missing, then configures, builds and tests every preset in CMakePresets.json:
# the host (Release), host-debug (ASan + UBSan) and each Cortex-M target through QEMU.
# Usage: ./scripts/test.sh [preset ...]   (default: all configure presets)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ember_install_deps

if [ $# -gt 0 ]; then
  presets=("$@")
else
  mapfile -t presets < <(cmake --list-presets=configure | sed -n 's/^ *"\([^"]*\)".*/\1/p')
fi

failed=()
for preset in "${presets[@]}"; do
  echo "=== $preset: configure, build, test"
  start=$SECONDS
  if cmake --preset "$preset" >/dev/null &&
     cmake --build --preset "$preset" -j2 &&
     ctest --preset "$preset"; then
    echo "=== $preset: ok ($((SECONDS - start)) s)"
  else
    echo "=== $preset: FAILED ($((SECONDS - start)) s)"
    failed+=("$preset")
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "failed presets: ${failed[*]}"
  exit 1
fi
echo "all presets passed: ${presets[*]}"
