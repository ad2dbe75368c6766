#!/usr/bin/env python3
"""A NumPy evaluator for the ONNX graphs `ember export --format onnx` writes (Sub, Div, Gemm, Relu, Tanh,
Sigmoid, Softmax, Mul, Add), so a test can check the exported file computes what the blob computes without an
ONNX runtime (python3-onnx 1.12 has no reference evaluator). Needs python3-onnx and its NumPy.

  evaluate_onnx.py rows MODEL.onnx ROWS.csv         write 40 fixed pseudo-random rows for the model's input
  evaluate_onnx.py compare MODEL.onnx ROWS.csv PREDICTIONS.csv
                                                    evaluate MODEL.onnx on ROWS.csv and compare with `ember run`'s
                                                    predictions: |onnx - ember| <= 1e-5 * max(|ember|, 1)
"""
import csv
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def evaluate(model, x):
    values = {init.name: numpy_helper.to_array(init).astype(np.float32) for init in model.graph.initializer}
    values[model.graph.input[0].name] = x.astype(np.float32)
    for node in model.graph.node:
        a = [values[name] for name in node.input]
        attrs = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
        op = node.op_type
        if op == "Gemm":
            w = a[1].T if attrs.get("transB", 0) else a[1]
            y = a[0] @ w + (a[2] if len(a) > 2 else 0)
        elif op in ("Sub", "Div", "Mul", "Add"):
            y = {"Sub": np.subtract, "Div": np.divide, "Mul": np.multiply, "Add": np.add}[op](a[0], a[1])
        elif op == "Relu":
            y = np.maximum(a[0], 0)
        elif op == "Tanh":
            y = np.tanh(a[0])
        elif op == "Sigmoid":
            y = 1 / (1 + np.exp(-a[0]))
        elif op == "Softmax":
            e = np.exp(a[0] - a[0].max(axis=attrs.get("axis", -1), keepdims=True))
            y = e / e.sum(axis=attrs.get("axis", -1), keepdims=True)
        else:
            raise SystemExit(f"evaluate_onnx.py: op {op} is not one `ember export` writes")
        values[node.output[0]] = y.astype(np.float32)
    return values[model.graph.output[0].name]


def main():
    mode, model = sys.argv[1], onnx.load(sys.argv[2])
    if mode == "compare" and any(node.op_type == "QuantizeLinear" for node in model.graph.node):
        # An int8 (QDQ) graph: ONNX's float arithmetic and Ember's integer pipeline differ by the rounding of
        # the requantization, so there is no 1e-5 bound to check; onnx.checker has checked its form.
        print(f"{sys.argv[2]}: int8 (QDQ) graph, checked by onnx.checker only")
        return
    width = model.graph.input[0].type.tensor_type.shape.dim[1].dim_value
    if mode == "rows":
        x = np.random.default_rng(15).normal(0.0, 2.0, size=(40, width))
        with open(sys.argv[3], "w") as f:
            f.write(",".join(f"x{i}" for i in range(width)) + "\n")
            for row in x:
                f.write(",".join("%.9g" % v for v in row) + "\n")
        return
    with open(sys.argv[3]) as f:
        x = np.array([[float(v) for v in r] for r in list(csv.reader(f))[1:] if r])
    with open(sys.argv[4]) as f:
        rows = list(csv.reader(f))
    keep = [i for i, name in enumerate(rows[0]) if name != "class"]
    ember = np.array([[float(r[i]) for i in keep] for r in rows[1:] if r])
    onnx_y = evaluate(model, x)
    worst = np.max(np.abs(onnx_y - ember) / np.maximum(np.abs(ember), 1.0))
    print(f"{sys.argv[2]}: {len(x)} rows, largest difference from ember run {worst:.2e} (relative, floor 1)")
    raise SystemExit(0 if onnx_y.shape == ember.shape and worst <= 1e-5 else 1)


if __name__ == "__main__":
    main()
