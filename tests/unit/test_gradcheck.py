"""Tests of nncore.gradcheck: central differences on functions whose gradients are known
by hand, x never modified, eps validation, and relative_error."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from nncore import gradcheck
from nncore.gradcheck import numerical_gradient, relative_error


def test_sum_of_squares_gives_twice_x():
    x = np.array([1.0, -2.0, 0.5])
    assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, rtol=1e-8)


def test_product():
    # f = x0 x1 x2: df/dx0 = x1 x2 = 3 * 4 = 12, df/dx1 = 2 * 4 = 8, df/dx2 = 2 * 3 = 6
    g = numerical_gradient(lambda v: v[0] * v[1] * v[2], [2.0, 3.0, 4.0])
    assert_allclose(g, [12.0, 8.0, 6.0], rtol=1e-8)


def test_two_dimensional_input():
    # f(A) = sum_ij c_ij A_ij^2: gradient 2 c A, elementwise, shape of A
    A = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, 0.0]])
    c = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    g = numerical_gradient(lambda M: np.sum(c * M**2), A)
    assert g.shape == (3, 2)
    assert_allclose(g, 2 * c * A, rtol=1e-7, atol=1e-7)


def test_scalar_input():
    assert numerical_gradient(lambda t: float(t) ** 3, 2.0) == pytest.approx(12.0, rel=1e-8)


def test_x_is_never_modified():
    x = np.array([1.0, 2.0])
    before = x.copy()

    def f(v):
        v += 100.0  # a careless f that writes into its argument
        return float(np.sum(v))

    numerical_gradient(f, x)
    assert_allclose(x, before)
    numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert_allclose(x, before)


def test_int_input_gives_float_gradient():
    g = numerical_gradient(lambda v: float(np.sum(v**2)), [1, 2])
    assert g.dtype == float
    assert_allclose(g, [2.0, 4.0], rtol=1e-8)


@pytest.mark.parametrize(
    "eps, error, match",
    [
        (0.0, ValueError, r"eps must be a finite number > 0; got 0.0"),
        (-1e-6, ValueError, r"eps must be a finite number > 0"),
        (np.nan, ValueError, r"eps must be a finite number > 0; got nan"),
        (np.inf, ValueError, r"eps must be a finite number > 0"),
        (True, TypeError, r"eps must be a real number"),
        ("1e-6", TypeError, r"eps must be a real number"),
    ],
)
def test_bad_eps(eps, error, match):
    with pytest.raises(error, match=match):
        numerical_gradient(lambda v: float(np.sum(v)), [1.0], eps=eps)


def test_bad_x_and_bad_f():
    with pytest.raises(ValueError, match=r"x must contain only finite numbers; got nan"):
        numerical_gradient(lambda v: 0.0, [1.0, np.nan])
    with pytest.raises(ValueError, match=r"f must return a single number.*shape \(2,\)"):
        numerical_gradient(lambda v: v, [1.0, 2.0])


def test_relative_error():
    # max |a - b| = 0.5, max(|a|, |b|) = 4: 0.125
    assert relative_error([1.0, 4.0], [1.5, 4.0]) == pytest.approx(0.125)
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == pytest.approx(2.0)  # the largest possible
    a, b = np.array([1.0, 2.0]), np.array([1.1, 2.0])
    assert relative_error(1e-200 * a, 1e-200 * b) == pytest.approx(relative_error(a, b))
    assert relative_error(1e300 * a, 1e300 * b) == pytest.approx(relative_error(a, b))
    assert relative_error(a, b) == relative_error(b, a)


def test_relative_error_bad_input():
    with pytest.raises(ValueError, match=r"same shape.*\(2,\).*\(2, 1\)"):
        relative_error([1.0, 2.0], [[1.0], [2.0]])
    with pytest.raises(ValueError, match=r"b must contain only finite"):
        relative_error([1.0], [np.inf])


# ---------------------------------------------------------------------------------------
# Chapter 5: gradients of every weight and bias, in place
# ---------------------------------------------------------------------------------------

from nncore.gradcheck import max_relative_errors, numerical_param_gradients  # noqa: E402


def test_numerical_param_gradients_of_a_quadratic():
    # f = sum_l sum (c_l * W_l^2) + sum (d_l * b_l^3): dW = 2 c W, db = 3 d b^2
    rng = np.random.default_rng(0)
    params = [(rng.standard_normal((2, 3)), rng.standard_normal(2)), (rng.standard_normal((1, 2)), rng.standard_normal(1))]
    c = [rng.standard_normal(W.shape) for W, _ in params]
    d = [rng.standard_normal(b.shape) for _, b in params]
    before = [(W.copy(), b.copy()) for W, b in params]

    def f():
        return sum(float(np.sum(cl * W**2) + np.sum(dl * b**3)) for (W, b), cl, dl in zip(params, c, d))

    grads = numerical_param_gradients(f, params)
    for (W, b), cl, dl, (dW, db) in zip(params, c, d, grads):
        assert_allclose(dW, 2 * cl * W, rtol=1e-7, atol=1e-8)
        assert_allclose(db, 3 * dl * b**2, rtol=1e-7, atol=1e-8)
    for (W, b), (W0, b0) in zip(params, before):  # restored exactly
        assert np.array_equal(W, W0) and np.array_equal(b, b0)


def test_numerical_param_gradients_restores_after_an_error():
    W, b = np.array([[1.0, 2.0]]), np.array([0.0])
    calls = []

    def f():
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return float(W.sum())

    with pytest.raises(RuntimeError, match="boom"):
        numerical_param_gradients(f, [(W, b)])
    assert W.tolist() == [[1.0, 2.0]]


def test_numerical_param_gradients_bad_input():
    W, b = np.zeros((1, 2)), np.zeros(1)
    with pytest.raises(TypeError, match="float numpy array"):
        numerical_param_gradients(lambda: 0.0, [([[0.0, 0.0]], b)])
    with pytest.raises(ValueError, match="pair"):
        numerical_param_gradients(lambda: 0.0, [W])
    with pytest.raises(ValueError, match="single number"):
        numerical_param_gradients(lambda: np.zeros(2), [(W, b)])
    with pytest.raises(ValueError, match="eps"):
        numerical_param_gradients(lambda: 0.0, [(W, b)], eps=0.0)


def test_max_relative_errors_per_layer():
    a = [(np.array([[1.0, 2.0]]), np.array([1.0])), (np.array([[4.0]]), np.array([0.0]))]
    n = [(np.array([[1.0, 2.2]]), np.array([1.0])), (np.array([[4.0]]), np.array([0.0]))]
    errs = max_relative_errors(a, n)
    assert errs == [(pytest.approx(0.2 / 2.2), 0.0), (0.0, 0.0)]
    with pytest.raises(ValueError, match="one \\(dW, db\\) pair per layer"):
        max_relative_errors(a, n[:1])
    with pytest.raises(ValueError, match="same shape"):
        max_relative_errors(a[:1], [(np.zeros((2, 1)), np.zeros(1))])


# --- numerical_jacobian ------------------------------------------------------------------


def test_numerical_jacobian_of_a_linear_map_is_its_matrix():
    A = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    J = gradcheck.numerical_jacobian(lambda v: A @ v, [0.2, -0.4, 1.0])
    np.testing.assert_allclose(J, A, atol=1e-8)


def test_numerical_jacobian_of_an_elementwise_map_on_a_matrix_is_4x4_diagonal():
    # d/dz_j of z_i^2 is 2 z_i when i == j, else 0; the 2x2 input is flattened row-major
    Z = np.array([[0.5, -1.0], [2.0, 0.0]])
    J = gradcheck.numerical_jacobian(lambda t: t ** 2, Z)
    np.testing.assert_allclose(J, np.diag([1.0, -2.0, 4.0, 0.0]), atol=1e-8)


def test_numerical_jacobian_of_softmax_is_diag_p_minus_ppT():
    z = np.array([1.0, -0.5, 2.0])
    e = np.exp(z)
    p = e / e.sum()  # by hand, not through nncore
    J = gradcheck.numerical_jacobian(lambda t: np.exp(t) / np.exp(t).sum(), z)
    np.testing.assert_allclose(J, np.diag(p) - np.outer(p, p), atol=1e-9)


def test_numerical_jacobian_refuses_bad_input():
    with pytest.raises(ValueError, match="eps"):
        gradcheck.numerical_jacobian(lambda v: v, [1.0], eps=0.0)
    with pytest.raises(ValueError, match="x"):
        gradcheck.numerical_jacobian(lambda v: v, [np.nan])
    with pytest.raises(ValueError, match="numbers at every point"):
        gradcheck.numerical_jacobian(lambda v: np.ones(1 + int(v[0] > 0)), [0.0])
    with pytest.raises(TypeError, match="real numbers"):
        gradcheck.numerical_jacobian(lambda v: np.array(["a"]), [0.0])
