#!/usr/bin/env python3
"""Builds the digits anomaly streams for `ember analyze` (standard library only, deterministic).

reference.csv: the first 1,200 rows of digits.csv, clean (the model is trained on these too).
test_<kind>.csv: the other 597 rows cut into windows of WINDOW rows; every window appears twice, once clean
and once corrupted, in alternating order, with an `anomaly` column (0 clean, 1 corrupted).
Kinds: noise (Gaussian, sigma 4 grey levels, clipped to 0..16), occlusion (a random 4x4 pixel block set to 0),
shuffle (the 64 pixels of the row randomly permuted), mixed (the three kinds in turn).

Data: tests/data/digits.csv (see tests/data/README.digits.md), UCI optical recognition of handwritten digits (E. Alpaydin, C. Kaynak, 1998), CC BY 4.0.
"""
import csv
import random
import sys

WINDOW = 32
REFERENCE_ROWS = 1200


def corrupt(pixels, kind, rng):
    p = list(pixels)
    if kind == "noise":
        return [min(16.0, max(0.0, v + rng.gauss(0.0, 4.0))) for v in p]
    if kind == "occlusion":
        r0, c0 = rng.randrange(0, 5), rng.randrange(0, 5)
        for r in range(r0, r0 + 4):
            for c in range(c0, c0 + 4):
                p[r * 8 + c] = 0.0
        return p
    if kind == "shuffle":
        rng.shuffle(p)
        return p
    raise ValueError(kind)


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(source, out_dir):
    with open(source) as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[float(v) for v in r] for r in reader if r]
    pixels = header.index("digit")
    reference = rows[:REFERENCE_ROWS]
    held_out = rows[REFERENCE_ROWS:]
    write(f"{out_dir}/reference.csv", header + ["anomaly"], [r + [0] for r in reference])
    write(f"{out_dir}/train.csv", header, reference)
    windows = [held_out[i:i + WINDOW] for i in range(0, len(held_out) - WINDOW + 1, WINDOW)]
    for kind in ["noise", "occlusion", "shuffle", "mixed"]:
        rng = random.Random(2026)
        stream = []
        for w_index, window in enumerate(windows):
            this_kind = ["noise", "occlusion", "shuffle"][w_index % 3] if kind == "mixed" else kind
            clean = [r + [0] for r in window]
            bad = [corrupt(r[:pixels], this_kind, rng) + r[pixels:] + [1] for r in window]
            stream += (clean + bad) if w_index % 2 == 0 else (bad + clean)
        write(f"{out_dir}/test_{kind}.csv", header + ["anomaly"], stream)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/digits.csv",
         sys.argv[2] if len(sys.argv) > 2 else ".")
