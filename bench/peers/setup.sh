#!/bin/sh
# Installs the Python peers of `ember bench --peers` from Debian: scikit-learn and PyTorch for the system
# interpreter /usr/bin/python3 (about 1 GB, a few minutes). Run once, as root. Tests never call this.
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "bench/peers/setup.sh: run as root (it calls apt-get)" >&2
  exit 1
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-sklearn python3-torch python3-numpy
/usr/bin/python3 -c 'import sklearn, torch, numpy; print("peers ready: scikit-learn", sklearn.__version__, "torch", torch.__version__)'
