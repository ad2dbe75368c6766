#!/usr/bin/env bash
# Fuzzes Ember's input readers with libFuzzer under AddressSanitizer + UndefinedBehaviorSanitizer (Debian's
# clang 14). Builds in build/fuzz (its own build dir, not a preset); seeds come from tests/fuzz/corpus/<target>,
# the growing corpus is kept in build/fuzz/corpus/<target>, findings land in build/fuzz/findings/<target>.
#
#   scripts/fuzz.sh                  every target, 60 s each
#   scripts/fuzz.sh TARGET [SECONDS] one target (fuzz_blob_run, fuzz_json_model, fuzz_csv, fuzz_text_escape, ...)
#   scripts/fuzz.sh all SECONDS      every target, SECONDS each
#   scripts/fuzz.sh --smoke          every target for a fixed number of runs from the seeds (scripts/test.sh)
#   scripts/fuzz.sh --coverage TARGET  line coverage of runtime/ and exporters/ by the kept corpus (llvm-cov-14)
# Exit status: non-zero when a target finds a crash, a leak, a sanitizer report or a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# EMBER_FUZZ_DIR: another build dir, e.g. for a long run that must not see rebuilds of build/fuzz.
dir=${EMBER_FUZZ_DIR:-build/fuzz}

: "${EMBER_FUZZ_CC:=clang-14}"
: "${EMBER_FUZZ_CXX:=clang++-14}"
smoke_runs=${EMBER_FUZZ_SMOKE_RUNS:-2000}
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# Inputs above 64 KiB only slow the search; a blob or CSV that large is no different in kind.
max_len=65536

targets_in_tree() {
  ls tests/fuzz/fuzz_*.cpp | sed 's|.*/\(fuzz_[a-z0-9_]*\)\.cpp|\1|'
}

configure() {  # dir, extra C/C++ flags
  local dir=$1 flags=$2
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache} CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-ccache} \
      cmake -S . -B "$dir" -DEMBER_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER="$EMBER_FUZZ_CC" -DCMAKE_CXX_COMPILER="$EMBER_FUZZ_CXX" \
      -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
  fi
  cmake --build "$dir" -j2 >/dev/null
}

run_target() {  # target, corpus folder it grows, libFuzzer arguments...
  local t=$1 corpus=$2
  shift 2
  mkdir -p "$corpus" "$dir/findings/$t"
  local log="$dir/$t.log"
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$dir/tests/fuzz/$t" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$dir/findings/$t/" "$@" "$corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    echo "$t: FINDING, see $log and $dir/findings/$t/" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
  local runs cov
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  echo "$t: ${runs:-?} executions, no finding (edge coverage ${cov:-?}, corpus $(ls "$corpus" | wc -l) files)"
}

if [ "${1:-}" = "--coverage" ]; then
  t=${2:?usage: scripts/fuzz.sh --coverage TARGET}
  configure build/fuzz-coverage "-fsanitize=fuzzer-no-link -fprofile-instr-generate -fcoverage-mapping"
  rm -f build/fuzz-coverage/$t.profraw
  mkdir -p "$dir/corpus/$t"
  # -runs=0: execute every corpus file once, no mutation.
  LLVM_PROFILE_FILE="build/fuzz-coverage/$t.profraw" "build/fuzz-coverage/tests/fuzz/$t" -runs=0 \
    "$dir/corpus/$t" "tests/fuzz/corpus/$t" >/dev/null 2>&1
  llvm-profdata-14 merge -sparse "build/fuzz-coverage/$t.profraw" -o "build/fuzz-coverage/$t.profdata"
  llvm-cov-14 report "build/fuzz-coverage/tests/fuzz/$t" -instr-profile="build/fuzz-coverage/$t.profdata" \
    "$root/runtime/src" "$root/exporters/src" "$root/trainer/src/csv.cpp"
  exit 0
fi

configure "$dir" "-fsanitize=fuzzer-no-link $sanitizers"

if [ "${1:-}" = "--smoke" ]; then
  status=0
  for t in $(targets_in_tree); do
    # A fresh corpus each time, so the smoke test is the same fixed run from the seeds.
    rm -rf "$dir/smoke/$t"
    run_target "$t" "$dir/smoke/$t" -runs="$smoke_runs" -seed=1 || status=1
  done
  exit $status
fi

seconds=${2:-60}
if [ $# -eq 0 ] || [ "$1" = "all" ]; then
  selected=$(targets_in_tree)
else
  selected=$1
fi
status=0
for t in $selected; do
  [ -f "tests/fuzz/$t.cpp" ] || { echo "unknown fuzz target $t (known: $(targets_in_tree | tr '\n' ' '))" >&2; exit 2; }
  run_target "$t" "$dir/corpus/$t" -max_total_time="$seconds" || status=1
done
exit $status
