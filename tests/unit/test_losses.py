"""Tests of nncore.losses: mse and mse_grad against hand-computed values, mse_grad against
central differences, no broadcasting, bad input, and stability near the float range."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from nncore.gradcheck import numerical_gradient
from nncore.losses import mse, mse_grad


def test_mse_by_hand():
    # y_true - y_pred = (1 - 3, 0 - 0, 5 - 2, -1 - 1) = (-2, 0, 3, -2); squares 4, 0, 9, 4
    # mean = 17 / 4 = 4.25
    assert mse([3.0, 0.0, 2.0, 1.0], [1.0, 0.0, 5.0, -1.0]) == pytest.approx(4.25)


def test_mse_over_all_elements_of_a_matrix():
    # differences (1, 0; 0, 2): squares 1 + 0 + 0 + 4 = 5, over 4 elements = 1.25
    assert mse([[1.0, 1.0], [1.0, 3.0]], [[0.0, 1.0], [1.0, 1.0]]) == pytest.approx(1.25)


def test_mse_exact_prediction_is_zero():
    assert mse([1.5, -2.0], [1.5, -2.0]) == 0.0


def test_mse_grad_by_hand():
    # n = 4, y_pred - y_true = (2, 0, -3, 2); times 2/4 = (1, 0, -1.5, 1)
    assert_allclose(mse_grad([3.0, 0.0, 2.0, 1.0], [1.0, 0.0, 5.0, -1.0]), [1.0, 0.0, -1.5, 1.0])


def test_mse_grad_keeps_the_shape():
    g = mse_grad(np.ones((2, 3)), np.zeros((2, 3)))
    assert g.shape == (2, 3)
    assert_allclose(g, np.full((2, 3), 2.0 / 6))  # (2/6) (1 - 0)


@given(
    arrays(np.float64, st.integers(1, 8), elements=st.floats(-100, 100)),
    st.integers(0, 2**32 - 1),
)
def test_mse_grad_matches_central_differences(y_pred, seed):
    y_true = np.random.default_rng(seed).normal(size=y_pred.shape) * 10
    numeric = numerical_gradient(lambda p: mse(p, y_true), y_pred, eps=1e-5)
    assert_allclose(mse_grad(y_pred, y_true), numeric, rtol=1e-6, atol=1e-6)


def test_mse_grad_of_a_matrix_matches_central_differences():
    rng = np.random.default_rng(3)
    y_pred, y_true = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    numeric = numerical_gradient(lambda p: mse(p, y_true), y_pred)
    assert_allclose(mse_grad(y_pred, y_true), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("scale", [1e150, 1e-150, 1e300])
def test_stable_and_silent_for_huge_and_tiny_values(scale):
    y_pred, y_true = np.array([1.0, -2.0, 0.5]) * scale, np.array([-1.0, 1.0, 0.5]) * scale
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = mse(y_pred, y_true)
        grad = mse_grad(y_pred, y_true)
    # differences (2, -3, 0) scale: mean of squares 13/3 scale^2
    expected = 13 / 3 * scale * scale
    if math.isfinite(expected) and expected > 0:
        assert value == pytest.approx(expected, rel=1e-14)
    assert_allclose(grad, (2 / 3) * np.array([2.0, -3.0, 0.0]) * scale, rtol=1e-14)


def test_mse_squares_beyond_range_but_mean_representable():
    # d = (1.5e154, 0): d^2 = 2.25e308 > float max, but the mean 1.125e308 is representable
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mse([1.5e154, 0.0], [0.0, 0.0]) == pytest.approx(1.125e308, rel=1e-14)


def test_mse_inf_only_when_true_value_overflows():
    # d = 2e160, d^2 = 4e320 > 1.8e308: the true mean overflows, so inf, silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mse([1e160], [-1e160]) == math.inf
        assert mse([1.7e308], [-1.7e308]) == math.inf
        g = mse_grad([1e308, 0.0, 0.0, 0.0], [-1e308, 0.0, 0.0, 0.0])
    # (2/4) (2e308) = 1e308: representable although y_pred - y_true overflows
    assert_allclose(g, [1e308, 0.0, 0.0, 0.0])


@pytest.mark.parametrize("func", [mse, mse_grad])
@pytest.mark.parametrize(
    "y_pred, y_true, error, match",
    [
        ([1.0, 2.0, 3.0], [[1.0], [2.0], [3.0]], ValueError, r"same shape.*\(3,\).*\(3, 1\)"),
        ([[1.0], [2.0], [3.0]], [1.0, 2.0, 3.0], ValueError, r"y_pred shape \(3, 1\)"),
        ([1.0, 2.0], [1.0, 2.0, 3.0], ValueError, r"same shape"),
        ([1.0, np.nan], [1.0, 2.0], ValueError, r"y_pred must contain only finite.*nan"),
        ([1.0, 2.0], [np.inf, 2.0], ValueError, r"y_true must contain only finite.*inf"),
        ([], [], ValueError, r"must not be empty"),
        (["a"], [1.0], TypeError, r"y_pred must contain real numbers"),
    ],
)
def test_bad_input(func, y_pred, y_true, error, match):
    with pytest.raises(error, match=match):
        func(y_pred, y_true)


def test_rmse_by_hand_and_its_minimiser_is_the_mse_one():
    from nncore.losses import rmse

    # errors 3 and 4: mse = (9 + 16) / 2 = 12.5, rmse = sqrt(12.5)
    assert rmse([1.0, 2.0], [4.0, 6.0]) == pytest.approx(12.5 ** 0.5)
    assert rmse([1.0, 2.0], [1.0, 2.0]) == 0.0
    with pytest.raises(ValueError, match="shape"):
        rmse([1.0, 2.0], [[1.0, 2.0]])


# ---------------------------------------------------------------------------------------
# Chapter 6: one-hot, cross-entropy and binary cross-entropy
# ---------------------------------------------------------------------------------------

from nncore.losses import (  # noqa: E402  (the chapter-6 additions, tested below)
    binary_cross_entropy,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_grad,
    onehot,
)


def test_onehot_by_hand():
    assert_allclose(onehot([2, 0], 3), [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    assert onehot(np.array([1, 1, 0]), 2).dtype == float


def test_cross_entropy_by_hand():
    # logits (0, ln 3): p = (1/4, 3/4); label 0: -ln(1/4) = ln 4; label 1: -ln(3/4)
    z = [[0.0, math.log(3.0)], [0.0, math.log(3.0)]]
    assert cross_entropy(z, [0, 1]) == pytest.approx((math.log(4.0) - math.log(0.75)) / 2)
    # uniform over k classes: ln k, whatever the label
    assert cross_entropy(np.zeros((3, 5)), [0, 3, 4]) == pytest.approx(math.log(5.0))
    # a single row with an int label
    assert cross_entropy([0.0, math.log(3.0)], 1) == pytest.approx(-math.log(0.75))


def test_cross_entropy_matches_scipy_log_softmax():
    special = pytest.importorskip("scipy.special")
    rng = np.random.default_rng(0)
    Z, y = 5 * rng.standard_normal((8, 4)), rng.integers(0, 4, 8)
    expected = -np.mean(special.log_softmax(Z, axis=1)[np.arange(8), y])
    assert cross_entropy(Z, y) == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_is_invariant_to_adding_a_constant_to_a_row():
    rng = np.random.default_rng(1)
    Z, y = rng.standard_normal((5, 3)), rng.integers(0, 3, 5)
    shifted = Z + rng.standard_normal((5, 1)) * 100
    assert cross_entropy(shifted, y) == pytest.approx(cross_entropy(Z, y), rel=1e-9)
    assert_allclose(cross_entropy_grad(shifted, y), cross_entropy_grad(Z, y), atol=1e-12)


def test_cross_entropy_grad_is_p_minus_y_over_n():
    # logits (0, 0, ln 2): p = (1/4, 1/4, 1/2); label 2, n = 2 rows
    z = np.array([[0.0, 0.0, math.log(2.0)], [0.0, 0.0, 0.0]])
    g = cross_entropy_grad(z, [2, 0])
    assert_allclose(g, [[0.125, 0.125, -0.25], [(1 / 3 - 1) / 2, 1 / 6, 1 / 6]])
    assert_allclose(g.sum(axis=1), 0.0, atol=1e-15)  # each row sums to 0
    assert cross_entropy_grad([0.0, 0.0], 1).shape == (2,)


def test_cross_entropy_grad_matches_central_differences():
    rng = np.random.default_rng(2)
    Z, y = 2 * rng.standard_normal((6, 4)), rng.integers(0, 4, 6)
    numeric = numerical_gradient(lambda M: cross_entropy(M, y), Z)
    assert_allclose(cross_entropy_grad(Z, y), numeric, rtol=1e-6, atol=1e-9)


def test_cross_entropy_at_huge_logits_is_finite_and_silent():
    # pytest turns numpy warnings into errors; a sure wrong answer costs its margin
    z = np.array([[1e4, 0.0, -1e4], [0.0, 1e4, 0.0], [-1e4, -1e4, -1e4]])
    assert cross_entropy(z, [1, 1, 2]) == pytest.approx((1e4 + 0.0 + math.log(3.0)) / 3)
    g = cross_entropy_grad(z, [1, 1, 2])
    assert np.all(np.isfinite(g))
    assert_allclose(g[0], [1 / 3, -1 / 3, 0.0], atol=1e-15)


@pytest.mark.parametrize("func", [cross_entropy, cross_entropy_grad])
@pytest.mark.parametrize(
    "logits, labels, error, match",
    [
        ([[0.0, 1.0]], [2], ValueError, r"class indices in \[0, 1\] for 2 classes; got 2 at index 0"),
        ([[0.0, 1.0]], [-1], ValueError, r"got -1 at index 0"),
        ([[0.0, 1.0]], [1.0], TypeError, r"labels must be integer class indices.*float64"),
        ([[0.0, 1.0]], [True], TypeError, r"labels must be integer class indices.*bool"),
        ([[0.0, 1.0], [1.0, 0.0]], [0], ValueError, r"shape \(2,\); got shape \(1,\)"),
        ([0.0, 1.0], 1.0, TypeError, r"an int class index"),
        ([[[0.0]]], [0], ValueError, r"logits must be 2-D"),
        ([[0.0, np.nan]], [0], ValueError, r"logits must contain only finite"),
    ],
)
def test_cross_entropy_bad_input(func, logits, labels, error, match):
    with pytest.raises(error, match=match):
        func(logits, labels)


def test_onehot_bad_input():
    with pytest.raises(ValueError, match=r"got 3 at index 0"):
        onehot([3], 3)
    with pytest.raises(TypeError, match="integer"):
        onehot([0.0, 1.0], 2)
    with pytest.raises(TypeError, match="n_classes must be an int"):
        onehot([0], 2.0)


def test_binary_cross_entropy_by_hand_and_as_two_class_cross_entropy():
    # sigma(ln 3) = 3/4: label 1 costs -ln(3/4), label 0 costs -ln(1/4)
    z = np.array([math.log(3.0), math.log(3.0)])
    assert binary_cross_entropy(z, [1, 0]) == pytest.approx((-math.log(0.75) - math.log(0.25)) / 2)
    rng = np.random.default_rng(3)
    z, y = 3 * rng.standard_normal(7), rng.integers(0, 2, 7)
    two_class = np.column_stack([np.zeros(7), z])  # softmax(0, z)_1 = sigma(z)
    assert binary_cross_entropy(z, y) == pytest.approx(cross_entropy(two_class, y), rel=1e-12)
    assert_allclose(binary_cross_entropy_grad(z, y), cross_entropy_grad(two_class, y)[:, 1], rtol=1e-12)


def test_binary_cross_entropy_grad_and_shapes():
    rng = np.random.default_rng(4)
    z, y = rng.standard_normal((5, 1)), rng.integers(0, 2, 5)
    g = binary_cross_entropy_grad(z, y)
    assert g.shape == (5, 1)
    numeric = numerical_gradient(lambda v: binary_cross_entropy(v, y), z)
    assert_allclose(g, numeric, rtol=1e-6, atol=1e-9)
    assert binary_cross_entropy_grad(z[:, 0], y).shape == (5,)


def test_binary_cross_entropy_at_huge_logits_is_finite_and_silent():
    assert binary_cross_entropy([1e4, -1e4, 1e4], [0, 0, 1]) == pytest.approx(1e4 / 3)
    assert_allclose(binary_cross_entropy_grad([1e4, -1e4], [0, 0]), [0.5, 0.0])


@pytest.mark.parametrize(
    "logits, labels, error, match",
    [
        ([0.0, 1.0], [0, 2], ValueError, r"labels must be 0 or 1; got 2 at index 1"),
        ([0.0, 1.0], [0.0, 1.0], TypeError, r"labels must be integer labels"),
        ([[0.0, 1.0]], [0], ValueError, r"one score per sample"),
        ([0.0, 1.0], [0], ValueError, r"shape \(2,\); got shape \(1,\)"),
    ],
)
def test_binary_cross_entropy_bad_input(logits, labels, error, match):
    with pytest.raises(error, match=match):
        binary_cross_entropy(logits, labels)


# --- soft_cross_entropy (target distributions) ---------------------------------------


def test_soft_cross_entropy_with_onehot_targets_is_cross_entropy():
    from nncore.losses import cross_entropy, cross_entropy_grad, onehot
    from nncore.losses import soft_cross_entropy, soft_cross_entropy_grad

    Z = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    y = np.array([2, 0])
    Q = onehot(y, 3)
    assert soft_cross_entropy(Z, Q) == pytest.approx(cross_entropy(Z, y), rel=1e-14)
    assert np.allclose(soft_cross_entropy_grad(Z, Q), cross_entropy_grad(Z, y))


def test_soft_cross_entropy_by_hand_and_its_gradient_by_differences():
    from nncore.losses import soft_cross_entropy, soft_cross_entropy_grad

    z = np.array([0.3, 1.2, -0.7])
    q = np.array([0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3])  # label smoothing, eps = 0.1
    e = np.exp(z)
    p = e / e.sum()
    assert soft_cross_entropy(z, q) == pytest.approx(-np.sum(q * np.log(p)))
    g = numerical_gradient(lambda t: soft_cross_entropy(t, q), z)
    assert np.allclose(soft_cross_entropy_grad(z, q), g, atol=1e-9)
    assert np.allclose(g, p - q, atol=1e-9)
    # finite and silent for huge logits
    assert np.isfinite(soft_cross_entropy([1e4, -1e4, 0.0], q))


@pytest.mark.parametrize("targets, match", [
    ([[0.5, 0.5, 0.5]], "sum to 1"),
    ([[1.2, -0.2, 0.0]], ">= 0"),
    ([[0.5, 0.5]], "shape of logits"),
    ([[np.nan, 0.5, 0.5]], "targets"),
])
def test_soft_cross_entropy_bad_targets(targets, match):
    from nncore.losses import soft_cross_entropy

    with pytest.raises(ValueError, match=match):
        soft_cross_entropy([[0.0, 1.0, 2.0]], targets)
