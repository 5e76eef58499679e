"""Tests of nncore.linreg: the line's loss against plain sums, its gradient and Hessian
against central differences, the grid against point-by-point losses, the closed form
against np.polyfit and the zero of the gradient, and the standardise round trip."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from nncore import linreg, optimisers
from nncore.datasets import house_prices
from nncore.gradcheck import numerical_gradient
from nncore.linreg import (
    closed_form,
    hessian,
    loss,
    loss_grad,
    loss_surface,
    predict,
    smoothness,
    standardize,
    unstandardize_params,
)

X3, Y3 = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 7.0])


def test_predict_and_loss_by_hand():
    assert_allclose(predict([2.0, -1.0], X3), [-1.0, 1.0, 3.0])
    # residuals y - p = (2, 1, 4): (4 + 1 + 16) / 3 = 7
    assert loss([2.0, -1.0], X3, Y3) == pytest.approx(7.0)


def test_loss_grad_by_hand():
    # residuals r = (2, 1, 4); dw = -(2/3)(2*0 + 1*1 + 4*2) = -6; db = -(2/3)(2 + 1 + 4) = -14/3
    assert_allclose(loss_grad([2.0, -1.0], X3, Y3), [-6.0, -14.0 / 3])


@settings(max_examples=50, deadline=None)
@given(
    st.floats(-5, 5),
    st.floats(-5, 5),
    st.integers(2, 20),
    st.integers(0, 2**32 - 1),
)
def test_loss_grad_matches_central_differences(w, b, n, seed):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=n) * 3, rng.normal(size=n) * 3
    numeric = numerical_gradient(lambda t: loss(t, x, y), [w, b], eps=1e-5)
    assert_allclose(loss_grad([w, b], x, y), numeric, rtol=1e-6, atol=1e-6)


def test_hessian_by_hand_and_by_second_differences():
    # (2/3) [[0 + 1 + 4, 0 + 1 + 2], [3, 3]] = [[10/3, 2], [2, 2]]
    assert_allclose(hessian(X3), [[10 / 3, 2.0], [2.0, 2.0]])
    x, y = house_prices(n=30, seed=4)
    x = x / 100  # keep the second differences well conditioned
    theta, h = np.array([0.3, -0.7]), 1e-3
    E = np.eye(2)
    numeric = np.empty((2, 2))
    for i in range(2):
        for j in range(2):
            numeric[i, j] = (
                loss(theta + h * E[i] + h * E[j], x, y)
                - loss(theta + h * E[i] - h * E[j], x, y)
                - loss(theta - h * E[i] + h * E[j], x, y)
                + loss(theta - h * E[i] - h * E[j], x, y)
            ) / (4 * h * h)
    assert_allclose(hessian(x), numeric, rtol=1e-5)


def test_smoothness_is_the_largest_eigenvalue():
    # H = [[10/3, 2], [2, 2]]: trace 16/3, det 20/3 - 4 = 8/3; lambda = (16/3 + sqrt(256/9 - 32/3)) / 2
    expected = (16 / 3 + np.sqrt(256 / 9 - 32 / 3)) / 2
    assert smoothness(X3) == pytest.approx(expected)
    xs, _, _ = standardize(X3)
    assert smoothness(xs) == pytest.approx(2.0)  # H = 2 I on standardised x


def test_loss_surface_equals_loss_at_every_grid_point():
    x, y = house_prices(n=20, seed=1)
    ws, bs = np.linspace(0, 5, 7), np.linspace(-100, 200, 5)
    Z = loss_surface(ws, bs, x, y)
    assert Z.shape == (5, 7)
    for j, b in enumerate(bs):
        for k, w in enumerate(ws):
            assert Z[j, k] == pytest.approx(loss([w, b], x, y), rel=1e-12)


def test_closed_form_equals_polyfit_and_zeroes_the_gradient():
    x, y = house_prices(n=40, seed=2)
    theta = closed_form(x, y)
    assert_allclose(theta, np.polyfit(x, y, 1), rtol=1e-9)
    scale = np.abs(loss_grad([0.0, 0.0], x, y)).max()
    assert np.abs(loss_grad(theta, x, y)).max() < 1e-9 * scale


def test_closed_form_is_exact_on_a_line():
    assert_allclose(closed_form([0.0, 1.0, 2.0, 5.0], [1.0, 3.0, 5.0, 11.0]), [2.0, 1.0])


def test_standardize_by_hand():
    # mean 2, population std sqrt(((1-2)^2 + 0 + (3-2)^2)/3) = sqrt(2/3)
    xs, mean, std = standardize([1.0, 2.0, 3.0])
    assert mean == 2.0 and std == pytest.approx(np.sqrt(2 / 3))
    assert_allclose(xs, np.array([-1.0, 0.0, 1.0]) / np.sqrt(2 / 3))
    assert np.mean(xs) == pytest.approx(0.0, abs=1e-15) and np.std(xs) == pytest.approx(1.0)


def test_line_fitted_on_scaled_x_maps_back_to_the_raw_fit():
    x, y = house_prices(n=60, seed=3)
    xs, mean, std = standardize(x)
    theta = unstandardize_params(closed_form(xs, y), mean, std)
    assert_allclose(theta, closed_form(x, y), rtol=1e-9)
    assert_allclose(predict(theta, x), predict(closed_form(xs, y), xs), rtol=1e-9)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: predict([1.0, 2.0, 3.0], X3), ValueError, r"theta must have shape \(2,\); got shape \(3,\)"),
        (lambda: loss([1.0, 2.0], X3, [1.0, 2.0]), ValueError, r"y must have shape \(3,\) to match x"),
        (lambda: loss([1.0, 2.0], X3, [[1.0], [2.0], [3.0]]), ValueError, r"y must be a 1-D vector"),
        (lambda: loss([1.0, np.nan], X3, Y3), ValueError, r"theta must contain only finite"),
        (lambda: loss_grad([1.0, 2.0], [0.0, np.inf, 1.0], Y3), ValueError, r"x must contain only finite"),
        (lambda: loss_surface([[1.0]], [1.0], X3, Y3), ValueError, r"ws must be a 1-D vector"),
        (lambda: loss_surface([1.0], [], X3, Y3), ValueError, r"bs must have at least one element"),
        (lambda: closed_form([2.0, 2.0, 2.0], Y3), ValueError, r"two distinct values"),
        (lambda: standardize([5.0, 5.0]), ValueError, r"standard deviation is 0"),
        (lambda: unstandardize_params([1.0, 2.0], 0.0, 0.0), ValueError, r"std must be > 0.*got 0.0"),
        (lambda: unstandardize_params([1.0, 2.0], np.nan, 1.0), ValueError, r"mean must contain only finite"),
        (lambda: hessian(["a"]), TypeError, r"x must contain real numbers"),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_hessian_with_several_features_is_two_over_n_AtA_and_matches_differences():
    # a linear model with two features: AL(w1, w2, b) = mean((w . x_i + b - y_i)^2)
    X = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, -1.0]])
    y = np.array([1.0, -1.0, 2.0])

    def al(theta):
        return float(np.mean((X @ theta[:2] + theta[2] - y) ** 2))

    H = linreg.hessian(X)
    assert H.shape == (3, 3)
    # by hand: (2/3) [[1+0+9, 0+0-3, 1+0+3], [-3, 0+4+1, 0+2-1], [4, 1, 3]]
    expected = (2.0 / 3.0) * np.array([[10.0, -3.0, 4.0], [-3.0, 5.0, 1.0], [4.0, 1.0, 3.0]])
    assert_allclose(H, expected)
    grad = lambda t: numerical_gradient(al, t)  # noqa: E731
    H_num = np.array([numerical_gradient(lambda t, i=i: grad(t)[i], np.zeros(3))
                      for i in range(3)])
    assert_allclose(H, H_num, atol=1e-3)
    assert linreg.smoothness(X) == pytest.approx(np.linalg.eigvalsh(expected).max())
    # one feature as a column gives the 1-D answer
    x = np.array([1.0, 3.0])
    assert_allclose(linreg.hessian(x[:, None]), linreg.hessian(x))
    with pytest.raises(ValueError, match="x"):
        linreg.hessian(np.zeros((2, 2, 2)))


# -- standardize_params and descent_path ----------------------------------------------------


def test_standardize_params_by_hand_and_as_the_inverse_of_unstandardize_params():
    # w x + b with (w, b) = (0.5, 0) on z = (x - 10) / 4: w' = 0.5 * 4, b' = 0 + 0.5 * 10
    assert_allclose(linreg.standardize_params([0.5, 0.0], 10.0, 4.0), [2.0, 5.0])
    rng = np.random.default_rng(0)
    for _ in range(20):
        theta, mean, std = rng.normal(size=2), rng.normal(), rng.uniform(0.1, 5)
        assert_allclose(linreg.unstandardize_params(
            linreg.standardize_params(theta, mean, std), mean, std), theta)
        # the same line: the raw line at x equals the standardised one at z
        x = rng.normal(size=5)
        w_s, b_s = linreg.standardize_params(theta, mean, std)
        assert_allclose(theta[0] * x + theta[1], w_s * (x - mean) / std + b_s)
    with pytest.raises(ValueError, match="std must be > 0"):
        linreg.standardize_params([1.0, 0.0], 0.0, 0.0)


def test_descent_path_full_batch_is_the_update_rule_written_out():
    x, y = np.array([0.0, 1.0, 2.0, 4.0]), np.array([1.0, 2.0, 2.0, 5.0])
    path = linreg.descent_path(x, y, [0.5, -1.0], 0.05, 7, momentum=0.5)
    theta, v = np.array([0.5, -1.0]), np.zeros(2)
    expected = [theta.copy()]
    for _ in range(7):  # heavy ball: v <- beta v + grad, theta <- theta - lr v
        r = theta[0] * x + theta[1] - y
        grad = np.array([2 * np.mean(r * x), 2 * np.mean(r)])
        v = 0.5 * v + grad
        theta = theta - 0.05 * v
        expected.append(theta.copy())
    assert_allclose(path.params, expected)
    assert path.steps == 7


@pytest.mark.parametrize("batch_size, n_steps", [(1, 6), (2, 5), (3, 4), (10, 3)])
def test_descent_path_mini_batches_stop_after_n_steps(batch_size, n_steps):
    x, y = np.arange(5.0), 2 * np.arange(5.0) + 1
    path = linreg.descent_path(x, y, [0.0, 0.0], 0.01, n_steps, batch_size=batch_size, seed=3)
    assert path.steps == n_steps
    full = optimisers.minibatch_descent(linreg.loss, linreg.loss_grad, [0.0, 0.0], x, y, 0.01,
                                        n_steps, batch_size=min(batch_size, 5), seed=3)
    assert_allclose(path.params, full.params[:n_steps + 1])  # the same first updates
