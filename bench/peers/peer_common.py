"""Shared by the peer scripts of `ember bench --peers`: reading the data ember wrote, standardizing with the
training rows' statistics (as Ember's trainer does), scoring, timing inference and reading peak memory.

Data layout (written by ember bench): <dir>/meta.json {"features": 5, "outputs": 1, "rows": {...}} and raw
little-endian float32 files x_train.f32, y_train.f32, x_validation.f32, ... in row-major order.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

import numpy as np


def training_arguments(default_max_epochs=1000, curve=False):
    """The command line of the MLP peers: DATA_DIR [--max-epochs N] [--patience N] (and --curve where the
    peer can report its R2 along the way)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--max-epochs", type=int, default=default_max_epochs)
    parser.add_argument("--patience", type=int, default=20)
    if curve:
        parser.add_argument("--curve", action="store_true")
    return parser.parse_args()


def load(data_dir):
    with open(os.path.join(data_dir, "meta.json")) as f:
        meta = json.load(f)
    features, outputs = meta["features"], meta["outputs"]
    data = {}
    for split in ("train", "validation", "test"):
        x = np.fromfile(os.path.join(data_dir, f"x_{split}.f32"), dtype="<f4").reshape(-1, features)
        y = np.fromfile(os.path.join(data_dir, f"y_{split}.f32"), dtype="<f4").reshape(-1, outputs)
        data[split] = (x, y)
    return data


class Standardizer:
    """Population mean and standard deviation of the training rows; 1 for a constant column."""

    def __init__(self, values):
        self.mean = values.mean(axis=0)
        scale = values.std(axis=0)
        self.scale = np.where(scale > 0, scale, 1.0).astype(np.float32)

    def apply(self, values):
        return ((values - self.mean) / self.scale).astype(np.float32)

    def invert(self, values):
        return values * self.scale + self.mean


def regression_metrics(truth, predicted):
    truth = np.asarray(truth, dtype=np.float64).ravel()
    predicted = np.asarray(predicted, dtype=np.float64).ravel()
    residual = truth - predicted
    mse = float(np.mean(residual ** 2))
    total = float(np.sum((truth - truth.mean()) ** 2))
    return {"r2": 1.0 - float(np.sum(residual ** 2)) / total if total > 0 else 0.0, "mse": mse,
            "rmse": mse ** 0.5, "mae": float(np.mean(np.abs(residual)))}


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports kilobytes


def current_rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def time_inference(predict, x_test, single_calls=2000, batch=10000, repeats=5):
    """Median seconds of one single-sample call, and of one `batch`-row call (after a warm-up call each)."""
    one = x_test[:1]
    predict(one)
    singles = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(single_calls // repeats):
            predict(one)
        singles.append((time.perf_counter() - start) / (single_calls // repeats))
    rows = np.resize(x_test, (batch, x_test.shape[1])).astype(np.float32)
    predict(rows)
    batches = []
    for _ in range(repeats):
        start = time.perf_counter()
        predict(rows)
        batches.append(time.perf_counter() - start)
    return {"single_seconds": statistics.median(singles), "batch": batch,
            "batch_seconds": statistics.median(batches)}


def emit(result):
    """One JSON object on the last line of stdout: what ember bench reads."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
