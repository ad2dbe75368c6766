#!/usr/bin/env python3
"""Trains a small MLP on the digits CSV in PyTorch and exports it with torch.onnx.export.

Needs PyTorch (Debian: apt-get install python3-torch python3-onnx); nothing else in Ember does.
Usage: python3 train_digits.py [--data ../../tests/data/digits.csv] [--out .]
Writes digits.onnx, test_rows.csv (100 held-out rows: p0..p63,digit) and pytorch_outputs.csv (PyTorch's
class probabilities for those rows, y0..y9), the files the README feeds to `ember import` and `ember run`.
"""
import argparse
import os

import numpy as np
import torch
from torch import nn

TEST_ROWS = 100


class DigitsMlp(nn.Module):
    """Standardize the pixels, two Linear layers, softmax: exported as Sub, Div, Gemm, Relu, Gemm, Softmax."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
        self.hidden = nn.Linear(64, 32)
        self.out = nn.Linear(32, 10)

    def logits(self, x):
        return self.out(torch.relu(self.hidden((x - self.mean) / self.std)))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=-1)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "tests", "data", "digits.csv"))
    parser.add_argument("--out", default=".")
    parser.add_argument("--epochs", type=int, default=300)
    args = parser.parse_args()

    torch.manual_seed(0)
    with open(args.data) as f:
        header = f.readline().strip().split(",")
    data = np.loadtxt(args.data, delimiter=",", skiprows=1, dtype=np.float32)
    order = np.random.default_rng(0).permutation(len(data))
    test, train = data[order[:TEST_ROWS]], data[order[TEST_ROWS:]]
    x, y = torch.from_numpy(train[:, :64]), torch.from_numpy(train[:, 64]).long()

    std = train[:, :64].std(axis=0)
    model = DigitsMlp(train[:, :64].mean(axis=0), np.where(std > 0, std, 1.0))  # constant pixels: scale 1
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(args.epochs):  # full batch: 1,697 rows
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model.logits(x), y)
        loss.backward()
        optimizer.step()
    model.eval()

    x_test = torch.from_numpy(test[:, :64])
    with torch.no_grad():
        p = model(x_test)
    accuracy = (p.argmax(dim=1).numpy() == test[:, 64]).mean()
    print(f"trained {args.epochs} epochs, final train loss {loss.item():.4f}, "
          f"accuracy on the {TEST_ROWS} held-out rows {accuracy:.2f}")

    os.makedirs(args.out, exist_ok=True)
    torch.onnx.export(model, x_test[:1], os.path.join(args.out, "digits.onnx"), opset_version=13,
                      input_names=["pixels"], output_names=["probabilities"],
                      dynamic_axes={"pixels": {0: "N"}, "probabilities": {0: "N"}})
    with open(os.path.join(args.out, "test_rows.csv"), "w") as f:
        f.write(",".join(header) + "\n")
        for row in test:
            f.write(",".join("%d" % v for v in row) + "\n")
    with open(os.path.join(args.out, "pytorch_outputs.csv"), "w") as f:
        f.write(",".join(f"y{j}" for j in range(10)) + "\n")
        for row in p.numpy():
            f.write(",".join("%.9g" % v for v in row) + "\n")
    print("wrote digits.onnx, test_rows.csv, pytorch_outputs.csv in", os.path.abspath(args.out))


if __name__ == "__main__":
    main()
