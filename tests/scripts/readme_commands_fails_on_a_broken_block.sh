#!/bin/sh
# scripts/readme-commands.py must fail a README whose block fails, or that hides a command in an indented
# block it would not run, and pass one whose blocks build on each other in its scratch folder.
set -eu
check=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '# ok\n\n```sh\necho 1,2 > rows.csv\n```\n\nthen\n\n```bash\ntest -s rows.csv && ls tests/data >/dev/null\n```\n' > "$work/ok.md"
printf '# broken\n\n```sh\ncat does-not-exist.csv\n```\n' > "$work/broken.md"
printf '# hidden\n\nRun:\n\n    build/host/ember --help\n' > "$work/hidden.md"

python3 "$check" "$work/ok.md" > "$work/ok.log" || { cat "$work/ok.log"; echo "a good README failed"; exit 1; }
if python3 "$check" "$work/broken.md" > "$work/broken.log"; then cat "$work/broken.log"; echo "a failing block passed"; exit 1; fi
grep -q "FAIL .*broken.md:3" "$work/broken.log" || { cat "$work/broken.log"; echo "the failure does not name the block"; exit 1; }
if python3 "$check" "$work/hidden.md" > "$work/hidden.log"; then cat "$work/hidden.log"; echo "an indented command block passed"; exit 1; fi
grep -q "fence it" "$work/hidden.log" || { cat "$work/hidden.log"; exit 1; }
echo "readme-commands.py: passes a good README, fails a broken block and an unfenced command"
