"""The coding exercises of Chapter 5: a dense layer forward and backward."""

from __future__ import annotations

import numpy as np

from .. import mlp
from ._check import Case, Check, Mistake

__all__ = ["check_dense_forward", "check_dense_backward"]


def _dense_cases():
    rng = np.random.default_rng(501)
    cases = [
        Case("hand", {"X": np.array([[1.0, 2.0]]),
                      "W": np.array([[1.0, 0.0], [1.0, 1.0], [0.0, -1.0]]),
                      "b": np.array([0.0, 0.5, 1.0])}, "one sample, three neurons"),
        Case("hand", {"X": np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]]),
                      "W": np.array([[1.0, 2.0], [-1.0, 0.5]]), "b": np.array([1.0, -1.0])},
             "three samples, two neurons"),
        Case("edge", {"X": np.array([[1.0, -1.0, 2.0], [0.5, 0.0, 1.0]]),
                      "W": np.array([[2.0, 1.0, -1.0]]), "b": np.array([0.5])},
             "one neuron: Z has shape (n, 1)"),
        Case("edge", {"X": np.array([[2.0], [-1.0]]), "W": np.array([[3.0], [-2.0]]),
                      "b": np.zeros(2)}, "one input feature, zero bias"),
    ]
    for n, n_in, n_out in ((4, 3, 2), (5, 2, 3), (3, 3, 3), (2, 4, 5)):
        cases.append(Case("random", {"X": rng.uniform(-2, 2, size=(n, n_in)).round(1),
                                     "W": rng.uniform(-1, 1, size=(n_out, n_in)).round(2),
                                     "b": rng.uniform(-1, 1, size=n_out).round(2)}))
    return cases


def _dense_not_transposed(X, W, b):
    return X @ W + b


def _dense_no_bias(X, W, b):
    return X @ W.T


def _dense_columns(X, W, b):
    return W @ X.T + b[:, np.newaxis]


check_dense_forward = Check(
    "dense_forward", chapter=5, label="mlp_code1", reference=mlp.dense, cases=_dense_cases,
    mistakes=[
        Mistake("W not transposed", _dense_not_transposed,
                "W has shape (n_out, n_in), one neuron per row, and X one sample per "
                "row: the batch form is Z = X W^T + b (X @ W.T), not X @ W."),
        Mistake("no bias", _dense_no_bias,
                "Your function forgot the bias: Z = X W^T + b, one b_j added to every "
                "row, in column j."),
        Mistake("columns", _dense_columns,
                "W x + b is the formula for one sample as a column. A batch stores the "
                "samples as rows, so Z = X W^T + b has shape (n_samples, n_out): one row "
                "per sample, one column per neuron."),
    ],
)


def dense_backward_reference(X, W, dZ):
    """The gradients of one dense layer by :func:`nncore.mlp.backprop`:
    ``(dW, db, dX)`` = $(\\Delta^\\top X,\\ \\mathbf{1}^\\top\\Delta,\\ \\Delta W)$."""
    grads, dX, _ = mlp.backprop([(W, np.zeros(W.shape[0]))], [X], [X @ W.T], dZ, None,
                                want_dX=True)
    return grads[0][0], grads[0][1], dX


def _backward_cases():
    rng = np.random.default_rng(502)
    cases = [
        Case("hand", {"X": np.array([[2.0, 1.0]]), "W": np.array([[1.0, -1.0]]),
                      "dZ": np.array([[1.0]])}, "one sample, one neuron"),
        Case("hand", {"X": np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]),
                      "W": np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0]]),
                      "dZ": np.array([[1.0, 0.5], [-1.0, 2.0]])},
             "two samples, three inputs, two neurons"),
        Case("edge", {"X": np.array([[1.0, 2.0], [3.0, -1.0]]),
                      "W": np.array([[0.5, -0.5], [1.0, 2.0]]),
                      "dZ": np.zeros((2, 2))}, "dZ = 0: every gradient is 0"),
        Case("edge", {"X": np.array([[1.0, -1.0, 0.5], [2.0, 0.0, 1.0], [0.0, 1.0, -2.0]]),
                      "W": np.array([[1.0, 0.0, 2.0], [-1.0, 1.0, 0.0], [0.5, 0.5, 0.5]]),
                      "dZ": np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 0.0], [0.0, 1.0, 1.0]])},
             "every matrix square, so a transpose changes values, not shapes"),
    ]
    for n, n_in, n_out in ((4, 3, 2), (3, 2, 4), (5, 4, 3)):
        cases.append(Case("random", {"X": rng.uniform(-2, 2, size=(n, n_in)).round(1),
                                     "W": rng.uniform(-1, 1, size=(n_out, n_in)).round(2),
                                     "dZ": rng.uniform(-1, 1, size=(n, n_out)).round(2)}))
    return cases


def _backward_dW_transposed(X, W, dZ):
    return X.T @ dZ, dZ.sum(axis=0), dZ @ W


def _backward_db_mean(X, W, dZ):
    return dZ.T @ X, dZ.mean(axis=0), dZ @ W


def _backward_db_axis(X, W, dZ):
    return dZ.T @ X, dZ.sum(axis=1), dZ @ W


def _backward_dX_transposed(X, W, dZ):
    return dZ.T @ X, dZ.sum(axis=0), dZ @ W.T


check_dense_backward = Check(
    "dense_backward", chapter=5, label="mlp_code2", reference=dense_backward_reference,
    cases=_backward_cases, outputs=("dW", "db", "dX"),
    mistakes=[
        Mistake("dW transposed", _backward_dW_transposed,
                "Your dW is transposed. A gradient has the shape of its parameter: W is "
                "(n_out, n_in), so dW = Delta^T X (dZ.T @ X)."),
        Mistake("db mean", _backward_db_mean,
                "Your db is a mean over the samples. Every sample's Delta adds to the "
                "bias's gradient, so db is the column sum of Delta (the 1/n of a mean "
                "loss is already inside dZ)."),
        Mistake("db axis", _backward_db_axis,
                "Your db sums each sample's row. It needs one entry per neuron: sum "
                "Delta over the samples, axis 0, dZ.sum(axis=0)."),
        Mistake("dX transposed", _backward_dX_transposed,
                "Your dX multiplies by W^T. Each input k feeds neuron j with weight "
                "W[j, k], so dX = Delta W (dZ @ W), of shape (n_samples, n_in)."),
    ],
)
