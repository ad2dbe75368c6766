#!/bin/sh
# Rebuilds the example's files after train_digits.py: the blob from the ONNX file, its C header and the
# firmware's reference rows. Usage: sh regenerate.sh [path/to/ember]   (default: build/host/ember)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ember=${1:-$here/../../build/host/ember}
"$ember" import "$here/digits.onnx" --out "$here/digits.ember" --name digits
"$ember" export "$here/digits.ember" --out "$here/firmware/digits_model.h"
python3 "$here/firmware/make_reference.py"
