#!/usr/bin/env python3
"""Ember's trainer with its defaults over several seeds: mean and minimum test score, CPU time and peak
memory per data size, as docs/trainer.md reports them. Peak memory is ember train's own figure (VmHWM). CPU time is the child process's user + system time
(getrusage RUSAGE_CHILDREN), which a shared machine's load disturbs much less than wall time.

Usage: bench/trainer_seeds.py path/to/ember [--sizes 1000,5000,10000] [--seeds 1,2,3,4,5]
                              [--digits tests/data/digits.csv] [--per-seed] [-- extra ember train options]
Prints a Markdown table on stdout; with --per-seed, a second table with every seed's score and CPU time.
"""
import argparse
import json
import resource
import statistics
import subprocess
import sys


def run(ember, arguments):
    """Runs `ember train ARGUMENTS --quiet --json`; returns its tables by name and the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([ember, "train", *arguments, "--quiet", "--json"], check=True, capture_output=True,
                         text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tables = {}
    for line in out.splitlines():
        if line.startswith("{"):
            t = json.loads(line)
            tables[t["table"]] = t
    return tables, cpu


def cell(tables, table, column, row=0):
    t = tables[table]
    names = [c["name"] for c in t["columns"]]
    return t["rows"][row][names.index(column)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ember")
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--digits", default="")
    parser.add_argument("--per-seed", action="store_true")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    print("| data | options | mean test score | min | mean CPU s | max CPU s | peak RSS MiB | recipe |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    jobs = [(f"synthetic:sum-squares, {int(n):,} samples", ["--data", "synthetic:sum-squares", "--samples", n], "test R2")
            for n in args.sizes.split(",") if n]
    if args.digits:
        jobs.append(("digits, --hidden 64", ["--data", args.digits, "--target", "digit", "--task", "classify",
                                            "--hidden", "64"], "accuracy"))
    per_seed = []
    for name, data_args, metric in jobs:
        scores, cpus, peaks, recipe = [], [], [], ""
        for seed in seeds:
            tables, cpu = run(args.ember, [*data_args, "--seed", str(seed), *args.extra])
            test_row = [r[0] for r in tables["Scores"]["rows"]].index("test")
            scores.append(cell(tables, "Scores", "R2" if metric == "test R2" else "accuracy", test_row))
            cpus.append(cpu)
            peaks.append(cell(tables, "Training run", "peak memory"))
            recipe = cell(tables, "Recipe", "recipe")
        per_seed.append((name, scores, cpus))
        options = " ".join(args.extra) if args.extra else "defaults"
        print(f"| {name} | {options} | {statistics.mean(scores):.5f} ({metric}) | {min(scores):.5f} | "
              f"{statistics.mean(cpus):.2f} | {max(cpus):.2f} | {max(peaks):.1f} | {recipe} |")
        sys.stdout.flush()
    if args.per_seed:
        print()
        print("| data | " + " | ".join(f"seed {s}: score, CPU s" for s in seeds) + " |")
        print("| --- |" + " --- |" * len(seeds))
        for name, scores, cpus in per_seed:
            print(f"| {name} | " + " | ".join(f"{v:.5f}, {c:.2f}" for v, c in zip(scores, cpus)) + " |")


if __name__ == "__main__":
    main()
