#!/usr/bin/env python3
"""Writes model_5d.json: a [5, 64, 32, 16, 1] ReLU MLP shaped like the 5D interpolator
(y = sum of x_i^2), with seeded He-initialised weights, for the firmware demo until a trained blob is
checked in. Deterministic: the same file every run.  Usage: make_model_5d_json.py > model_5d.json"""
import json
import math
import random

rng = random.Random(20261125)
widths = [5, 64, 32, 16, 1]
layers = []
for k in range(len(widths) - 1):
    fan_in, fan_out = widths[k], widths[k + 1]
    std = math.sqrt(2.0 / fan_in)
    layers.append({
        "activation": "relu" if k + 2 < len(widths) else "identity",
        "weights": [[round(rng.gauss(0.0, std), 6) for _ in range(fan_in)] for _ in range(fan_out)],
        "bias": [round(rng.uniform(-0.05, 0.05), 6) for _ in range(fan_out)],
    })
model = {
    "name": "model-5d",
    "input_mean": [0.0] * 5,
    "input_scale": [1.0] * 5,
    "output_mean": [5.0],
    "output_scale": [3.16],
    "layers": layers,
}
print(json.dumps(model))
