#!/bin/sh
# Digits anomaly evaluation: train the digits classifier on clean rows, then score clean and corrupted
# windows with `ember analyze` (NN-EEG, NN-fMRI and combined distances) beside the max-softmax baseline.
# Usage: examples/digits-anomaly/run.sh [path/to/ember] [path/to/digits.csv] [work dir]
set -eu
EMBER=${1:-build/host/ember}
DIGITS=${2:-$(dirname "$0")/../../tests/data/digits.csv}
WORK=${3:-build/digits-anomaly}
HERE=$(dirname "$0")
mkdir -p "$WORK"
python3 "$HERE/make_streams.py" "$DIGITS" "$WORK"
"$EMBER" train --data "$WORK/train.csv" --target digit --task classify --hidden 64 --out "$WORK/digits.ember" > "$WORK/train.log"
for kind in noise occlusion shuffle mixed; do
  echo "## Corruption: $kind"
  "$EMBER" analyze "$WORK/digits.ember" --reference "$WORK/reference.csv" --data "$WORK/test_$kind.csv" \
    --target digit --label anomaly --window 32 --grid 8 --out "$WORK/$kind"
  echo
done
