"""scikit-learn's best recipe found for the 5D task (issue 13): MLPRegressor [64, 32, 16] ReLU with
solver='lbfgs' (scipy's L-BFGS-B on the whole training split) and alpha=1e-3, on standardized inputs and
target. L-BFGS has no validation-based early stopping in scikit-learn: it runs to max_iter or convergence
and the validation split is not used. One thread (OMP_NUM_THREADS=1 and friends, set by ember).

Usage: mlp_sklearn_lbfgs.py DATA_DIR [--max-epochs N]   (N: max_iter, default 200 as in scikit-learn)
"""
import pickle
import time
import warnings

from sklearn.neural_network import MLPRegressor

import peer_common


def main():
    args = peer_common.training_arguments(default_max_epochs=200)
    warnings.filterwarnings("ignore")
    data = peer_common.load(args.data_dir)
    (x_train, y_train), (x_test, y_test) = data["train"], data["test"]
    rss_after_imports = peer_common.current_rss_bytes()

    start = time.perf_counter()
    cpu_start = time.process_time()
    xs, ys = peer_common.Standardizer(x_train), peer_common.Standardizer(y_train)
    model = MLPRegressor(hidden_layer_sizes=(64, 32, 16), activation="relu", solver="lbfgs", alpha=1e-3,
                         max_iter=args.max_epochs, max_fun=15 * args.max_epochs, random_state=42)
    model.fit(xs.apply(x_train), ys.apply(y_train).ravel())
    train_seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    predict = lambda rows: ys.invert(model.predict(xs.apply(rows)).reshape(-1, 1))
    result = {"peer": "scikit-learn MLPRegressor lbfgs alpha 1e-3", "train_seconds": train_seconds,
              "cpu_seconds": cpu_seconds, "epochs": int(model.n_iter_), "rss_after_imports": rss_after_imports,
              "peak_rss": peer_common.peak_rss_bytes(), "model_bytes": len(pickle.dumps(model)),
              "test": peer_common.regression_metrics(y_test, predict(x_test))}
    result.update(peer_common.time_inference(predict, x_test))
    peer_common.emit(result)


if __name__ == "__main__":
    main()
