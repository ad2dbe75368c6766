#!/bin/sh
# scripts/demo.sh must show its builds (no output thrown away) and build only the targets it runs: every
# `cmake --build` line names a --target, and none is redirected to /dev/null. (The README-command run in
# scripts/test.sh runs the demo itself; this catches the regressions that only cost time.)
set -eu
demo=$1
builds=$(grep -E '^[^#]*cmake --build' "$demo" || true)
[ -n "$builds" ] || { echo "demo.sh has no cmake --build line"; exit 1; }
echo "$builds" | while IFS= read -r line; do
  case "$line" in
    *--target*) ;;
    *) echo "demo.sh builds everything: $line"; exit 1 ;;
  esac
  case "$line" in
    */dev/null*) echo "demo.sh hides build progress: $line"; exit 1 ;;
  esac
done
if grep -nE '^[^#]*(cmake --build|ember train|ember bench)[^#]*>/dev/null' "$demo"; then
  echo "demo.sh hides a step's output"; exit 1
fi
grep -q 'step "' "$demo" || { echo "demo.sh prints no step lines"; exit 1; }
echo "demo.sh: every build names its target and shows its progress"
