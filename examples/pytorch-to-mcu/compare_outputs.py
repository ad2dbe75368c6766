#!/usr/bin/env python3
"""Checks Ember's predictions against PyTorch's, value by value (standard library only, no PyTorch).

Usage: python3 compare_outputs.py pytorch_outputs.csv ember_outputs.csv [--rel 1e-5]
Passes when |ember - pytorch| <= rel * |pytorch| + 1e-7 for every value; prints the largest difference.
The 1e-7 floor is for probabilities that are (nearly) zero, where a relative bound means nothing.
"""
import argparse
import csv


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], [[float(v) for v in r] for r in rows[1:] if r]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pytorch")
    parser.add_argument("ember")
    parser.add_argument("--rel", type=float, default=1e-5)
    args = parser.parse_args()
    head_p, torch_rows = read(args.pytorch)
    head_e, ember_rows = read(args.ember)
    columns = [head_e.index(name) for name in head_p]  # ember run adds a "class" column
    worst, failures = 0.0, 0
    for t, e in zip(torch_rows, ember_rows):
        for j, c in enumerate(columns):
            diff = abs(e[c] - t[j])
            worst = max(worst, diff / max(abs(t[j]), 1e-30))
            failures += diff > args.rel * abs(t[j]) + 1e-7
    if len(torch_rows) != len(ember_rows):
        raise SystemExit(f"row counts differ: {len(torch_rows)} vs {len(ember_rows)}")
    print(f"{len(torch_rows)} rows x {len(columns)} outputs: largest relative difference {worst:.2e}, "
          f"{failures} beyond {args.rel:g}")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
