"""Tests of the perceptron criterion, its subgradient and the hinge loss (chapter 2).

References that can disagree with the code under test: values worked out by hand (in
the comments); the same sums written as plain Python loops; central differences
(``nncore.gradcheck``) away from the kink; the subgradient inequality of a convex
function, which must hold at every point, the kink included; and Rosenblatt's rule
itself, as ``Perceptron.history_`` records it, for the claim that one step of
stochastic subgradient descent is one perceptron update. scikit-learn's ``hinge_loss``,
if installed, checks the hinge.
"""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore.datasets import blobs, iris, xor
from nncore.gradcheck import numerical_gradient
from nncore.perceptron import (
    Perceptron,
    hinge_loss,
    perceptron_criterion,
    perceptron_criterion_grad,
)

# ---------------------------------------------------------------------------------------
# Hand-worked values
# ---------------------------------------------------------------------------------------

# Three points and w = (1, -1), b = 0.5:
#   x_0 = (2, 1),  y = 0, s = -1: z = 2 - 1 + 0.5 = 1.5,  s z = -1.5 (wrong side)
#   x_1 = (0, 3),  y = 1, s = +1: z = 0 - 3 + 0.5 = -2.5, s z = -2.5 (wrong side)
#   x_2 = (1, 0),  y = 1, s = +1: z = 1 - 0 + 0.5 = 1.5,  s z = 1.5  (right side)
HAND_X = [[2.0, 1.0], [0.0, 3.0], [1.0, 0.0]]
HAND_Y = [0, 1, 1]
HAND_W, HAND_B = [1.0, -1.0], 0.5


def test_criterion_by_hand():
    # (max(0, 1.5) + max(0, 2.5) + max(0, -1.5)) / 3 = 4 / 3
    assert perceptron_criterion(HAND_X, HAND_Y, HAND_W, HAND_B) == pytest.approx(4 / 3)


def test_hinge_by_hand():
    # (max(0, 1 + 1.5) + max(0, 1 + 2.5) + max(0, 1 - 1.5)) / 3 = (2.5 + 3.5 + 0) / 3 = 2
    assert hinge_loss(HAND_X, HAND_Y, HAND_W, HAND_B) == pytest.approx(2.0)


def test_subgradient_by_hand():
    # y_hat = step(z) = (1, 0, 1); y_hat - y = (1, -1, 0)
    # grad_w = (1 (2, 1) - 1 (0, 3) + 0) / 3 = (2, -2) / 3;  grad_b = (1 - 1 + 0) / 3 = 0
    grad_w, grad_b = perceptron_criterion_grad(HAND_X, HAND_Y, HAND_W, HAND_B)
    assert_allclose(grad_w, [2 / 3, -2 / 3])
    assert grad_b == 0.0
    assert isinstance(grad_b, float)


def test_zero_weights_cost_nothing_but_the_hinge_costs_one():
    # z = 0 everywhere: s z = 0, so max(0, -0) = 0 for every point, max(0, 1 - 0) = 1
    X, y = iris()
    assert perceptron_criterion(X, y, np.zeros(2), 0.0) == 0.0
    assert hinge_loss(X, y, np.zeros(2), 0.0) == 1.0


@pytest.mark.parametrize("c", [0.5, 3.0, 1e6])
def test_criterion_scales_with_the_weights_and_the_hinge_does_not(c):
    # max(0, -s c z) = c max(0, -s z) for c > 0: the criterion has no preferred scale
    X, y = blobs(n=40, noise=1.5, seed=3)
    w, b = np.array([0.7, -0.2]), 0.3
    assert_allclose(perceptron_criterion(X, y, c * w, c * b),
                    c * perceptron_criterion(X, y, w, b), rtol=1e-12)
    gw, gb = perceptron_criterion_grad(X, y, w, b)
    gw_c, gb_c = perceptron_criterion_grad(X, y, c * w, c * b)  # same step(z): same subgradient
    assert_array_equal(gw_c, gw)
    assert gb_c == gb


def test_against_plain_loops():
    X, y = blobs(n=30, noise=1.2, seed=5)
    w, b = np.array([-0.4, 1.1]), -0.25
    crit = hinge = 0.0
    gw, gb = np.zeros(2), 0.0
    for x_i, y_i in zip(X, y):
        s = 2 * y_i - 1
        z = sum(w_k * x_k for w_k, x_k in zip(w, x_i)) + b
        crit += max(0.0, -s * z)
        hinge += max(0.0, 1.0 - s * z)
        y_hat = 1 if z >= 0 else 0
        gw += (y_hat - y_i) * x_i
        gb += y_hat - y_i
    n = len(y)
    assert perceptron_criterion(X, y, w, b) == pytest.approx(crit / n, rel=1e-12)
    assert hinge_loss(X, y, w, b) == pytest.approx(hinge / n, rel=1e-12)
    grad_w, grad_b = perceptron_criterion_grad(X, y, w, b)
    assert_allclose(grad_w, gw / n, rtol=1e-12)
    assert grad_b == pytest.approx(gb / n)


def test_hinge_against_scikit_learn():
    sk_hinge = pytest.importorskip("sklearn.metrics").hinge_loss

    X, y = blobs(n=50, noise=1.0, seed=8)
    w, b = np.array([0.3, 0.9]), -0.1
    z = X @ w + b
    assert hinge_loss(X, y, w, b) == pytest.approx(sk_hinge(2 * y - 1, z), rel=1e-12)


# ---------------------------------------------------------------------------------------
# The subgradient: finite differences away from the kink, the subgradient inequality
# everywhere
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_gradient_matches_central_differences_away_from_the_kink(seed):
    rng = np.random.default_rng(seed)
    X, y = blobs(n=25, noise=1.5, seed=seed)
    w, b = rng.normal(size=2), float(rng.normal())
    z = X @ w + b
    assert np.min(np.abs(z)) > 1e-3  # no point on the kink: L is differentiable here

    def L(theta):
        return perceptron_criterion(X, y, theta[:2], theta[2])

    numeric = numerical_gradient(L, np.r_[w, b], eps=1e-7)
    grad_w, grad_b = perceptron_criterion_grad(X, y, w, b)
    assert_allclose(np.r_[grad_w, grad_b], numeric, rtol=1e-6, atol=1e-8)
    assert np.any(numeric != 0)  # some points are wrong: the test is not 0 == 0


@pytest.mark.parametrize("label", [0, 1])
def test_at_the_kink_the_chosen_vector_is_a_subgradient(label):
    # One point on the hyperplane (z = 0). L(v) = max(0, -s (w.x + b)) is convex, so g is
    # a subgradient at v0 = (w, b) exactly when L(v) >= L(v0) + g . (v - v0) for every v.
    x = np.array([[1.5, -2.0]])
    w0, b0 = np.array([2.0, 1.0]), -1.0  # z = 3 - 2 - 1 = 0
    grad_w, grad_b = perceptron_criterion_grad(x, [label], w0, b0)
    g = np.r_[grad_w, grad_b]
    # step(0) = 1: a class-1 point is right (g = 0), a class-0 point wrong (g = (x, 1))
    assert_allclose(g, [0.0, 0.0, 0.0] if label == 1 else [1.5, -2.0, 1.0])
    rng = np.random.default_rng(label)
    for v in rng.normal(size=(500, 3)) * 3:
        lhs = perceptron_criterion(x, [label], v[:2], v[2])
        assert lhs >= 0.0 + g @ (v - np.r_[w0, b0]) - 1e-12


def test_subgradient_inequality_on_a_whole_data_set():
    X, y = xor(n=40, noise=0.2, seed=1)
    rng = np.random.default_rng(2)
    for _ in range(50):
        v0 = rng.normal(size=3)
        L0 = perceptron_criterion(X, y, v0[:2], v0[2])
        gw, gb = perceptron_criterion_grad(X, y, v0[:2], v0[2])
        g = np.r_[gw, gb]
        for v in rng.normal(size=(20, 3)) * 2:
            assert perceptron_criterion(X, y, v[:2], v[2]) >= L0 + g @ (v - v0) - 1e-12


# ---------------------------------------------------------------------------------------
# One step of SGD on the criterion is one perceptron update
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lr", [1.0, 0.1, 0.375])
@pytest.mark.parametrize("data", ["blobs", "iris", "xor"])
def test_every_update_of_the_perceptron_is_an_sgd_step(data, lr):
    X, y = {"blobs": blobs(n=30, noise=0.9, seed=2), "iris": iris(),
            "xor": xor(n=4, noise=0)}[data]
    model = Perceptron(lr=lr, max_epochs=10).fit(X, y)
    assert model.n_updates_ > 0
    for rec in model.history_:
        gw, gb = perceptron_criterion_grad(rec["x"][np.newaxis, :], [rec["y"]],
                                           rec["w_before"], rec["b_before"])
        assert_allclose(rec["w_before"] - lr * gw, rec["w"], rtol=0, atol=1e-12)
        assert rec["b_before"] - lr * gb == pytest.approx(rec["b"], abs=1e-12)


@pytest.mark.parametrize("seed", [None, 4])
def test_sgd_over_epochs_reproduces_the_whole_run(seed):
    # Visit the samples in the perceptron's order and take an SGD step at every visit,
    # right or wrong: the right answers have subgradient 0 and change nothing.
    X, y = blobs(n=40, noise=1.0, seed=6)
    model = Perceptron(lr=0.5, seed=seed).fit(X, y)
    rng = None if seed is None else np.random.default_rng(seed)
    w, b = np.zeros(2), 0.0
    steps_that_moved = 0
    for _ in range(model.n_epochs_):
        order = range(len(y)) if rng is None else rng.permutation(len(y)).tolist()
        for i in order:
            gw, gb = perceptron_criterion_grad(X[i:i + 1], y[i:i + 1], w, b)
            if np.any(gw != 0) or gb != 0:
                steps_that_moved += 1
            w, b = w - 0.5 * gw, b - 0.5 * gb
    assert steps_that_moved == model.n_updates_
    assert_allclose(w, model.w_, atol=1e-12)
    assert b == pytest.approx(model.b_, abs=1e-12)


def test_the_step_function_has_no_such_signal():
    # The error count (1/n) sum [step(z_i) != y_i] is flat in (w, b) at a generic point:
    # central differences give 0, while the criterion's gradient is not 0.
    X, y = blobs(n=30, noise=1.5, seed=0)
    w, b = np.array([0.2, 1.0]), -0.4

    def error_count(theta):
        z = X @ theta[:2] + theta[2]
        return float(np.mean((z >= 0).astype(int) != y))

    assert error_count(np.r_[w, b]) > 0
    assert_array_equal(numerical_gradient(error_count, np.r_[w, b], eps=1e-7), 0.0)
    assert np.any(perceptron_criterion_grad(X, y, w, b)[0] != 0)


# ---------------------------------------------------------------------------------------
# Extreme values and bad input
# ---------------------------------------------------------------------------------------


def test_extreme_values_are_finite_and_silent():
    X = np.array([[1e300, -1e300], [-1e300, 1e300]])
    y = [1, 1]
    w, b = np.array([1e7, 0.0]), 1e7
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        crit = perceptron_criterion(X, y, w, b)      # scores +-1e307: mean 5e306
        hinge = hinge_loss(X, y, w, b)
        gw, gb = perceptron_criterion_grad(X, y, w, b)  # y_hat = (1, 0): -(x_1) / 2
        big = perceptron_criterion(np.full((3, 1), 1e308), [0, 0, 0], [1.5], 0.0)
    assert crit == pytest.approx(5e306, rel=1e-12)
    assert hinge == pytest.approx(5e306, rel=1e-12)
    assert_allclose(gw, [5e299, -5e299])
    assert gb == -0.5
    assert big == pytest.approx(1.5e308, rel=1e-12)  # the plain sum would overflow


@pytest.mark.parametrize("f", [perceptron_criterion, perceptron_criterion_grad, hinge_loss])
@pytest.mark.parametrize(
    "args, error, phrase",
    [
        (([1.0, 2.0], [1], [1.0, 0.0], 0.0), ValueError, "X must be 2-D"),
        (([[1.0, 2.0]], [2], [1.0, 0.0], 0.0), ValueError, "labels in {0, 1}"),
        (([[1.0, 2.0]], [1, 0], [1.0, 0.0], 0.0), ValueError, "one label per sample"),
        (([[1.0, 2.0]], [1], [1.0, 0.0, 3.0], 0.0), ValueError, "w"),
        (([[1.0, 2.0]], [1], [1.0, 0.0], [0.0, 1.0]), ValueError, "b"),
        (([[np.nan, 2.0]], [1], [1.0, 0.0], 0.0), ValueError, "X"),
        (([[1.0, 2.0]], [1], [1.0, np.inf], 0.0), ValueError, "w"),
        (([["a", "b"]], [1], [1.0, 0.0], 0.0), TypeError, "X"),
    ],
)
def test_bad_input_is_refused_by_name(f, args, error, phrase):
    with pytest.raises(error, match=phrase.replace("{", r"\{").replace("}", r"\}")):
        f(*args)
