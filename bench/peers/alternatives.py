"""Classical scikit-learn regressors on the data ember bench wrote, as alternatives to a small network:
linear regression, random forest (100 trees), gradient boosting (100 stages) and an RBF support-vector
regressor, each with default settings on standardized inputs (and target for the SVR). One thread
(n_jobs=1, OMP_NUM_THREADS=1). Trained on the training split; the validation split is not used.

Usage: alternatives.py DATA_DIR --model linear|forest|boosting|svr
"""
import argparse
import pickle
import time

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression
from sklearn.svm import SVR

import peer_common

MODELS = {
    "linear": ("linear regression", lambda: LinearRegression()),
    "forest": ("random forest (100 trees)", lambda: RandomForestRegressor(n_estimators=100, n_jobs=1, random_state=42)),
    "boosting": ("gradient boosting (100 stages)", lambda: GradientBoostingRegressor(random_state=42)),
    "svr": ("RBF SVR", lambda: SVR(kernel="rbf")),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--model", choices=sorted(MODELS), required=True)
    args = parser.parse_args()
    name, make = MODELS[args.model]
    data = peer_common.load(args.data_dir)
    (x_train, y_train), (x_test, y_test) = data["train"], data["test"]
    rss_after_imports = peer_common.current_rss_bytes()

    start = time.perf_counter()
    xs, ys = peer_common.Standardizer(x_train), peer_common.Standardizer(y_train)
    model = make()
    model.fit(xs.apply(x_train), ys.apply(y_train).ravel())
    train_seconds = time.perf_counter() - start
    predicted = ys.invert(model.predict(xs.apply(x_test)).reshape(-1, 1))
    peer_common.emit({"peer": name, "train_seconds": train_seconds, "rss_after_imports": rss_after_imports,
                      "peak_rss": peer_common.peak_rss_bytes(), "model_bytes": len(pickle.dumps(model)),
                      "test": peer_common.regression_metrics(y_test, predicted)})


if __name__ == "__main__":
    main()
