"""PyTorch on the data ember bench wrote, with Ember's training recipe: [64, 32, 16] ReLU, Adam lr 1e-3
(betas 0.9, 0.999, eps 1e-8), batch 256 with a fresh shuffle each epoch, MSE on standardized inputs and
target, early stopping on the given validation split with patience 20, best weights restored.
One thread: torch.set_num_threads(1), plus OMP_NUM_THREADS=1 set by ember.

Usage: mlp_torch.py DATA_DIR [--max-epochs N]
"""
import copy
import io
import time

import numpy as np
import torch

import peer_common


def main():
    args = peer_common.training_arguments()
    torch.set_num_threads(1)
    torch.manual_seed(42)
    data = peer_common.load(args.data_dir)
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = data["train"], data["validation"], data["test"]
    rss_after_imports = peer_common.current_rss_bytes()

    start = time.perf_counter()
    cpu_start = time.process_time()
    xs, ys = peer_common.Standardizer(x_train), peer_common.Standardizer(y_train)
    xt, yt = torch.from_numpy(xs.apply(x_train)), torch.from_numpy(ys.apply(y_train))
    xv, yv = torch.from_numpy(xs.apply(x_val)), torch.from_numpy(ys.apply(y_val))
    widths = [x_train.shape[1], 64, 32, 16, y_train.shape[1]]
    layers = []
    for k in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[k], widths[k + 1]))
        if k < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.MSELoss()
    best_loss, best_state, best_epoch, epochs = float("inf"), None, 0, 0
    rows = xt.shape[0]
    for epoch in range(args.max_epochs):
        model.train()
        order = torch.randperm(rows)
        for first in range(0, rows, 256):
            idx = order[first:first + 256]
            optimizer.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            optimizer.step()
        epochs = epoch + 1
        model.eval()
        with torch.no_grad():
            val = float(loss_fn(model(xv), yv))
        if val < best_loss:
            best_loss, best_state, best_epoch = val, copy.deepcopy(model.state_dict()), epoch
        elif epoch - best_epoch >= args.patience:
            break
    model.load_state_dict(best_state)
    model.eval()
    train_seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    def predict(batch):
        with torch.no_grad():
            z = model(torch.from_numpy(xs.apply(batch))).numpy()
        return ys.invert(z)

    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    result = {"peer": "PyTorch", "train_seconds": train_seconds, "cpu_seconds": cpu_seconds, "epochs": epochs,
              "rss_after_imports": rss_after_imports, "peak_rss": peer_common.peak_rss_bytes(),
              "model_bytes": len(buffer.getvalue()), "test": peer_common.regression_metrics(y_test, predict(x_test))}
    result.update(peer_common.time_inference(predict, x_test))
    peer_common.emit(result)


if __name__ == "__main__":
    main()
