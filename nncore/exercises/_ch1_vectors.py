"""The coding exercises of Chapter 1: the dot product, the norm, the side of a
hyperplane."""

from __future__ import annotations

import numpy as np

from .. import hyperplane, vectors
from ._check import Case, Check, Mistake, arrays

__all__ = ["check_dot", "check_norm", "check_halfspace"]


def _dot_cases():
    rng = np.random.default_rng(101)
    cases = [
        Case("hand", dict(zip("ab", arrays([2, -1, 3], [4, 0, -2]))),
             "the vectors of the first exercise"),
        Case("hand", dict(zip("ab", arrays([1, 2, 3], [4, 5, 6])))),
        Case("edge", dict(zip("ab", arrays([1, 0], [0, 1]))), "perpendicular vectors"),
        Case("edge", dict(zip("ab", arrays([0, 0, 0], [1, 2, 3]))), "a zero vector"),
        Case("edge", dict(zip("ab", arrays([5], [-3]))), "vectors of length 1"),
        Case("edge", dict(zip("ab", arrays([1, 1], [-1, -1]))), "opposite vectors"),
    ]
    for d in (2, 3, 4, 6):
        a, b = rng.uniform(-5, 5, size=(2, d)).round(2)
        cases.append(Case("random", {"a": a, "b": b}))
    return cases


def _dot_no_sum(a, b):
    return a * b


def _dot_sums_first(a, b):
    return np.sum(a) * np.sum(b)


def _dot_lengths(a, b):
    return np.sqrt(np.sum(a * a)) * np.sqrt(np.sum(b * b))


def _dot_adds(a, b):
    return np.sum(a + b)


check_dot = Check(
    "dot", chapter=1, label="vectors_code1", reference=vectors.dot, cases=_dot_cases,
    mistakes=[
        Mistake("no sum", _dot_no_sum,
                "Your function returns the products a_i b_i one by one. The dot product "
                "adds them up into one number: np.sum(a * b)."),
        Mistake("sums first", _dot_sums_first,
                "Your function adds up each vector first and multiplies the two sums. "
                "Multiply component by component first, then add: sum_i a_i b_i."),
        Mistake("lengths", _dot_lengths,
                "Your function multiplies the two lengths. That is the dot product only "
                "for vectors that point the same way: the geometric form has a cos(theta) "
                "too. Add up the products a_i b_i instead."),
        Mistake("sums", _dot_adds,
                "Your function adds the components a_i + b_i. The dot product adds "
                "products: sum_i a_i b_i."),
    ],
)


def _norm_cases():
    rng = np.random.default_rng(102)
    cases = [
        Case("hand", {"a": np.array([3.0, 4.0])}, "a 3-4-5 triangle"),
        Case("hand", {"a": np.array([2.0, -1.0, 3.0])}, "the vector a of the first exercise"),
        Case("edge", {"a": np.zeros(3)}, "the zero vector"),
        Case("edge", {"a": np.array([-7.0])}, "one negative component"),
        Case("edge", {"a": np.array([-1.0, -2.0, -2.0])}, "all components negative"),
    ]
    for d in (2, 3, 5, 8):
        cases.append(Case("random", {"a": rng.uniform(-5, 5, size=d).round(2)}))
    return cases


def _norm_no_root(a):
    return np.sum(a * a)


def _norm_abs(a):
    return np.sum(np.abs(a))


def _norm_square_of_sum(a):
    return np.sqrt(np.sum(a) ** 2)


def _norm_mean(a):
    return np.sqrt(np.mean(a * a))


check_norm = Check(
    "norm", chapter=1, label="vectors_code2", reference=vectors.norm, cases=_norm_cases,
    mistakes=[
        Mistake("no root", _norm_no_root,
                "Your function returns the sum of the squares, which is the squared "
                "length: take its square root (np.sqrt)."),
        Mistake("absolute values", _norm_abs,
                "Your function adds the absolute values: that is the L1 length (the "
                "taxicab distance). The Euclidean length squares each component, adds "
                "the squares and takes the square root."),
        Mistake("square of the sum", _norm_square_of_sum,
                "Your function squares the sum of the components. Square each "
                "component first, then add: sqrt(sum_i a_i^2), not sqrt((sum_i a_i)^2)."),
        Mistake("mean", _norm_mean,
                "Your function takes the mean of the squares instead of their sum: "
                "that is the root mean square, the length divided by sqrt(n)."),
    ],
)


def _halfspace_cases():
    rng = np.random.default_rng(103)
    cases = [
        Case("hand", {"X": np.array([[1.0, 3.0], [2.0, 0.5], [2.0, 2.0]]),
                      "w": np.array([0.0, 1.0]), "b": -2.0},
             "the line x2 = 2; the point (2, 2) lies on it"),
        Case("hand", {"X": np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
                      "w": np.array([1.0, 1.0]), "b": -1.5}, "AND on the four corners"),
        Case("edge", {"X": np.array([[1.0, 2.0], [3.0, 4.0]]), "w": np.array([1.0, -1.0]),
                      "b": 1.0}, "every point on the hyperplane"),
        Case("edge", {"X": np.array([[2.0, -1.0, 0.5]]), "w": np.array([1.0, 1.0, 2.0]),
                      "b": 0.0}, "one point in 3-D, no bias"),
        Case("edge", {"X": np.array([[1.0, 1.0], [-1.0, -1.0], [0.0, 0.0]]),
                      "w": np.array([0.0, 0.0]), "b": -1.0}, "w = 0: the bias alone decides"),
    ]
    for n, d in ((5, 2), (6, 2), (4, 3), (6, 3)):
        X = rng.integers(-3, 4, size=(n, d)).astype(float)
        w = rng.integers(-2, 3, size=d).astype(float)
        cases.append(Case("random", {"X": X, "w": w, "b": float(rng.integers(-2, 3))}))
    return cases


def _halfspace_strict(X, w, b):
    return (X @ w + b > 0).astype(int)


def _halfspace_no_bias(X, w, b):
    return (X @ w >= 0).astype(int)


def _halfspace_score(X, w, b):
    return X @ w + b


def _halfspace_sign(X, w, b):
    return np.sign(X @ w + b)


check_halfspace = Check(
    "halfspace", chapter=1, label="vectors_code3", reference=hyperplane.halfspace,
    cases=_halfspace_cases,
    mistakes=[
        Mistake("strict", _halfspace_strict,
                "A point on the hyperplane scores exactly 0, and the rule gives it 1 "
                "(H(0) = 1): compare with >= 0, not > 0."),
        Mistake("no bias", _halfspace_no_bias,
                "Your function forgot the bias: the score is w . x + b, and the side is "
                "decided by its sign."),
        Mistake("score", _halfspace_score,
                "Your function returns the scores w . x + b. The exercise asks for the "
                "side: 1 where the score is >= 0, else 0, such as (z >= 0).astype(int)."),
        Mistake("sign", _halfspace_sign,
                "np.sign gives -1, 0 and 1. The rule outputs 1 where w . x + b >= 0 "
                "(a score of exactly 0 included) and 0 elsewhere."),
    ],
)
