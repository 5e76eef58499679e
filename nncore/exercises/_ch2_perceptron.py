"""The coding exercises of Chapter 2: one perceptron update, and a fit until no
mistakes."""

from __future__ import annotations

import numpy as np

from .. import perceptron
from ._check import HINT_IN_PLACE, Case, Check, Mistake

__all__ = ["check_perceptron_update", "check_perceptron_fit"]


def perceptron_update_reference(w, b, x, y, lr):
    """One visit of the perceptron rule, by nncore: one epoch of
    :class:`nncore.perceptron.Perceptron` on the single sample ``(x, y)``, started at
    ``(w, b)``. Returns the new ``(w, b)``."""
    model = perceptron.Perceptron(lr=lr, max_epochs=1, initial_w=w, initial_b=b)
    model.fit(np.asarray(x, dtype=float)[np.newaxis, :], [y])
    return model.w_, model.b_


def _update_cases():
    rng = np.random.default_rng(201)
    cases = [
        Case("hand", {"w": np.array([0.0, 0.0]), "b": 0.0, "x": np.array([2.0, -1.0]),
                      "y": 0, "lr": 1.0},
             "the first update of the exercise 'The rule by hand'"),
        Case("hand", {"w": np.array([-2.0, 1.0]), "b": -1.0, "x": np.array([-1.0, -1.0]),
                      "y": 0, "lr": 1.0}, "its second update"),
        Case("hand", {"w": np.array([-1.0, 2.0]), "b": -2.0, "x": np.array([1.0, 2.0]),
                      "y": 1, "lr": 1.0}, "a point it gets right: nothing changes"),
        Case("edge", {"w": np.array([0.0, 0.0]), "b": 0.0, "x": np.array([1.0, 2.0]),
                      "y": 1, "lr": 1.0}, "score exactly 0 and y = 1: right, no update"),
        Case("edge", {"w": np.array([1.0, -1.0]), "b": -3.0, "x": np.array([1.0, 1.0]),
                      "y": 1, "lr": 0.5}, "a missed positive, learning rate 0.5"),
        Case("edge", {"w": np.array([2.0]), "b": 0.5, "x": np.array([-0.25]), "y": 0,
                      "lr": 2.0}, "one feature; score 0, called 1, but y = 0"),
    ]
    for d in (2, 3, 3, 4):
        cases.append(Case("random", {
            "w": rng.uniform(-2, 2, size=d).round(1), "b": round(float(rng.uniform(-1, 1)), 1),
            "x": rng.uniform(-3, 3, size=d).round(1), "y": int(rng.integers(0, 2)),
            "lr": float(rng.choice([0.1, 0.5, 1.0]))}))
    return cases


def _predict(w, b, x):
    return 1 if float(np.dot(w, x)) + b >= 0 else 0


def _update_sign(w, b, x, y, lr):
    y_hat = _predict(w, b, x)
    return w + lr * (y_hat - y) * x, b + lr * (y_hat - y)


def _update_no_bias(w, b, x, y, lr):
    y_hat = _predict(w, b, x)
    return w + lr * (y - y_hat) * x, b


def _update_strict(w, b, x, y, lr):
    y_hat = 1 if float(np.dot(w, x)) + b > 0 else 0
    return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)


def _update_no_lr(w, b, x, y, lr):
    y_hat = _predict(w, b, x)
    return w + (y - y_hat) * x, b + (y - y_hat)


def _update_in_place(w, b, x, y, lr):
    y_hat = _predict(w, b, x)
    w += lr * (y - y_hat) * x
    b += lr * (y - y_hat)
    return w, b


_TIE = ("A score of exactly 0 counts as 1 (the step H(0) = 1), so predict "
        "y_hat = 1 where w . x + b >= 0, not > 0.")

check_perceptron_update = Check(
    "perceptron_update", chapter=2, label="perceptron_code1",
    reference=perceptron_update_reference, cases=_update_cases, outputs=("w", "b"),
    mistakes=[
        Mistake("sign", _update_sign,
                "The sign of the update is the wrong way round. A missed positive "
                "(y = 1, y_hat = 0) is added to w: w + lr (y - y_hat) x, and "
                "b + lr (y - y_hat)."),
        Mistake("no bias", _update_no_bias,
                "Your function forgot to update the bias: it learns too, "
                "b + lr (y - y_hat), as the weight of a constant input 1."),
        Mistake("strict", _update_strict, _TIE),
        Mistake("no learning rate", _update_no_lr,
                "Scale the step by the learning rate: w + lr (y - y_hat) x and "
                "b + lr (y - y_hat)."),
        Mistake("in place", _update_in_place, HINT_IN_PLACE.format(name="w")),
    ],
)


def perceptron_fit_reference(X, y, lr=1.0, max_epochs=100):
    """The perceptron trained from zero by nncore, :class:`nncore.perceptron.Perceptron`
    (samples in index order). Returns the final ``(w, b)``."""
    model = perceptron.Perceptron(lr=lr, max_epochs=max_epochs).fit(X, y)
    return model.w_, model.b_


def _separable(rng, n, d):
    """``n`` points with coordinates in [-3, 3] (one decimal) that a random hyperplane
    separates with a gap, and their labels."""
    w, b = rng.normal(size=d), rng.normal()
    X = []
    while len(X) < n:
        x = rng.uniform(-3, 3, size=d).round(1)
        if abs(x @ w + b) > 0.3 * np.linalg.norm(w):
            X.append(x)
    X = np.array(X)
    return X, (X @ w + b > 0).astype(int)


def _fit_cases():
    rng = np.random.default_rng(202)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    cases = [
        Case("hand", {"X": np.array([[1.0, 2.0], [2.0, -1.0], [-1.0, -1.0]]),
                      "y": np.array([1, 0, 0]), "lr": 1.0, "max_epochs": 100},
             "the three points of the exercise 'The rule by hand'"),
        Case("hand", {"X": corners, "y": np.array([0, 0, 0, 1]), "lr": 1.0,
                      "max_epochs": 100}, "AND on the four corners"),
        Case("edge", {"X": corners, "y": np.array([1, 1, 1, 1]), "lr": 1.0,
                      "max_epochs": 100}, "every label 1: the first epoch makes no mistake"),
        Case("edge", {"X": corners, "y": np.array([0, 1, 1, 1]), "lr": 1.0,
                      "max_epochs": 1}, "OR, stopped by max_epochs = 1"),
        Case("edge", {"X": np.array([[1.0], [-1.0], [2.0]]), "y": np.array([1, 0, 1]),
                      "lr": 0.5, "max_epochs": 100}, "one feature, learning rate 0.5"),
    ]
    for n, d in ((6, 2), (8, 2), (6, 3)):
        X, y = _separable(rng, n, d)
        cases.append(Case("random", {"X": X, "y": y, "lr": 1.0, "max_epochs": 100}))
    return cases


def _fit(X, y, lr, max_epochs, *, strict=False, bias=True, one_epoch=False,
         ignore_max=False):
    """The perceptron's training loop, with one of the typical mistakes switched on."""
    w, b = np.zeros(X.shape[1]), 0.0
    epoch = 0
    while ignore_max or epoch < max_epochs:
        mistakes = 0
        for x_i, y_i in zip(X, y):
            z = float(np.dot(w, x_i)) + b
            y_hat = int(z > 0) if strict else int(z >= 0)
            if y_hat != y_i:
                w = w + lr * (y_i - y_hat) * x_i
                if bias:
                    b = b + lr * (y_i - y_hat)
                mistakes += 1
        epoch += 1
        if mistakes == 0 or one_epoch:
            break
    return w, b


def _fit_one_epoch(X, y, lr=1.0, max_epochs=100):
    return _fit(X, y, lr, max_epochs, one_epoch=True)


def _fit_no_bias(X, y, lr=1.0, max_epochs=100):
    return _fit(X, y, lr, max_epochs, bias=False)


def _fit_strict(X, y, lr=1.0, max_epochs=100):
    return _fit(X, y, lr, max_epochs, strict=True)


def _fit_ignores_max(X, y, lr=1.0, max_epochs=100):
    return _fit(X, y, lr, max_epochs, ignore_max=True)


check_perceptron_fit = Check(
    "perceptron_fit", chapter=2, label="perceptron_code2",
    reference=perceptron_fit_reference, cases=_fit_cases, outputs=("w", "b"),
    mistakes=[
        Mistake("one epoch", _fit_one_epoch,
                "Your function stops after one pass over the data. Repeat whole epochs "
                "until one of them makes no mistake, or max_epochs have run."),
        Mistake("no bias", _fit_no_bias,
                "Your function never updates the bias: after each mistake, "
                "b + lr (y - y_hat) as well as w + lr (y - y_hat) x."),
        Mistake("strict", _fit_strict, _TIE),
        Mistake("ignores max_epochs", _fit_ignores_max,
                "Your function runs past max_epochs. Stop after max_epochs epochs even "
                "if the last one made mistakes: on data that no line separates, the "
                "rule never stops by itself."),
    ],
)
