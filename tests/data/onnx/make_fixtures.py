#!/usr/bin/env python3
"""Makes the ONNX test fixtures in this folder with PyTorch (Debian's python3-torch 1.13, python3-onnx 1.12).

Run from anywhere: /usr/bin/python3 tests/data/onnx/make_fixtures.py
Writes, for each model NAME: NAME.onnx (torch.onnx.export) and NAME.csv (columns x0..x{k-1} then y0..y{m-1}:
fixed inputs and PyTorch's outputs for them, eval mode). errors/*.onnx are models Ember must refuse.
The tests (tests/onnx/) only read these files: CI never needs PyTorch.
"""
import io
import os
import warnings

import numpy as np
import onnx
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 16
warnings.filterwarnings("ignore")


def export(model, example, path, opset, dynamic=True, fold=True, training=None):
    kwargs = {"training": training} if training is not None else {}
    buf = io.BytesIO()
    torch.onnx.export(model, example, buf, opset_version=opset, do_constant_folding=fold,
                      input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "N"}, "y": {0: "N"}} if dynamic else None, **kwargs)
    onnx.checker.check_model(onnx.load_from_string(buf.getvalue()))
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def write_csv(path, x, y, fmt):
    with open(path, "w") as f:
        f.write(",".join([f"x{i}" for i in range(x.shape[1])] + [f"y{j}" for j in range(y.shape[1])]) + "\n")
        for xr, yr in zip(x, y):
            f.write(",".join(fmt % v for v in list(xr) + list(yr)) + "\n")


def fixture(name, model, width, opset, double=False, batch=ROWS, **kwargs):
    """Exports `model` and writes its outputs on ROWS fixed rows (after a forward in eval mode)."""
    torch.manual_seed(1000 + width)
    x = torch.randn(ROWS, width) * 2.0
    if double:
        x = x.double()
    export(model, x[:batch], os.path.join(HERE, name + ".onnx"), opset, **kwargs)
    model.eval()
    with torch.no_grad():
        y = model(x)
    write_csv(os.path.join(HERE, name + ".csv"), x.numpy(), y.numpy(), "%.17g" if double else "%.9g")


class Standardized(nn.Module):
    """(x - mean) / std, an MLP, then y * scale + mean: Ember's blob standardization as PyTorch users write it."""

    def __init__(self, net, width, outputs):
        super().__init__()
        self.register_buffer("in_mean", torch.randn(width))
        self.register_buffer("in_std", torch.rand(width) + 0.5)
        self.register_buffer("out_scale", torch.rand(outputs) * 3 + 1)
        self.register_buffer("out_mean", torch.randn(outputs) * 5)
        self.net = net

    def forward(self, x):
        return self.net((x - self.in_mean) / self.in_std) * self.out_scale + self.out_mean


class MatMulMlp(nn.Module):
    """x @ W + b written out, which torch exports as MatMul followed by Add."""

    def __init__(self, widths):
        super().__init__()
        self.w = nn.ParameterList([nn.Parameter(torch.randn(a, b) / a ** 0.5) for a, b in zip(widths, widths[1:])])
        self.b = nn.ParameterList([nn.Parameter(torch.randn(b) * 0.1) for b in widths[1:]])

    def forward(self, x):
        for k, (w, b) in enumerate(zip(self.w, self.b)):
            x = x @ w + b
            if k + 1 < len(self.w):
                x = torch.relu(x)
        return x


class Constants(nn.Module):
    """Python-number constants and shape ops; exported without constant folding they stay Constant nodes."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(6, 9)
        self.b = nn.Linear(9, 2)

    def forward(self, x):
        x = (x - 0.5) * 2.0
        x = torch.flatten(torch.relu(self.a(x)), 1).reshape(-1, 9)
        return self.b(x) * 10.0 + 3.0


class Skip(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 4)

    def forward(self, x):
        return self.a(x) + x


class DynamicView(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 3)

    def forward(self, x):
        return self.a(x).view(x.size(0), -1)


def main():
    torch.manual_seed(7)
    fixture("gemm_relu_opset9", nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)), 4, 9, dynamic=False,
            batch=1)
    fixture("tanh_softmax_opset13",
            nn.Sequential(nn.Linear(8, 12), nn.Tanh(), nn.Linear(12, 6), nn.Tanh(), nn.Linear(6, 5), nn.Softmax(-1)),
            8, 13)
    fixture("standardized_sigmoid_opset11",
            Standardized(nn.Sequential(nn.Linear(5, 10), nn.Sigmoid(), nn.Linear(10, 2)), 5, 2), 5, 11)
    fixture("matmul_add_opset17", MatMulMlp([7, 20, 11, 1]), 7, 17)
    # Exported in training mode at opset 10, where Dropout is an inference-only op: the node stays in the graph.
    fixture("dropout_opset10", nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Dropout(0.25), nn.Linear(8, 2)), 3, 10,
            training=torch.onnx.TrainingMode.TRAINING, fold=False)
    fixture("constants_opset12", Constants(), 6, 12, fold=False)
    fixture("float64_nobias_opset14",
            nn.Sequential(nn.Linear(5, 6, bias=False), nn.Tanh(), nn.Linear(6, 3)).double(), 5, 14, double=True)
    fixture("softmax_opset9", nn.Sequential(nn.Linear(10, 6), nn.Sigmoid(), nn.Linear(6, 4), nn.Softmax(1)), 10, 9)

    errors = os.path.join(HERE, "errors")
    os.makedirs(errors, exist_ok=True)
    x4 = torch.randn(2, 4)
    export(nn.Sequential(nn.Linear(4, 4), nn.LeakyReLU(), nn.Linear(4, 1)), x4, f"{errors}/leaky_relu.onnx", 13)
    export(Skip(), x4, f"{errors}/skip_connection.onnx", 13)
    export(nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4, 1)).train(), x4,
           f"{errors}/dropout_training.onnx", 13, training=torch.onnx.TrainingMode.TRAINING, fold=False)
    export(nn.Sequential(nn.Conv1d(1, 2, 3), nn.Flatten(), nn.Linear(8, 1)), torch.randn(2, 1, 6),
           f"{errors}/conv_input.onnx", 13)
    export(nn.Sequential(nn.Linear(4, 3), nn.LogSoftmax(-1)), x4, f"{errors}/log_softmax.onnx", 13)
    export(DynamicView(), x4, f"{errors}/dynamic_view.onnx", 13, fold=False)
    export(nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.Linear(6, 1)).train(), x4,
           f"{errors}/batch_norm_training.onnx", 13, training=torch.onnx.TrainingMode.TRAINING)

    # Opsets 15 and 16 (added after the others so the earlier fixtures keep their bytes).
    fixture("flatten_three_layers_opset15",
            nn.Sequential(nn.Flatten(), nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 8), nn.Sigmoid(), nn.Linear(8, 3)),
            6, 15)
    fixture("standardized_matmul_opset16", Standardized(MatMulMlp([5, 9, 2]), 5, 2), 5, 16)


if __name__ == "__main__":
    main()
