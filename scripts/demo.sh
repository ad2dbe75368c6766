#!/usr/bin/env bash
# The five-minute tour: installs what is missing, builds, trains the 5D interpolator, exports it, runs it on
# the host and on an emulated Cortex-M4F, and prints the profile tables.
# Everything it writes goes to build/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ember_install_deps

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build (preset host)"
cmake --preset host >/dev/null
cmake --build --preset host -j2 >/dev/null
ember=build/host/ember
out=build/demo
mkdir -p "$out"

step "train the 5D interpolator: [5, 64, 32, 16, 1], y = sum of x^2 + noise, 10,000 samples"
$ember train --data synthetic:sum-squares --samples 10000 --seed 42 --out "$out/5d.ember" \
  --test-out "$out/test.csv"

step "inspect the blob"
$ember inspect "$out/5d.ember"

step "export a C header for firmware"
$ember export "$out/5d.ember" --format c-header --out "$out/model_5d.h"
grep -E '#define|_len' "$out/model_5d.h"

step "run the blob on the held-out test rows (host runtime)"
$ember run "$out/5d.ember" --input "$out/test.csv" --target y --output "$out/predictions.csv"
head -4 "$out/predictions.csv"

step "profile on the host and on an emulated Cortex-M4F (QEMU mps2-an386)"
$ember profile "$out/5d.ember" --target cortex-m4f

step "benchmark report (quick): training, memory, accuracy, inference, model size, per layer"
$ember bench --quick --out "$out/bench"

step "done: outputs in $out/"
