"""nncore.generalisation: the polynomial features, the exact minimum of the penalised
loss, and the claims Chapter 7 makes about the capacity sweep (checked on several seeds,
so that the chapter's seeded run is not a lucky one)."""

import itertools
import warnings

import numpy as np
import pytest

from nncore import datasets, generalisation, gradcheck, mlp, plotting
from nncore.generalisation import (
    capacity_sweep,
    fit_penalised,
    n_monomials,
    polynomial_features,
)

SEEDS = [0, 1, 2, 3, 4]


def test_polynomial_features_by_hand():
    got = polynomial_features([[2.0, 3.0], [-1.0, 0.5]], 3)
    # x1, x2, x1^2, x1 x2, x2^2, x1^3, x1^2 x2, x1 x2^2, x2^3, worked out by hand
    want = [[2, 3, 4, 6, 9, 8, 12, 18, 27],
            [-1, 0.5, 1, -0.5, 0.25, -1, 0.5, -0.25, 0.125]]
    np.testing.assert_allclose(got, want)


@pytest.mark.parametrize("k", [1, 2, 3, 5, 8])
def test_number_of_monomials(k):
    # count the pairs (a, b) with 1 <= a + b <= k by brute force
    count = sum(1 for a in range(k + 1) for b in range(k + 1) if 1 <= a + b <= k)
    assert n_monomials(k) == count
    assert polynomial_features(np.ones((4, 2)), k).shape == (4, count)


def test_features_are_nested():
    """Degree k's columns come first in degree k + 1's: the models are nested."""
    X = np.random.default_rng(0).uniform(-1, 1, size=(10, 2))
    small, big = polynomial_features(X, 3), polynomial_features(X, 4)
    np.testing.assert_array_equal(big[:, :small.shape[1]], small)


def _penalised_loss(theta, Phi, t, lam):
    """L~ written out by hand: half the mean squared error plus lam/2 |w|^2."""
    w, b = theta[:-1], theta[-1]
    return 0.5 * np.mean((Phi @ w + b - t) ** 2) + 0.5 * lam * np.sum(w ** 2)


@pytest.mark.parametrize("lam", [0.0, 1e-3, 0.1])
def test_fit_is_the_minimum(lam):
    rng = np.random.default_rng(1)
    Phi, t = rng.normal(size=(25, 6)), rng.normal(size=25)
    net = fit_penalised(Phi, t, lam)
    (W, b), = net.params
    theta = np.concatenate([W[0], b])
    # the gradient vanishes, by central differences of the hand-written loss ...
    grad = gradcheck.numerical_gradient(lambda th: _penalised_loss(th, Phi, t, lam), theta)
    assert np.abs(grad).max() < 1e-7
    # ... and by the chapter's own loss_and_grads (the full MSE: twice the half, so
    # twice the penalty rate too)
    _, grads = mlp.loss_and_grads(net, Phi, t, loss="mse", l2=2 * lam)
    assert np.abs(grads[0][0]).max() < 1e-9 and np.abs(grads[0][1]).max() < 1e-9
    # ... and it solves the normal equations (A^T A + n lam D) theta = A^T t
    A = np.column_stack([Phi, np.ones(25)])
    D = np.diag([1.0] * 6 + [0.0])
    np.testing.assert_allclose(theta, np.linalg.solve(A.T @ A + 25 * lam * D, A.T @ t),
                               atol=1e-10)
    # and every small move goes uphill
    for _ in range(5):
        step = 1e-3 * rng.normal(size=theta.size)
        assert (_penalised_loss(theta + step, Phi, t, lam)
                > _penalised_loss(theta, Phi, t, lam))


def test_fit_recovers_an_exact_polynomial():
    X = np.random.default_rng(2).uniform(-1, 1, size=(40, 2))
    t = 3 * X[:, 0] ** 2 - X[:, 0] * X[:, 1] + 0.5
    (W, b), = fit_penalised(polynomial_features(X, 2), t).params
    np.testing.assert_allclose(W[0], [0, 0, 3, -1, 0], atol=1e-10)
    np.testing.assert_allclose(b, [0.5])


def test_l2_shrinks_the_weights():
    rng = np.random.default_rng(3)
    Phi, t = rng.normal(size=(30, 8)), rng.normal(size=30)
    norms = [np.linalg.norm(fit_penalised(Phi, t, lam).params[0][0])
             for lam in [0.0, 0.01, 0.1, 1.0]]
    assert all(b < a for a, b in itertools.pairwise(norms))


def _own_sweep(seed, lam, degrees):
    """The sweep rebuilt with numpy's lstsq on the normal equations, not the module's."""
    rng = np.random.default_rng(seed)
    X, t = datasets.gaussian_bump(n=30, noise=0.25, seed=rng)
    Xt, tt = datasets.gaussian_bump(n=2000, noise=0.25, seed=rng)

    def cols(Z, k):
        return np.column_stack([Z[:, 0] ** (d - j) * Z[:, 1] ** j for d in range(1, k + 1)
                                for j in range(d + 1)] + [np.ones(len(Z))])

    train, test = [], []
    for k in degrees:
        A, At = cols(X, k), cols(Xt, k)
        D = np.eye(A.shape[1])
        D[-1, -1] = 0
        theta = np.linalg.solve(A.T @ A + 30 * lam * D, A.T @ t)
        train.append(np.mean((A @ theta - t) ** 2))
        test.append(np.mean((At @ theta - tt) ** 2))
    return np.array(train), np.array(test)


@pytest.mark.parametrize("lam", [0.0, 1e-3])
def test_sweep_matches_an_independent_computation(lam):
    sweep = capacity_sweep(range(1, 6), l2=lam, seed=0)
    train, test = _own_sweep(0, lam, range(1, 6))
    np.testing.assert_allclose(sweep.train_error, train, rtol=1e-6)
    np.testing.assert_allclose(sweep.test_error, test, rtol=1e-6)
    np.testing.assert_array_equal(sweep.n_params, [3, 6, 10, 15, 21])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_chapters_claims(seed):
    plain = capacity_sweep(seed=seed)
    l2 = capacity_sweep(l2=1e-3, seed=seed)
    # the training error falls as capacity grows (nested least squares: it cannot rise)
    assert np.all(np.diff(plain.train_error) <= 1e-12)
    assert plain.train_error[-1] < 0.1 * plain.train_error[0]
    # the test error does not: its minimum is not at the largest degree, and the largest
    # degree is far worse than the best
    assert np.argmin(plain.test_error) < len(plain.degrees) - 1
    assert plain.test_error[-1] > 10 * plain.test_error.min()
    # no model beats the noise on the test set
    assert plain.test_error.min() > 0.25 ** 2
    # L2 narrows the gap at the largest capacities
    gap_plain = plain.test_error - plain.train_error
    gap_l2 = l2.test_error - l2.train_error
    assert np.all(gap_l2[-2:] < gap_plain[-2:])
    assert gap_l2[-1] < 0.1 * gap_plain[-1]


def test_sweep_is_seeded():
    a, b = capacity_sweep(seed=7), capacity_sweep(seed=7)
    np.testing.assert_array_equal(a.test_error, b.test_error)


def test_extremes_are_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="too large for degree"):
            polynomial_features([[1e200, 1.0]], 2)
        Phi = polynomial_features([[1e100, 1e-100], [1.0, 2.0]], 3)
        assert np.all(np.isfinite(Phi))
        net = fit_penalised([[0.0], [1.0], [2.0]], [1e150, -1e150, 1e150], 1e6)
        assert all(np.all(np.isfinite(a)) for pair in net.params for a in pair)


@pytest.mark.parametrize("call, match", [
    (lambda: polynomial_features([1.0, 2.0], 2), "X must be 2-D"),
    (lambda: polynomial_features([[1.0, 2.0, 3.0]], 2), "X must have 2 features"),
    (lambda: polynomial_features([[np.nan, 2.0]], 2), "X"),
    (lambda: polynomial_features([[1.0, 2.0]], 0), "degree must be an int >= 1"),
    (lambda: polynomial_features([[1.0, 2.0]], 31), "degree must be at most 30"),
    (lambda: fit_penalised([[1.0], [2.0]], [1.0, 2.0, 3.0], 0.0), "t"),
    (lambda: fit_penalised([[1.0], [2.0]], [1.0, 2.0], -0.1), "l2"),
    (lambda: capacity_sweep([3, 2]), "degrees must be increasing"),
    (lambda: capacity_sweep([]), "at least one degree"),
    (lambda: capacity_sweep([0, 1]), "degrees must be an int >= 1"),
    (lambda: capacity_sweep(n_train=1), "n_train must be an int >= 2"),
    (lambda: capacity_sweep(noise=-1.0), "noise"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("call, match", [
    (lambda: polynomial_features([[1.0, 2.0]], 2.5), "degree must be an int"),
    (lambda: capacity_sweep(5), "degrees must be an iterable"),
    (lambda: capacity_sweep(["a"]), "degrees must be an int"),
    (lambda: plotting.plot_capacity_sweep("sweep"), "sweeps must be a CapacitySweep"),
    (lambda: plotting.plot_capacity_sweep(capacity_sweep([1]), ax="ax"), "ax must be"),
])
def test_bad_type(call, match):
    with pytest.raises(TypeError, match=match):
        call()


def test_plot(pyplot):
    plain, l2 = capacity_sweep(), capacity_sweep(l2=1e-3)
    ax = plotting.plot_capacity_sweep([plain, l2])
    lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2]
    assert len(lines) == 4
    np.testing.assert_array_equal(lines[1].get_ydata(), plain.test_error)
    np.testing.assert_array_equal(lines[2].get_ydata(), l2.train_error)
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="share their degrees"):
        plotting.plot_capacity_sweep([plain, capacity_sweep([1, 2])])


def test_module_is_numpy_only():
    import ast
    import inspect
    tree = ast.parse(inspect.getsource(generalisation))
    names = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for a in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(n and n.split(".")[0] in {"matplotlib", "ipywidgets"} for n in names)
