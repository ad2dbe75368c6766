#!/usr/bin/env bash
# Code flash for load + run of the 5D model (docs/targets.md, "The minimal integration image"): for each
# Cortex-M preset, the minimal images' text + data less the baseline image's (the same main without Ember)
# less the blob's bytes, then every symbol the image has and the baseline has not, by size, from
# `arm-none-eabi-nm --size-sort`. Reads the preset's own build tree; build it first:
#
#   cmake --preset cortex-m4f && cmake --build build/cortex-m4f -j2 --target firmware_5d_minimal \
#       firmware_5d_minimal_baseline firmware_5d_minimal_int8
#   scripts/flash-footprint.sh                       # cortex-m4f, float and int8, with the symbol tables
#   scripts/flash-footprint.sh cortex-m3 cortex-m0   # other presets
#   scripts/flash-footprint.sh --totals cortex-m4f cortex-m3 cortex-m33 cortex-m7 cortex-m0   # totals only
#
# Prints Markdown. Symbols of the data and bss sections (the arena, the model object) and the blob itself are
# listed but not code; the load + run figure counts flash only (text + data), as arm-none-eabi-size does.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

totals_only=no
presets=()
for arg in "$@"; do
  case "$arg" in
    --totals) totals_only=yes ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) presets+=("$arg") ;;
  esac
done
[ ${#presets[@]} -gt 0 ] || presets=(cortex-m4f)

for tool in arm-none-eabi-size arm-none-eabi-nm; do
  command -v "$tool" >/dev/null || { echo "flash-footprint: $tool not found (apt-get install gcc-arm-none-eabi)" >&2; exit 1; }
done

flash_bytes() {  # text + data of an image
  arm-none-eabi-size "$1" | awk 'NR == 2 { print $1 + $2 }'
}

symbols() {  # "size type name" of every sized symbol, sorted
  arm-none-eabi-nm -S -C --size-sort -t d "$1" | awk '{ size = $2 + 0; type = $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); print size "\t" type "\t" $0 }' | sort
}

declare -A rows
for preset in "${presets[@]}"; do
  dir=build/$preset/examples/firmware-5d
  baseline=$dir/firmware_5d_minimal_baseline.elf
  [ -f "$baseline" ] || { echo "flash-footprint: $baseline missing; build the preset first (see --help)" >&2; exit 1; }
  base=$(flash_bytes "$baseline")
  for kind in float int8; do
    if [ $kind = float ]; then image=$dir/firmware_5d_minimal.elf; blob=examples/firmware-5d/model_5d.ember
    else image=$dir/firmware_5d_minimal_int8.elf; blob=examples/firmware-5d/int8/model_5d.ember; fi
    [ -f "$image" ] || { echo "flash-footprint: $image missing; build the preset first (see --help)" >&2; exit 1; }
    total=$(flash_bytes "$image")
    blob_bytes=$(stat -c %s "$blob")
    rows[$preset,$kind]="$total $base $blob_bytes $((total - base - blob_bytes))"
    if [ $totals_only = no ]; then
      echo "### $preset, $kind: load + run = $total - $base - $blob_bytes = **$((total - base - blob_bytes)) bytes**"
      echo
      echo "| bytes | type | symbol (in $(basename "$image"), not in the baseline) |"
      echo "| ---: | --- | --- |"
      comm -13 <(symbols "$baseline") <(symbols "$image") | sort -t$'\t' -k1,1nr |
        awk -F'\t' '{ printf "| %s | %s | `%s` |\n", $1, $2, $3 }'
      echo
    fi
  done
done

header="| figure (bytes) |"; rule="| --- |"
for preset in "${presets[@]}"; do header+=" $preset |"; rule+=" ---: |"; done
echo "$header"
echo "$rule"
for kind in float int8; do
  for i in 0 1 2 3; do
    case $i in
      0) label="$kind image: text + data" ;;
      1) label="baseline image without Ember" ;;
      2) label="$kind model blob" ;;
      3) label="**$kind: code flash for load + run**" ;;
    esac
    line="| $label |"
    for preset in "${presets[@]}"; do
      read -r -a v <<<"${rows[$preset,$kind]}"
      if [ $i = 3 ]; then line+=" **${v[$i]}** |"; else line+=" ${v[$i]} |"; fi
    done
    echo "$line"
  done
done
