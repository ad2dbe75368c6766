"""scikit-learn's MLPRegressor on the data ember bench wrote, with Ember's training recipe: [64, 32, 16]
ReLU, Adam lr 1e-3, batch 256, standardized inputs and target, early stopping on the given validation
split with patience 20, best weights restored. One thread (OMP_NUM_THREADS=1 and friends, set by ember).

MLPRegressor's own early stopping would carve its validation rows out of the training rows; to use the
exact same validation split as Ember, this script drives partial_fit one epoch at a time instead.

Usage: mlp_sklearn.py DATA_DIR [--max-epochs N]
"""
import copy
import pickle
import time
import warnings

import numpy as np
from sklearn.neural_network import MLPRegressor

import peer_common


def main():
    args = peer_common.training_arguments()
    warnings.filterwarnings("ignore")
    data = peer_common.load(args.data_dir)
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = data["train"], data["validation"], data["test"]
    rss_after_imports = peer_common.current_rss_bytes()

    start = time.perf_counter()
    cpu_start = time.process_time()
    xs, ys = peer_common.Standardizer(x_train), peer_common.Standardizer(y_train)
    xt, yt, xv = xs.apply(x_train), ys.apply(y_train).ravel(), xs.apply(x_val)
    yv = ys.apply(y_val).ravel()
    model = MLPRegressor(hidden_layer_sizes=(64, 32, 16), activation="relu", solver="adam",
                         learning_rate_init=1e-3, batch_size=256, shuffle=True, random_state=42)
    best_loss, best_model, best_epoch, epochs = float("inf"), None, 0, 0
    for epoch in range(args.max_epochs):
        model.partial_fit(xt, yt)
        epochs = epoch + 1
        loss = float(np.mean((model.predict(xv) - yv) ** 2))
        if loss < best_loss:
            best_loss, best_model, best_epoch = loss, copy.deepcopy(model), epoch
        elif epoch - best_epoch >= args.patience:
            break
    model = best_model
    train_seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    predict = lambda rows: ys.invert(model.predict(xs.apply(rows)).reshape(-1, 1))
    result = {"peer": "scikit-learn MLPRegressor", "train_seconds": train_seconds, "cpu_seconds": cpu_seconds, "epochs": epochs,
              "rss_after_imports": rss_after_imports, "peak_rss": peer_common.peak_rss_bytes(),
              "model_bytes": len(pickle.dumps(model)), "test": peer_common.regression_metrics(y_test, predict(x_test))}
    result.update(peer_common.time_inference(predict, x_test))
    peer_common.emit(result)


if __name__ == "__main__":
    main()
