"""Tests of nncore.optimisers: descent on the line's loss against the closed form, the
2/L threshold on both sides (worked out by hand on a 1-D quadratic), silent divergence,
momentum on an ill-conditioned bowl, batches, Newton's method against hand values, and
bad input."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore.datasets import house_prices
from nncore.linreg import closed_form, loss, loss_grad, smoothness, standardize
from nncore.optimisers import (
    Path,
    gradient_descent,
    minibatch_descent,
    newton_step,
    newton_minimize,
    newton_root,
)


def _line(n=50, seed=0):
    x, y = house_prices(n=n, seed=seed)
    xs, _, _ = standardize(x)
    return xs, y


def test_path_attributes():
    xs, y = _line()
    path = gradient_descent(lambda t: loss(t, xs, y), lambda t: loss_grad(t, xs, y), [0.0, 0.0], 0.1, 7)
    assert isinstance(path, Path)
    assert path.params.shape == (8, 2) and path.losses.shape == (8,)
    assert len(path) == 8 and path.steps == 7 and path.lr == 0.1
    assert path.diverged is False and path.converged is False
    assert_array_equal(path.params[0], [0.0, 0.0])
    assert path.losses[0] == pytest.approx(loss([0.0, 0.0], xs, y))
    assert "Path(steps=7" in repr(path)


@pytest.mark.parametrize("raw", [False, True])
def test_converges_to_closed_form_below_2_over_L(raw):
    x, y = house_prices(n=50, seed=0)
    if not raw:
        x, _, _ = standardize(x)
    x = x if not raw else x / 100  # raw but in hundreds of m^2: still ill-conditioned
    L = smoothness(x)
    path = gradient_descent(
        lambda t: loss(t, x, y), lambda t: loss_grad(t, x, y), [0.0, 0.0], 1.9 / L, 200_000, tol=1e-9
    )
    assert path.converged and not path.diverged
    assert_allclose(path.params[-1], closed_form(x, y), rtol=1e-6)
    assert np.all(np.diff(path.losses) <= 1e-9 * path.losses[0])  # below 2/L it never climbs


def test_diverges_silently_above_2_over_L():
    xs, y = _line()
    L = smoothness(xs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = gradient_descent(
            lambda t: loss(t, xs, y), lambda t: loss_grad(t, xs, y), [0.0, 0.0], 2.02 / L, 10_000
        )
    assert path.diverged and not path.converged
    assert path.steps < 10_000
    assert np.linalg.norm(path.params[-1]) > 1e12
    assert path.losses[-1] > 1e6 * path.losses[0]
    assert np.all(np.isfinite(path.losses))


@pytest.mark.parametrize("a", [0.5, 3.0])
def test_threshold_on_a_1d_quadratic(a):
    # f(t) = a t^2, f' = 2 a t: t_{k+1} = (1 - 2 a lr) t_k, so t_k = (1 - 2 a lr)^k t_0.
    # |1 - 2 a lr| < 1 iff 0 < lr < 1/a = 2/L with L = f'' = 2a.
    f, g = (lambda t: a * t[0] ** 2), (lambda t: 2 * a * t)
    for factor, converges in [(0.5, True), (0.99, True), (1.01, False), (1.5, False)]:
        lr = factor / a
        path = gradient_descent(f, g, [1.0], lr, 3000)
        k = np.arange(len(path))
        expected = (1 - 2 * a * lr) ** k
        assert_allclose(path.params[:, 0], expected, rtol=1e-9)
        assert path.diverged is (not converges)
        if converges:
            assert abs(path.params[-1, 0]) < 1e-10
    # exactly at 2/L: the factor is -1, it oscillates forever, neither converging nor diverging
    path = gradient_descent(f, g, [1.0], 1 / a, 10)
    assert_allclose(path.params[:, 0], [1.0, -1.0] * 5 + [1.0])
    assert not path.diverged


def test_tol_stops_with_converged():
    f, g = (lambda t: float(t @ t)), (lambda t: 2 * t)
    path = gradient_descent(f, g, [1.0, 1.0], 0.25, 1000, tol=1e-6)
    assert path.converged and path.steps < 30
    assert np.linalg.norm(2 * path.params[-1]) < 1e-6


def test_momentum_is_faster_on_an_ill_conditioned_quadratic():
    h = np.array([1.0, 0.01])  # f = (1/2)(t0^2 + 0.01 t1^2): condition number 100
    f, g = (lambda t: 0.5 * float(np.sum(h * t * t))), (lambda t: h * t)
    lr = 1.0  # < 2/L = 2
    plain = gradient_descent(f, g, [1.0, 1.0], lr, 100_000, tol=1e-6)
    heavy = gradient_descent(f, g, [1.0, 1.0], lr, 100_000, momentum=0.8, tol=1e-6)
    assert plain.converged and heavy.converged
    assert heavy.steps < plain.steps / 3
    assert_allclose(heavy.params[-1], [0.0, 0.0], atol=1e-4)


def test_momentum_by_hand():
    # f = t^2, g = 2t, lr 0.1, beta 0.5, t0 = 1
    # v1 = 2, t1 = 1 - 0.2 = 0.8; v2 = 0.5*2 + 1.6 = 2.6, t2 = 0.8 - 0.26 = 0.54
    path = gradient_descent(lambda t: t[0] ** 2, lambda t: 2 * t, [1.0], 0.1, 2, momentum=0.5)
    assert_allclose(path.params[:, 0], [1.0, 0.8, 0.54])


def test_full_batch_equals_gradient_descent_step_for_step():
    xs, y = _line()
    gd = gradient_descent(lambda t: loss(t, xs, y), lambda t: loss_grad(t, xs, y), [5.0, -3.0], 0.3, 25)
    mb = minibatch_descent(loss, loss_grad, [5.0, -3.0], xs, y, 0.3, 25)
    assert_array_equal(mb.params, gd.params)
    assert_array_equal(mb.losses, gd.losses)


@pytest.mark.parametrize("batch_size", [1, 8])
def test_minibatches_are_reproducible_and_get_near_the_optimum(batch_size):
    xs, y = _line(n=40)
    run = lambda seed: minibatch_descent(  # noqa: E731
        loss, loss_grad, [0.0, 0.0], xs, y, 0.01, 60, batch_size=batch_size, seed=seed
    )
    a, b, c = run(1), run(1), run(2)
    assert_array_equal(a.params, b.params)
    assert not np.array_equal(a.params, c.params)
    assert len(a) == 60 * int(np.ceil(40 / batch_size)) + 1
    best = closed_form(xs, y)
    assert a.losses[-1] < 1.05 * loss(best, xs, y)
    assert_allclose(a.params[-1], best, rtol=0.05)


def test_newton_root_punnen():
    xs = newton_root(lambda x: x * x - 16, lambda x: 2 * x, 0.628, 10)
    x1 = 0.628 - (0.628**2 - 16) / (2 * 0.628)  # 13.0528...
    x2 = x1 - (x1**2 - 16) / (2 * x1)  # 7.1393...
    assert xs[1] == pytest.approx(x1) and xs[1] == pytest.approx(13.0528, abs=1e-4)
    assert xs[2] == pytest.approx(x2) and xs[2] == pytest.approx(7.1393, abs=1e-4)
    assert xs[-1] == pytest.approx(4.0, abs=1e-12)
    assert len(xs) == 11


def test_newton_stops_silently_on_a_flat_tangent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xs = newton_root(lambda x: x * x - 16, lambda x: 2 * x, 0.0, 5)
    assert_array_equal(xs, [0.0])


def test_newton_minimize_a_quadratic_in_one_step():
    # f = 3 (x - 2)^2 + 1: f' = 6 (x - 2), f'' = 6: x1 = x0 - 6(x0 - 2)/6 = 2
    xs = newton_minimize(lambda x: 6 * (x - 2), lambda x: 6.0, -7.5, 3)
    assert_allclose(xs, [-7.5, 2.0, 2.0, 2.0])


_F, _G = (lambda t: float(t @ t)), (lambda t: 2 * t)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: gradient_descent(_F, _G, [1.0], 0.0, 5), ValueError, r"lr must be a finite number > 0; got 0.0"),
        (lambda: gradient_descent(_F, _G, [1.0], -0.1, 5), ValueError, r"lr must be a finite number > 0"),
        (lambda: gradient_descent(_F, _G, [1.0], np.nan, 5), ValueError, r"lr must be a finite number > 0; got nan"),
        (lambda: gradient_descent(_F, _G, [1.0], 0.1, 5.0), TypeError, r"n_steps must be an int"),
        (lambda: gradient_descent(_F, _G, [1.0], 0.1, -1), ValueError, r"n_steps must be an int >= 0"),
        (lambda: gradient_descent(_F, lambda t: np.ones(3), [1.0, 2.0], 0.1, 5), ValueError, r"grad must return.*\(2,\); got shape \(3,\)"),
        (lambda: gradient_descent(_F, _G, [[1.0]], 0.1, 5), ValueError, r"theta0 must be a 1-D vector"),
        (lambda: gradient_descent(_F, _G, [np.nan], 0.1, 5), ValueError, r"theta0 must contain only finite"),
        (lambda: gradient_descent(_F, _G, [1.0], 0.1, 5, momentum=1.0), ValueError, r"momentum must be in \[0, 1\)"),
        (lambda: gradient_descent(_F, _G, [1.0], 0.1, 5, tol=0.0), ValueError, r"tol must be a finite number > 0"),
        (lambda: gradient_descent(lambda t: t, _G, [1.0, 2.0], 0.1, 5), ValueError, r"loss must return a single number"),
        (lambda: minibatch_descent(loss, loss_grad, [0.0, 0.0], [1.0, np.nan], [1.0, 2.0], 0.1, 5), ValueError, r"X must contain only finite"),
        (lambda: minibatch_descent(loss, loss_grad, [0.0, 0.0], [1.0, 2.0], [1.0, np.inf], 0.1, 5), ValueError, r"y must contain only finite"),
        (lambda: minibatch_descent(loss, loss_grad, [0.0, 0.0], [1.0, 2.0], [1.0], 0.1, 5), ValueError, r"y must have one value per sample.*\(2,\)"),
        (lambda: minibatch_descent(loss, loss_grad, [0.0, 0.0], [1.0, 2.0], [1.0, 2.0], 0.1, 5, batch_size=3), ValueError, r"batch_size must be between 1 and the number of samples 2; got 3"),
        (lambda: minibatch_descent(loss, loss_grad, [0.0, 0.0], [1.0, 2.0], [1.0, 2.0], 0.1, 5, batch_size=0), ValueError, r"batch_size must be an int >= 1; got 0"),
        (lambda: minibatch_descent(loss, loss_grad, [0.0, 0.0], [1.0, 2.0], [1.0, 2.0], 0.1, 5, batch_size=1.5), TypeError, r"batch_size must be an int"),
        (lambda: minibatch_descent(loss, loss_grad, [0.0, 0.0], [1.0, 2.0], [1.0, 2.0], 0.0, 5), ValueError, r"lr must be a finite number > 0"),
        (lambda: newton_root(_F, _G, np.nan, 5), ValueError, r"x0 must contain only finite"),
        (lambda: newton_root(_F, _G, 1.0, 2.5), TypeError, r"n_steps must be an int"),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


# --- newton_step: one Newton step in several dimensions --------------------------------


def test_newton_step_by_hand():
    # L = (t1 - 1)^2 + 2 (t2 + 3)^2 at theta = (0, 0): grad = (-2, 12), H = diag(2, 4);
    # step = H^-1 grad = (-1, 3), so theta - step = (1, -3), the minimum
    np.testing.assert_allclose(
        newton_step([0.0, 0.0], [-2.0, 12.0], [[2.0, 0.0], [0.0, 4.0]]), [1.0, -3.0])


def test_newton_step_reaches_the_least_squares_line_in_one_step():
    from nncore import datasets, linreg

    x, y = datasets.house_prices(n=40, seed=3)
    theta0 = np.array([-1.0, 10.0])
    theta1 = newton_step(theta0, linreg.loss_grad(theta0, x, y), linreg.hessian(x))
    np.testing.assert_allclose(theta1, np.polyfit(x, y, 1), rtol=1e-9)


@pytest.mark.parametrize(
    "args, match",
    [
        (([0.0, 0.0], [1.0], [[1.0, 0.0], [0.0, 1.0]]), r"grad must have shape \(2,\) to match theta"),
        (([0.0, 0.0], [1.0, 1.0], [[1.0, 0.0]]), r"hessian must have shape \(2, 2\) to match theta"),
        (([0.0, 0.0], [1.0, 1.0], [[1.0, 1.0], [1.0, 1.0]]), r"hessian must be invertible"),
        (([np.nan, 0.0], [1.0, 1.0], [[1.0, 0.0], [0.0, 1.0]]), r"theta must contain only finite numbers"),
    ],
)
def test_newton_step_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        newton_step(*args)
