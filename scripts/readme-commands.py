#!/usr/bin/env python3
"""Runs every shell command block of README.md and examples/*/README.md as written, so a broken README fails CI.

A block is a fenced code block whose info string is sh, bash, shell or console; indented code blocks that look
like commands are refused (fence them so this script runs them). A README's blocks run in order in one bash
session (set -euo pipefail), as a reader would type them: a `cd` or a variable set in one block holds in the
next, and the first failing block stops that README. Each README gets a scratch folder of its own: a copy of
examples/ (so a README that works inside its example folder writes into the copy) and a symbolic link to
every other top-level entry of the repository, so `build/host/ember`, `tests/data/...` and `scripts/...`
resolve as they do from the repository root while the files a README makes (`m.ember`, `rows.csv`) land in
the scratch folder. cmake and ctest run from the repository root itself (their build trees record it), which
is where a README's cmake lines are meant to run.

Skipped, with the reason printed: `./scripts/test.sh`, which runs this script (running it again would
recurse); and a block preceded by `<!-- readme-commands: requires COMMAND -->` when COMMAND fails (an
optional tool, e.g. PyTorch, that the README says the reader may not have).

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
README_TIMEOUT_S = 1800


REQUIRES = re.compile(r"^<!--\s*readme-commands:\s*requires\s+(.*?)\s*-->$")


def blocks(path):
    """(line number, text, required command or None) of each shell block; ValueError on an unfenced command."""
    lines = open(path, encoding="utf-8").read().split("\n")
    found, fence, start, body, previous_blank, requires = [], None, 0, [], True, None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if fence is None:
            match = re.match(r"^(```+|~~~+)\s*([^\s`]*)", stripped)
            if match:
                fence, info, start, body = match.group(1), match.group(2).lower(), number, []
                continue
            if previous_blank and line.startswith("    ") and COMMAND_START.match(line[4:]):
                raise ValueError(f"{path}:{number}: an indented command block; fence it as ```sh so it is run")
            marker = REQUIRES.match(stripped)
            if marker:
                requires = marker.group(1)
            elif stripped:
                requires = None
            previous_blank = stripped == ""
        elif stripped.startswith(fence):
            if info in SHELL_INFO:
                found.append((start, "\n".join(body), requires))
            fence, previous_blank, requires = None, True, None
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
        if entry == ".git":
            continue
        if entry == "examples":
            shutil.copytree(os.path.join(ROOT, entry), os.path.join(folder, entry), symlinks=True)
        else:
            os.symlink(os.path.join(ROOT, entry), os.path.join(folder, entry))
    return folder


def session_script(found, status_path):
    """One bash script for a README's blocks, reporting each block's start and end on descriptor 3."""
    parts = [f"""set -euo pipefail
exec 3>>{status_path!r}
cmake() {{ (cd {ROOT!r} && command cmake "$@"); }}
ctest() {{ (cd {ROOT!r} && command ctest "$@"); }}
"""]
    for index, (number, text, requires) in enumerate(found):
        script, _ = without_skipped(text)
        body = f'printf "start {index} %s\\n" "$EPOCHREALTIME" >&3\n{script}\nprintf "done {index} %s\\n" "$EPOCHREALTIME" >&3\n'
        if requires:
            body = (f"if ( {requires} ) >/dev/null 2>&1; then\n{body}else\n"
                    f'printf "skip {index} %s\\n" "$EPOCHREALTIME" >&3\nfi\n')
        parts.append(body)
    return "".join(parts)


def run_readme(path):
    relative = os.path.relpath(path, ROOT)
    try:
        found = blocks(path)
    except ValueError as error:
        print(f"FAIL {error}")
        return 1
    folder = scratch_folder()
    status_path = os.path.join(folder, ".readme-commands-status")
    try:
        try:
            done = subprocess.run(["bash", "-c", session_script(found, status_path)], cwd=folder,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=README_TIMEOUT_S,
                                  stdin=subprocess.DEVNULL)
            status, output = done.returncode, done.stdout.decode(errors="replace")
        except subprocess.TimeoutExpired as expired:
            status = f"timeout after {README_TIMEOUT_S} s"
            output = (expired.stdout or b"").decode(errors="replace")
        events = {}
        for line in open(status_path).read().split("\n") if os.path.exists(status_path) else []:
            if line:
                kind, index, when = line.split(" ")
                events[(kind, int(index))] = float(when.replace(",", "."))
        failures = 0
        for index, (number, text, requires) in enumerate(found):
            first = next((l.strip() for l in text.split("\n") if l.strip()), "")
            _, notes = without_skipped(text)
            for note in notes:
                print(f"     {relative}:{number}: {note}")
            if ("skip", index) in events:
                print(f"skip {relative}:{number}: `{requires}` failed (an optional tool): {first[:70]}")
            elif ("done", index) in events:
                seconds = events[("done", index)] - events[("start", index)]
                print(f"ok   {relative}:{number} ({seconds:.1f} s): {first[:90]}")
            elif ("start", index) in events:
                failures += 1
                print(f"FAIL {relative}:{number} (exit {status}): {first[:90]}")
                print("---- block:\n" + text + "\n---- output of the README's session (last 40 lines):")
                print("\n".join(output.rstrip().split("\n")[-40:]))
                print("----")
            else:
                print(f"     {relative}:{number}: not run (an earlier block failed)")
        if failures == 0 and status != 0:
            print(f"FAIL {relative}: the session ended with status {status} outside any block")
            print("\n".join(output.rstrip().split("\n")[-40:]))
            failures = 1
        return failures
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
