#!/usr/bin/env bash
# The five-minute tour: installs what is missing, builds the `ember` tool and the Cortex-M4F profile
# firmware (nothing else), trains the 5D interpolator, exports it, runs it on the host and on an emulated
# Cortex-M4F, and prints the profile tables. One line per step; the builds print one line per file.
# Everything it writes goes to build/demo/ (and the two build trees, build/host and build/cortex-m4f).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
source scripts/deps.sh
ember_install_deps

steps=9
step_number=0
start=$SECONDS
step() {
  step_number=$((step_number + 1))
  printf '\n\033[1m== [%d/%d] %s\033[0m  (%d s)\n' "$step_number" "$steps" "$*" "$((SECONDS - start))"
}

# Configure output goes to a log (shown only if it fails); builds print one line per file with a percentage.
configure() {
  local log=build/$1-configure.log
  mkdir -p build
  cmake --preset "$1" >"$log" 2>&1 || { cat "$log"; echo "configure of preset $1 failed (log: $log)"; exit 1; }
  echo "configured build/$1 (log: $log)"
}

step "configure the host build (cmake --preset host)"
configure host
step "build the ember tool only (cmake --build --preset host --target ember)"
cmake --build --preset host --target ember
ember=build/host/ember
out=build/demo
mkdir -p "$out"

step "build the Cortex-M4F profile firmware only (preset cortex-m4f, target ember_profile_firmware)"
configure cortex-m4f
cmake --build --preset cortex-m4f --target ember_profile_firmware

step "train the 5D interpolator: [5, 64, 32, 16, 1], y = sum of x^2 + noise, 10,000 samples"
$ember train --data synthetic:sum-squares --samples 10000 --seed 42 --out "$out/5d.ember" \
  --test-out "$out/test.csv"

step "inspect the blob"
$ember inspect "$out/5d.ember"

step "export a C header for firmware"
$ember export "$out/5d.ember" --out "$out/model_5d.h"
grep -E '#define|_len' "$out/model_5d.h"

step "run the blob on the held-out test rows (host runtime)"
$ember run "$out/5d.ember" --input "$out/test.csv" --target y --output "$out/predictions.csv"
head -4 "$out/predictions.csv"

step "profile on the host and on an emulated Cortex-M4F (QEMU mps2-an386)"
$ember profile "$out/5d.ember" --target cortex-m4f

step "benchmark this model (quick): inference vs batch size, per layer, memory, model size, figures"
$ember bench "$out/5d.ember" --quick --out "$out/bench"

printf '\n\033[1m== done in %d s: outputs in %s/\033[0m\n' "$((SECONDS - start))" "$out"
