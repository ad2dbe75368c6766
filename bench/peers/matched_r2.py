#!/usr/bin/env python3
"""Ember's default recipe beside the peers' best recipes, in one run, on the same rows, seed by seed: test R2
and training CPU seconds of each side, and the CPU PyTorch's best recipe needs to reach Ember's R2 (issue
13: "at least 5x less CPU than the best peer recipe that reaches the same R2, in the same run").

For every size and seed: `ember train --data synthetic:sum-squares --samples N --seed S` with no other
option (CPU: the median of --repeats runs, user + system time of the child, RUSAGE_CHILDREN); the split it
trained on is written out (--train-out, --validation-out, --test-out) and handed to
  mlp_sklearn_lbfgs.py  scikit-learn MLPRegressor, solver='lbfgs', alpha 1e-3 (one run: its final model),
  mlp_torch_lbfgs.py    PyTorch full-batch L-BFGS float64, strong Wolfe, history 100, L2 0.06 / rows x sum w^2,
                        validation every 50 iterations, stop after 10 checks without improvement, best
                        restored; run with --curve, which reports at every check the CPU so far and the test
                        R2 of the model it would return if it stopped there.
PyTorch's "CPU to reach" is the CPU at the first check whose model reaches Ember's test R2 on that seed;
scikit-learn's is its whole run when its final model reaches it ("-": never). The ratio is the cheaper of
the two over Ember's CPU. The peers' CPU is their own process time for training (time.process_time), one
thread each (OMP_NUM_THREADS=1, torch.set_num_threads(1)).

Usage: bench/peers/matched_r2.py path/to/ember [--sizes 1000,5000,10000] [--seeds 1,2,3,4,5]
                                 [--repeats 3] [--work DIR] [--python /usr/bin/python3]
Prints Markdown tables on stdout (per seed, then per size).
"""
import argparse
import array
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import trainer_seeds  # noqa: E402  (bench/trainer_seeds.py: runs ember train --json, reads its tables)
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def ember_train(ember, samples, seed, extra):
    """One `ember train` run with the defaults; returns (test R2, CPU seconds, iterations)."""
    tables, cpu = trainer_seeds.run(ember, ["--data", "synthetic:sum-squares", "--samples", str(samples), "--seed",
                                            str(seed), *extra])
    scores = tables["Scores"]
    names = [c["name"] for c in scores["columns"]]
    test = [r for r in scores["rows"] if r[0] == "test"][0]
    return test[names.index("R2")], cpu, tables["Training run"]["rows"][0][0]


def write_peer_data(directory, csv_paths):
    """The layout peer_common.load reads: meta.json and little-endian float32 x_*.f32 / y_*.f32 files. The CSVs
    hold float32 values printed with 9 significant digits, so the round trip is exact."""
    meta = {"outputs": 1, "rows": {}}
    for split, path in csv_paths.items():
        with open(path) as f:
            rows = [[float(v) for v in row] for row in list(csv.reader(f))[1:]]
        meta["features"] = len(rows[0]) - 1
        meta["rows"][split] = len(rows)
        for name, values in (("x", [v for row in rows for v in row[:-1]]), ("y", [row[-1] for row in rows])):
            floats = array.array("f", values)
            if sys.byteorder != "little":
                floats.byteswap()
            with open(os.path.join(directory, f"{name}_{split}.f32"), "wb") as f:
                floats.tofile(f)
    with open(os.path.join(directory, "meta.json"), "w") as f:
        json.dump(meta, f)


def run_peer(python, script, directory, extra):
    env = dict(os.environ, **ONE_THREAD)
    out = subprocess.run([python, os.path.join(HERE, script), directory, *extra], check=True, capture_output=True,
                         text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def cpu_to_reach(curve, r2):
    for point in curve:
        if point["test_r2"] is not None and point["test_r2"] >= r2:
            return point["cpu_seconds"]
    return None


def seconds(value):
    return "-" if value is None else f"{value:.2f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ember")
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", default="")
    parser.add_argument("--python", default="/usr/bin/python3")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="ember-matched-r2-")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    seeds = [int(s) for s in args.seeds.split(",") if s]

    print("| samples | seed | Ember R2 | Ember CPU s | scikit-learn lbfgs R2 | its CPU s | PyTorch L-BFGS R2 | its CPU s "
          "| PyTorch CPU s to reach Ember's R2 | cheapest peer at Ember's R2 / Ember CPU |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    summary = []
    for samples in sizes:
        rows = []
        for seed in seeds:
            directory = os.path.join(work, f"n{samples}-s{seed}")
            os.makedirs(directory, exist_ok=True)
            paths = {split: os.path.join(directory, f"{split}.csv") for split in ("train", "validation", "test")}
            ember_train(args.ember, samples, seed, ["--train-out", paths["train"], "--validation-out",
                                                    paths["validation"], "--test-out", paths["test"]])
            write_peer_data(directory, paths)
            runs = [ember_train(args.ember, samples, seed, []) for _ in range(args.repeats)]
            r2, iterations = runs[0][0], runs[0][2]
            cpu = statistics.median(r[1] for r in runs)
            sk = run_peer(args.python, "mlp_sklearn_lbfgs.py", directory, [])
            torch = run_peer(args.python, "mlp_torch_lbfgs.py", directory, ["--curve"])
            match = cpu_to_reach(torch["curve"], r2)
            reaching = [c for c in (match, sk["cpu_seconds"] if sk["test"]["r2"] >= r2 else None) if c is not None]
            ratio = f"{min(reaching) / cpu:.1f}x" if reaching else "no peer reaches it"
            print(f"| {samples} | {seed} | {r2:.5f} | {cpu:.2f} | {sk['test']['r2']:.5f} | {sk['cpu_seconds']:.2f} | "
                  f"{torch['test']['r2']:.5f} | {torch['cpu_seconds']:.2f} | {seconds(match)} | {ratio} |")
            sys.stdout.flush()
            rows.append((r2, cpu, iterations, sk, torch, match))
        summary.append((samples, rows))

    print()
    print("| samples | recipe | mean test R2 | min | mean CPU s | max CPU s | seeds where PyTorch reaches Ember's R2 "
          "(its mean CPU s there) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for samples, rows in summary:
        def line(name, r2s, cpus, extra="-"):
            print(f"| {samples} | {name} | {statistics.mean(r2s):.5f} | {min(r2s):.5f} | {statistics.mean(cpus):.2f} | "
                  f"{max(cpus):.2f} | {extra} |")
        matches = [m for *_, m in rows if m is not None]
        reached = f"{len(matches)} of {len(rows)}" + (f" ({statistics.mean(matches):.2f})" if matches else "")
        line("Ember, defaults", [r[0] for r in rows], [r[1] for r in rows])
        line("scikit-learn, lbfgs alpha 1e-3", [r[3]["test"]["r2"] for r in rows], [r[3]["cpu_seconds"] for r in rows])
        line("PyTorch, L-BFGS float64 + L2", [r[4]["test"]["r2"] for r in rows], [r[4]["cpu_seconds"] for r in rows],
             reached)
    print(f"\nLoad average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())} (1, 5, 15 min); data in {work}")


if __name__ == "__main__":
    main()
