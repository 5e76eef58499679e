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
