"""The coding exercises of Chapter 6: a stable softmax, the gradient p - y."""

from __future__ import annotations

import numpy as np

from .. import activations, losses
from ._check import Case, Check, Mistake

__all__ = ["check_softmax", "check_cross_entropy_grad"]


def _softmax_cases():
    rng = np.random.default_rng(601)
    cases = [
        Case("hand", {"Z": np.array([[1.0, 2.0, 3.0]])}, "one sample, three classes"),
        Case("hand", {"Z": np.array([[0.0, 0.0], [1.0, -1.0]])}, "two samples, two classes"),
        Case("edge", {"Z": np.array([[1000.0, 1001.0, 1002.0]])},
             "logits of 1000: e^1000 overflows"),
        Case("edge", {"Z": np.array([[0.0, 1.0], [-1000.0, -999.0]])},
             "rows of very different sizes"),
        Case("edge", {"Z": np.array([[5.0], [-3.0]])}, "one class: every probability is 1"),
    ]
    for n, k in ((3, 4), (2, 5), (4, 3), (3, 3)):
        cases.append(Case("random", {"Z": rng.normal(scale=3.0, size=(n, k)).round(2)}))
    return cases


def _softmax_no_shift(Z):
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def _softmax_global_max(Z):
    e = np.exp(Z - Z.max())
    return e / e.sum(axis=1, keepdims=True)


def _softmax_axis0(Z):
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _softmax_no_keepdims(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1)


_NO_SHIFT = ("e^z overflows to inf for z above 709.78, and inf / inf is nan. Subtract "
             "each row's largest logit first: softmax(z - c) = softmax(z), so "
             "Z - Z.max(axis=1, keepdims=True) changes nothing but the size of the "
             "numbers.")

check_softmax = Check(
    "softmax", chapter=6, label="sm_code1", reference=activations.softmax,
    cases=_softmax_cases, overflow_hint=_NO_SHIFT, rtol=1e-9, atol=1e-15,
    mistakes=[
        Mistake("no max shift", _softmax_no_shift, _NO_SHIFT),
        Mistake("one max for all", _softmax_global_max,
                "Your function subtracts one maximum for the whole batch. A row far "
                "below it gets e^z = 0 everywhere, and 0 / 0 is nan: subtract each row's "
                "own maximum, Z.max(axis=1, keepdims=True)."),
        Mistake("axis 0", _softmax_axis0,
                "Your probabilities sum to 1 down each column. Each sample is a row, so "
                "normalise along the classes: sums and maxima over axis=1."),
        Mistake("no keepdims", _softmax_no_keepdims,
                "The row sums e.sum(axis=1) have shape (n,), and numpy lines that up "
                "with the columns, not the rows. Keep them as a column of shape (n, 1): "
                "e.sum(axis=1, keepdims=True)."),
    ],
)


def _ce_cases():
    rng = np.random.default_rng(602)
    cases = [
        Case("hand", {"Z": np.array([[0.0, 0.0]]), "y": np.array([1])},
             "p = (1/2, 1/2), class 1"),
        Case("hand", {"Z": np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]),
                      "y": np.array([2, 0])}, "two samples, three classes"),
        Case("edge", {"Z": np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 0.0]]),
                      "y": np.array([0, 2])}, "logits of 1000"),
        Case("edge", {"Z": np.array([[2.0, -1.0], [0.5, 0.5], [-3.0, 1.0], [0.0, 4.0]]),
                      "y": np.array([0, 1, 1, 0])}, "four samples, two classes"),
    ]
    for n, k in ((3, 4), (5, 3), (2, 5)):
        cases.append(Case("random", {"Z": rng.normal(scale=2.0, size=(n, k)).round(2),
                                     "y": rng.integers(0, k, size=n)}))
    return cases


def _stable_softmax(Z):
    return activations.softmax(Z)


def _onehot(y, k):
    Y = np.zeros((len(y), k))
    Y[np.arange(len(y)), y] = 1.0
    return Y


def _ce_no_mean(Z, y):
    return _stable_softmax(Z) - _onehot(y, Z.shape[1])


def _ce_sign(Z, y):
    return (_onehot(y, Z.shape[1]) - _stable_softmax(Z)) / len(y)


def _ce_no_onehot(Z, y):
    return _stable_softmax(Z) / len(y)


def _ce_labels_as_numbers(Z, y):
    return (_stable_softmax(Z) - y[:, np.newaxis]) / len(y)


def _ce_no_shift(Z, y):
    return (_softmax_no_shift(Z) - _onehot(y, Z.shape[1])) / len(y)


check_cross_entropy_grad = Check(
    "cross_entropy_grad", chapter=6, label="sm_code2", reference=losses.cross_entropy_grad,
    cases=_ce_cases, overflow_hint=_NO_SHIFT, rtol=1e-9, atol=1e-15,
    mistakes=[
        Mistake("no 1/n", _ce_no_mean,
                "Your gradient is n times too large: the loss is the mean over the "
                "batch, so every row of P - Y carries a 1/n."),
        Mistake("sign", _ce_sign,
                "The sign of your gradient is flipped: it is predicted minus wanted, "
                "(P - Y) / n."),
        Mistake("no one-hot", _ce_no_onehot,
                "Your gradient is P / n: subtract the one-hot targets Y, a 1 in column "
                "y_i of row i, before dividing by n."),
        Mistake("labels as numbers", _ce_labels_as_numbers,
                "y holds class labels, not one-hot rows: subtracting y_i from a whole "
                "row is not P - Y. Build Y with a 1 in column y_i of row i (or subtract "
                "1 from P[np.arange(n), y])."),
        Mistake("no max shift", _ce_no_shift, _NO_SHIFT),
    ],
)
