#!/usr/bin/env python3
"""Runs every shell command block of README.md and examples/*/README.md as written, so a broken README fails CI.

A block is a fenced code block whose info string is sh, bash, shell or console; indented code blocks that look
like commands are refused (fence them so this script runs them). Each README runs in a scratch folder of its
own, in order, in one bash process per block (set -euo pipefail); the scratch folder holds a symbolic link to
every top-level entry of the repository, so `build/host/ember`, `examples/...` and `tests/data/...` resolve
as they do from the repository root, while the files a README makes (`m.ember`, `rows.csv`) land in the
scratch folder. cmake and ctest run from the repository root itself (their build trees record it), which is
where the README's cmake lines are meant to run.

Skipped, with the reason printed: `./scripts/test.sh`, which runs this script (running it again would
recurse). Everything else runs, `./scripts/demo.sh` included.

Usage: scripts/readme-commands.py [README ...]   (default: README.md and examples/*/README.md)
Exit status 0 when every block succeeded.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
SHELL_INFO = {"sh", "bash", "shell", "console"}
# Lines that must not run here, and why.
SKIPPED = {re.compile(r"^\s*\./scripts/test\.sh\b"): "scripts/test.sh runs this script"}
# An indented block starting like one of these is a command someone meant to be run.
COMMAND_START = re.compile(r"^(build/|\./|cmake\b|ctest\b|ember\b|python3\b|sh\b|bash\b)")
BLOCK_TIMEOUT_S = 900


def blocks(path):
    """(line number, text) of each shell block; raises ValueError on an unfenced command block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    found, fence, start, body, previous_blank = [], None, 0, [], True
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if fence is None:
            match = re.match(r"^(```+|~~~+)\s*([^\s`]*)", stripped)
            if match:
                fence, info, start, body = match.group(1), match.group(2).lower(), number, []
                continue
            if previous_blank and line.startswith("    ") and COMMAND_START.match(line[4:]):
                raise ValueError(f"{path}:{number}: an indented command block; fence it as ```sh so it is run")
            previous_blank = stripped == ""
        elif stripped.startswith(fence):
            if info in SHELL_INFO:
                found.append((start, "\n".join(body)))
            fence, previous_blank = None, True
        else:
            body.append(line)
    return found


def without_skipped(text):
    """The block with skipped lines replaced by a note, and the notes."""
    kept, notes = [], []
    for line in text.split("\n"):
        reason = next((why for pattern, why in SKIPPED.items() if pattern.search(line)), None)
        if reason:
            notes.append(f"skipped `{line.strip()}`: {reason}")
            kept.append(":")
        else:
            kept.append(line)
    return "\n".join(kept), notes


def scratch_folder():
    folder = tempfile.mkdtemp(prefix="ember-readme-")
    for entry in os.listdir(ROOT):
        if entry != ".git":
            os.symlink(os.path.join(ROOT, entry), os.path.join(folder, entry))
    return folder


PRELUDE = f"""set -euo pipefail
cmake() {{ (cd {ROOT!r} && command cmake "$@"); }}
ctest() {{ (cd {ROOT!r} && command ctest "$@"); }}
"""


def run_readme(path):
    relative = os.path.relpath(path, ROOT)
    try:
        found = blocks(path)
    except ValueError as error:
        print(f"FAIL {error}")
        return 1
    folder = scratch_folder()
    failures = 0
    try:
        for number, text in found:
            script, notes = without_skipped(text)
            for note in notes:
                print(f"     {relative}:{number}: {note}")
            began = time.monotonic()
            try:
                done = subprocess.run(["bash", "-c", PRELUDE + script], cwd=folder, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, timeout=BLOCK_TIMEOUT_S, stdin=subprocess.DEVNULL)
                status, output = done.returncode, done.stdout.decode(errors="replace")
            except subprocess.TimeoutExpired as expired:
                status, output = f"timeout after {BLOCK_TIMEOUT_S} s", (expired.stdout or b"").decode(errors="replace")
            seconds = time.monotonic() - began
            first = next((l.strip() for l in text.split("\n") if l.strip()), "")
            if status == 0:
                print(f"ok   {relative}:{number} ({seconds:.1f} s): {first[:90]}")
            else:
                failures += 1
                print(f"FAIL {relative}:{number} (exit {status}, {seconds:.1f} s): {first[:90]}")
                print("---- block:\n" + text + "\n---- output (last 40 lines):")
                print("\n".join(output.rstrip().split("\n")[-40:]))
                print("----")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return failures


def main(argv):
    readmes = [os.path.abspath(p) for p in argv[1:]] or [os.path.join(ROOT, "README.md")] + sorted(
        glob.glob(os.path.join(ROOT, "examples", "*", "README.md")))
    missing = [d for d in sorted(glob.glob(os.path.join(ROOT, "examples", "*", ""))) if not os.path.exists(d + "README.md")]
    failures = 0
    for folder in missing:
        print(f"FAIL {os.path.relpath(folder, ROOT)} has no README.md")
        failures += 1
    for readme in readmes:
        failures += run_readme(readme)
    print(f"README commands: {'all passed' if failures == 0 else str(failures) + ' failed'} ({len(readmes)} READMEs)")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
