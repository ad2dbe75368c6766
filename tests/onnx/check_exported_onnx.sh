#!/bin/sh
# ctest: exports blobs as ONNX with `ember export --format onnx`, runs onnx.checker.check_model (full check,
# with shape inference) on each, and evaluates each exported graph with NumPy (evaluate_onnx.py) against
# `ember run` on the blob. Needs a python3 with the onnx module (Debian's python3-onnx); without
# one it prints why and exits 77, which ctest reports as skipped (SKIP_RETURN_CODE).
# Usage: check_exported_onnx.sh EMBER WORK_DIR MODEL...   (EMBER_PYTHON overrides the interpreters tried)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ember=$1
work=$2
shift 2
python=
for candidate in ${EMBER_PYTHON:-python3 /usr/bin/python3}; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import onnx" >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "skipped: no python3 with the onnx module (apt-get install python3-onnx)"
  exit 77
fi
mkdir -p "$work"
for model in "$@"; do
  name=$(basename "$model")
  case "$model" in
    *.onnx) "$ember" import "$model" --out "$work/$name.ember" ; blob="$work/$name.ember" ;;
    *) blob=$model ;;
  esac
  "$ember" export "$blob" --format onnx --out "$work/$name.exported.onnx"
  exported=$work/$name.exported.onnx
  "$python" -c "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('onnx.checker accepts', sys.argv[1])" "$exported"
  "$python" "$here/evaluate_onnx.py" rows "$exported" "$work/$name.rows.csv"
  "$ember" run "$blob" --input "$work/$name.rows.csv" --output "$work/$name.predictions.csv" >/dev/null
  "$python" "$here/evaluate_onnx.py" compare "$exported" "$work/$name.rows.csv" "$work/$name.predictions.csv"
done
