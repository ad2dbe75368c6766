#!/usr/bin/env bash
# Installs the Debian packages Ember needs, only those missing. Sourced by demo.sh and test.sh.
# As root it runs apt-get; otherwise it prints the one command to run and fails.
EMBER_PACKAGES=(
  cmake make g++ pkg-config
  libxtensor-dev libxtensor-blas-dev libopenblas-dev libkissfft-dev
  libgtest-dev libcli11-dev nlohmann-json3-dev libonnx-dev libprotobuf-dev
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
  qemu-system-arm gnuplot-nox g++-aarch64-linux-gnu qemu-user
  clang-14 libfuzzer-14-dev libclang-rt-14-dev llvm-14  # scripts/fuzz.sh: libFuzzer, ASan, llvm-cov
  python3  # scripts/readme-commands.py and the examples' scripts (standard library only)
)

ember_install_deps() {
  local missing=()
  for p in "${EMBER_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
