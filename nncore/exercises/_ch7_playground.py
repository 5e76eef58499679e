"""The coding exercises of Chapter 7: the gradients of the L1 and L2 penalties, the
Playground's feature map."""

from __future__ import annotations

import numpy as np

from .. import features, mlp
from ._check import Case, Check, Mistake

__all__ = ["check_penalty_grad", "check_feature_map"]


def penalty_grad_reference(W, l1, l2):
    r"""The gradient of the penalties $\alpha_1 \sum |W| + \frac{\alpha_2}{2}\sum W^2$
    for one weight matrix, by :func:`nncore.mlp.loss_and_grads` on a one-layer network
    whose data gradient is zero (input 0, target 0)."""
    W = np.asarray(W, dtype=float)
    n_out, n_in = W.shape
    model = mlp.MLP([n_in, n_out], params=[(W, np.zeros(n_out))])
    _, grads = mlp.loss_and_grads(model, np.zeros((1, n_in)), np.zeros((1, n_out)),
                                  loss="mse", l1=l1, l2=l2)
    return grads[0][0]


def _penalty_cases():
    rng = np.random.default_rng(701)
    W = np.array([[1.0, -2.0], [0.0, 0.5]])
    cases = [
        Case("hand", {"W": W, "l1": 0.1, "l2": 0.0}, "L1 only; one weight is 0"),
        Case("hand", {"W": W, "l1": 0.0, "l2": 0.1}, "L2 only"),
        Case("edge", {"W": W, "l1": 0.0, "l2": 0.0}, "no penalty"),
        Case("edge", {"W": np.array([[-3.0, 0.0, 2.0]]), "l1": 0.5, "l2": 0.2},
             "both penalties, one neuron"),
        Case("edge", {"W": np.zeros((2, 3)), "l1": 0.1, "l2": 0.1}, "every weight 0"),
    ]
    for shape in ((2, 3), (3, 2), (4, 4)):
        cases.append(Case("random", {"W": rng.normal(size=shape).round(2),
                                     "l1": float(rng.choice([0.0, 0.01, 0.1])),
                                     "l2": float(rng.choice([0.01, 0.1, 1.0]))}))
    return cases


def _penalty_two_l2(W, l1, l2):
    return l1 * np.sign(W) + 2 * l2 * W


def _penalty_l1_w(W, l1, l2):
    return l1 * W + l2 * W


def _penalty_l1_abs(W, l1, l2):
    return l1 * np.abs(W) + l2 * W


def _penalty_divide(W, l1, l2):
    return l1 * W / np.abs(W) + l2 * W


check_penalty_grad = Check(
    "penalty_grad", chapter=7, label="pg_code1", reference=penalty_grad_reference,
    cases=_penalty_cases,
    mistakes=[
        Mistake("2 l2", _penalty_two_l2,
                "Your L2 term is twice too large. The penalty is (l2 / 2) sum W^2: the "
                "1/2 cancels the 2 of the derivative, so its gradient is l2 W."),
        Mistake("l1 W", _penalty_l1_w,
                "Your L1 term is l1 W. The derivative of |w| is sign(w), -1 or +1: L1 "
                "pulls every weight by the same l1, whatever its size, l1 sign(W)."),
        Mistake("l1 |W|", _penalty_l1_abs,
                "Your L1 term is l1 |W|, the penalty itself. Its derivative is "
                "l1 sign(W): negative for a negative weight."),
        Mistake("W / |W|", _penalty_divide,
                "W / |W| divides by zero where a weight is 0 and gives nan. Use "
                "np.sign(W), which is 0 there, the chapter's choice for the kink."),
    ],
)

#: The exercise's features, in the order the chapter lists them.
_ORDER = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)", "cos(x1)", "cos(x2)")


def feature_map_reference(X):
    """The nine features of every point, in the chapter's order, by
    :func:`nncore.features.make_features`."""
    return features.make_features(X, _ORDER)


def _feature_cases():
    rng = np.random.default_rng(702)
    cases = [
        Case("hand", {"X": np.array([[1.0, 2.0]])}, "the point (1, 2)"),
        Case("hand", {"X": np.array([[0.5, -1.0], [-2.0, 3.0]])}, "two points"),
        Case("edge", {"X": np.array([[0.0, 0.0]])}, "the origin: only the cosines are 1"),
        Case("edge", {"X": np.array([[-3.0, -0.5], [2.0, 2.0], [0.0, 1.5]])},
             "negative coordinates"),
    ]
    for n in (3, 5):
        cases.append(Case("random", {"X": rng.uniform(-4, 4, size=(n, 2)).round(2)}))
    return cases


def _features(X, squares, order):
    x1, x2 = X[:, 0], X[:, 1]
    sq1, sq2 = squares(x1), squares(x2)
    columns = {"x1": x1, "x2": x2, "x1^2": sq1, "x2^2": sq2, "x1*x2": x1 * x2,
               "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2), "cos(x1)": np.cos(x1),
               "cos(x2)": np.cos(x2)}
    return [columns[name] for name in order]


def _features_rows(X):
    return np.stack(_features(X, np.square, _ORDER))


def _features_doubled(X):
    return np.column_stack(_features(X, lambda v: v * 2, _ORDER))


def _features_order(X):
    order = ["x1", "x2", "x1*x2", "x1^2", "x2^2", "sin(x1)", "sin(x2)", "cos(x1)",
             "cos(x2)"]
    return np.column_stack(_features(X, np.square, order))


check_feature_map = Check(
    "feature_map", chapter=7, label="pg_code2", reference=feature_map_reference,
    cases=_feature_cases, columns=_ORDER,
    mistakes=[
        Mistake("one row per feature", _features_rows,
                "Your matrix has one row per feature. Phi has one row per point and one "
                "column per feature, shape (n_samples, 9): np.column_stack, or "
                "np.stack(..., axis=1)."),
        Mistake("x * 2", _features_doubled,
                "Your squares are doubles: x1 * 2 is 2 x1. The square is x1 ** 2 (or "
                "x1 * x1)."),
        Mistake("order", _features_order,
                "Your columns are not in the Playground's order: x1, x2, x1^2, x2^2, "
                "x1*x2, sin(x1), sin(x2), cos(x1), cos(x2)."),
    ],
)

#: Every checker, by the name of the function its exercise asks for, in the order of
#: the chapters.
