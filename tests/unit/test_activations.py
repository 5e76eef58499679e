"""Tests of nncore.activations.

References that can disagree with the code: hand-worked values, numpy's own
``np.heaviside(z, 1.0)`` (H(0) = 1), scipy's ``expit``, ``softmax`` and ``log_softmax``
(behind ``pytest.importorskip``), and central differences (``numerical_gradient``) for
the derivatives. pytest turns every warning into an error, so the stability tests also
check that numpy stays silent.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal

from nncore.activations import (
    log_softmax,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    step,
    tanh,
    tanh_grad,
)
import math

from nncore import activations, gradcheck
from nncore.gradcheck import numerical_gradient


@pytest.mark.parametrize(
    "z, expected",
    [
        ([-2.0, -0.0, 0.0, 3.5], [0, 1, 1, 1]),  # H(0) = H(-0) = 1
        ([[-1, 1], [0, -3]], [[0, 1], [1, 0]]),  # shape kept
        ([-1e-300, 5e-324], [0, 1]),  # tiny scores still have a side
        ([-1e300, 1e300], [0, 1]),
        ([-np.inf, np.inf], [0, 1]),  # an overflowed score keeps its sign
        ([True, False], [1, 1]),  # booleans are 1 and 0, both >= 0
    ],
)
def test_step_hand_worked(z, expected):
    h = step(z)
    assert_array_equal(h, expected)
    assert h.dtype.kind == "i" and h.shape == np.shape(expected)


@pytest.mark.parametrize("z, expected", [(0.0, 1), (-0.5, 0), (2, 1), (np.float64(-3.0), 0)])
def test_step_of_a_scalar_is_an_int(z, expected):
    h = step(z)
    assert type(h) is int and h == expected


scores = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=0, max_dims=3), elements=st.floats(allow_nan=False)
)


@given(scores)
def test_step_matches_numpy_heaviside(z):
    assert_array_equal(step(z), np.heaviside(z, 1.0).astype(int))


def test_step_does_not_modify_its_input():
    z = np.array([-1.0, 2.0])
    step(z)
    assert_array_equal(z, [-1.0, 2.0])


@pytest.mark.parametrize(
    "z, error, match",
    [
        ([0.0, float("nan")], ValueError, r"z must contain no NaN; got nan at index 1"),
        (float("nan"), ValueError, r"z must contain no NaN; got nan"),
        (["a"], TypeError, r"z must contain real numbers; got dtype <U1"),
        (None, TypeError, r"z must contain real numbers; got NoneType"),
        ([1 + 1j], TypeError, r"z must contain real numbers; got dtype complex128"),
        ([[1, 2], [3]], ValueError, r"z must be a rectangular array of real numbers"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(z, error, match):
    with pytest.raises(error, match=match):
        step(z)


# ----------------------------------------------------------------------------- chapter 4

LOG3, LOG2 = np.log(3.0), np.log(2.0)


@pytest.mark.parametrize(
    "f, z, expected",
    [
        (relu, [-2.0, -0.0, 0.0, 0.5, 3.0], [0.0, 0.0, 0.0, 0.5, 3.0]),
        (relu_grad, [-2.0, -0.0, 0.0, 1e-300, 3.0], [0.0, 0.0, 0.0, 1.0, 1.0]),  # 0 at the kink
        (sigmoid, [0.0, LOG3, -LOG3], [0.5, 0.75, 0.25]),  # 1 / (1 + 1/3) = 3/4
        (sigmoid_grad, [0.0, LOG3, -LOG3], [0.25, 0.1875, 0.1875]),  # 3/4 * 1/4
        (tanh, [0.0, LOG2, -LOG2], [0.0, 0.6, -0.6]),  # (2 - 1/2) / (2 + 1/2)
        (tanh_grad, [0.0, LOG2, -LOG2], [1.0, 0.64, 0.64]),  # 1 - 0.36
        (relu, [-np.inf, np.inf], [0.0, np.inf]),
        (sigmoid, [-np.inf, np.inf], [0.0, 1.0]),
        (sigmoid_grad, [-np.inf, np.inf], [0.0, 0.0]),
        (tanh, [-np.inf, np.inf], [-1.0, 1.0]),
        (tanh_grad, [-np.inf, np.inf], [0.0, 0.0]),
    ],
)
def test_elementwise_activations_hand_worked(f, z, expected):
    out = f(z)
    assert out.dtype == np.float64 and out.shape == (len(z),)
    assert_allclose(out, expected, rtol=1e-14, atol=1e-15)


ELEMENTWISE = [relu, relu_grad, sigmoid, sigmoid_grad, tanh, tanh_grad]


@pytest.mark.parametrize("f", ELEMENTWISE)
def test_elementwise_keeps_the_shape_and_gives_a_float_for_a_scalar(f):
    z = np.arange(-3.0, 3.0).reshape(2, 3)
    assert f(z).shape == (2, 3)
    assert type(f(0.5)) is float and type(f(np.float64(-0.5))) is float
    assert_array_equal(f(z.tolist()), f(z))


@pytest.mark.parametrize("f", ELEMENTWISE + [softmax, log_softmax])
def test_activations_do_not_modify_their_input(f):
    z = np.array([[-1.0, 2.0, 0.5]])
    f(z)
    assert_array_equal(z, [[-1.0, 2.0, 0.5]])


moderate = st.floats(-700, 700)
moderate_arrays = hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=moderate)


@given(moderate_arrays)
def test_sigmoid_matches_scipy_expit(z):
    special = pytest.importorskip("scipy.special")
    assert_allclose(sigmoid(z), special.expit(z), rtol=1e-13, atol=1e-300)


@given(moderate_arrays)
def test_sigmoid_grad_is_sigma_times_one_minus_sigma(z):
    s = 1.0 / (1.0 + np.exp(-z))  # the textbook form: fine for |z| <= 700
    assert_allclose(sigmoid_grad(z), s * (1 - s), rtol=1e-12, atol=1e-15)


@given(hnp.arrays(np.float64, 6, elements=st.floats(-30, 30)))
def test_sigmoid_is_strictly_between_0_and_1_and_symmetric(z):
    s = sigmoid(z)
    assert np.all((0 < s) & (s < 1))
    assert_allclose(sigmoid(-z), 1 - s, atol=1e-15)
    assert_allclose(tanh(z / 2), 2 * s - 1, atol=1e-14)  # tanh(z) = 2 sigma(2z) - 1


def _away_from_zero(x):
    return abs(x) > 1e-3


@pytest.mark.parametrize(
    "f, f_grad, elements",
    [
        (relu, relu_grad, st.floats(-5, 5).filter(_away_from_zero)),  # no kink inside +-eps
        (sigmoid, sigmoid_grad, st.floats(-20, 20)),
        (tanh, tanh_grad, st.floats(-10, 10)),
    ],
    ids=["relu", "sigmoid", "tanh"],
)
@given(data=st.data())
def test_derivatives_match_central_differences(f, f_grad, elements, data):
    z = data.draw(hnp.arrays(np.float64, 4, elements=elements))
    # d/dz_i sum_j f(z_j) = f'(z_i): the gradient of the sum is the elementwise derivative
    numeric = numerical_gradient(lambda v: np.sum(f(v)), z)
    assert_allclose(f_grad(z), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("f", ELEMENTWISE + [softmax, log_softmax])
def test_stable_and_silent_at_magnitude_1e4(f):
    z = np.array([[-1e4, 0.0, 1e4], [1e4, 1e4, -1e4], [-1e4, -1e4, -1e4]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow is fine
        out = f(z)
    assert np.all(np.isfinite(out))


def test_values_at_magnitude_1e4():
    assert_array_equal(sigmoid([-1e4, 1e4]), [0.0, 1.0])
    assert_array_equal(softmax([[-1e4, 0.0, 1e4]]), [[0.0, 0.0, 1.0]])
    assert_allclose(softmax([[1e4, 1e4, -1e4]]), [[0.5, 0.5, 0.0]])
    assert_allclose(log_softmax([[-1e4, 0.0, 1e4]]), [[-2e4, -1e4, 0.0]])
    assert_allclose(log_softmax([-1e4, -1e4]), [-LOG2, -LOG2])


@pytest.mark.parametrize(
    "f, z, expected",
    [
        (softmax, [0.0, LOG3], [0.25, 0.75]),
        (softmax, [5.0, 5.0, 5.0, 5.0], [0.25] * 4),  # equal scores: uniform
        (softmax, [[1.0, 1.0], [0.0, LOG3]], [[0.5, 0.5], [0.25, 0.75]]),  # row by row
        (softmax, [7.0], [1.0]),
        (log_softmax, [0.0, 0.0], [-LOG2, -LOG2]),
        (log_softmax, [0.0, LOG3], [np.log(0.25), np.log(0.75)]),
    ],
)
def test_softmax_hand_worked(f, z, expected):
    assert_allclose(f(z), expected, rtol=1e-14, atol=1e-15)


logits = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, max_side=5),
    elements=st.floats(-1e4, 1e4),
)


@given(logits)
def test_softmax_sums_to_one_along_the_last_axis(z):
    p = softmax(z)
    assert p.shape == z.shape and np.all((p >= 0) & (p <= 1))
    assert_allclose(np.sum(p, axis=-1), 1.0, rtol=1e-12)


@given(logits, st.data())
def test_softmax_along_any_axis_matches_scipy(z, data):
    special = pytest.importorskip("scipy.special")
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1))
    assert_allclose(softmax(z, axis=axis), special.softmax(z, axis=axis), rtol=1e-12, atol=1e-300)
    assert_allclose(log_softmax(z, axis=axis), special.log_softmax(z, axis=axis), rtol=1e-12, atol=1e-9)
    assert_allclose(np.sum(softmax(z, axis=axis), axis=axis), 1.0, rtol=1e-12)


@given(logits)
def test_log_softmax_is_the_log_of_softmax_where_finite(z):
    p = softmax(z)
    ok = p > 1e-300  # where log(p) is finite and accurate
    with np.errstate(divide="ignore"):
        assert_allclose(log_softmax(z)[ok], np.log(p[ok]), rtol=1e-12, atol=1e-12)
    assert np.all(np.isfinite(log_softmax(z))) and np.all(log_softmax(z) <= 0)


@given(logits, st.floats(-1e3, 1e3))
def test_softmax_ignores_a_shift_of_all_scores(z, c):
    assert_allclose(softmax(z + c), softmax(z), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    "f, args, error, match",
    [
        (relu, ([0.0, float("nan")],), ValueError, r"z must contain no NaN; got nan at index 1"),
        (sigmoid, (["a"],), TypeError, r"z must contain real numbers; got dtype <U1"),
        (tanh_grad, (None,), TypeError, r"z must contain real numbers; got NoneType"),
        (softmax, (1.0,), ValueError, r"z must have at least one dimension .* got a scalar, shape \(\)"),
        (softmax, ([0.0, np.inf],), ValueError, r"z must contain only finite numbers; got inf at index 1"),
        (log_softmax, ([[0.0, np.nan]],), ValueError, r"z must contain only finite numbers; got nan at index \(0, 1\)"),
        (softmax, ([1.0, 2.0], 1), ValueError, r"axis must be in \[-1, 1\) for z of shape \(2,\); got 1"),
        (log_softmax, ([[1.0, 2.0]], -3), ValueError, r"axis must be in \[-2, 2\) for z of shape \(1, 2\); got -3"),
        (softmax, ([1.0], 0.0), TypeError, r"axis must be an int; got 0.0 of type float"),
        (softmax, ([1.0], True), TypeError, r"axis must be an int; got True of type bool"),
        (softmax, (np.zeros((2, 0)),), ValueError, r"z must have at least one score along axis -1; got shape \(2, 0\)"),
    ],
)
def test_bad_input_to_the_chapter_4_activations(f, args, error, match):
    with pytest.raises(error, match=match):
        f(*args)


# ---------------------------------------------------------------------------------------
# Chapters 5 and 6: identity, the ACTIVATIONS table, the softmax Jacobian, naive softmax
# ---------------------------------------------------------------------------------------

from nncore.activations import (  # noqa: E402  (the chapter-5/6 additions, tested below)
    ACTIVATIONS,
    identity,
    identity_grad,
    softmax_jacobian,
    softmax_naive,
)


def test_identity_and_its_derivative():
    assert_allclose(identity([-2.0, 0.0, 3.5]), [-2.0, 0.0, 3.5])
    assert identity(2.0) == 2.0
    assert_allclose(identity_grad([[-2.0, 7.0]]), [[1.0, 1.0]])
    z = np.array([1.0, 2.0])
    assert identity(z) is not z  # a copy


def test_activations_table():
    assert set(ACTIVATIONS) == {"relu", "sigmoid", "tanh", "linear"}
    assert ACTIVATIONS["relu"] == (relu, relu_grad)
    assert ACTIVATIONS["linear"] == (identity, identity_grad)


@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh", "linear"])
def test_every_table_derivative_matches_central_differences(name):
    f, f_grad = ACTIVATIONS[name]
    z = np.array([-2.3, -0.4, 0.3, 1.7])  # away from relu's kink at 0
    numeric = numerical_gradient(lambda v: np.sum(f(v)), z)
    assert_allclose(f_grad(z), numeric, rtol=1e-7, atol=1e-9)


def test_softmax_jacobian_by_hand():
    # p = (1/4, 3/4): diag(p) - p p^T = [[1/4 - 1/16, -3/16], [-3/16, 3/4 - 9/16]]
    J = softmax_jacobian([0.0, np.log(3.0)])
    assert_allclose(J, [[3 / 16, -3 / 16], [-3 / 16, 3 / 16]])


def test_softmax_jacobian_matches_central_differences_and_sums_to_zero():
    rng = np.random.default_rng(0)
    z = rng.standard_normal(4)
    J = softmax_jacobian(z)
    for k in range(4):  # row k: the gradient of p_k
        numeric = numerical_gradient(lambda v: softmax(v)[k], z)
        assert_allclose(J[k], numeric, rtol=1e-6, atol=1e-10)
    assert_allclose(J, J.T)
    assert_allclose(J.sum(axis=0), 0.0, atol=1e-15)


def test_softmax_jacobian_of_a_batch():
    Z = np.array([[0.0, 1.0, 2.0], [5.0, 5.0, 5.0]])
    J = softmax_jacobian(Z)
    assert J.shape == (2, 3, 3)
    assert_allclose(J[1], np.eye(3) / 3 - 1 / 9)  # uniform p = 1/3
    assert_allclose(J[0], softmax_jacobian(Z[0]))
    assert np.all(np.isfinite(softmax_jacobian([1e4, 0.0, -1e4])))


def test_softmax_jacobian_bad_input():
    with pytest.raises(ValueError, match=r"got shape \(\)"):
        softmax_jacobian(1.0)
    with pytest.raises(ValueError, match=r"got shape \(1, 1, 2\)"):
        softmax_jacobian([[[1.0, 2.0]]])


def test_softmax_rows_sum_to_one_and_shift_invariance():
    rng = np.random.default_rng(1)
    Z = 10 * rng.standard_normal((6, 5))
    P = softmax(Z)
    assert_allclose(P.sum(axis=1), 1.0)
    assert_allclose(softmax(Z + rng.standard_normal((6, 1)) * 1000), P, atol=1e-12)


def test_softmax_naive_agrees_for_small_scores_and_fails_silently_for_large():
    z = np.array([0.5, -1.0, 2.0])
    assert_allclose(softmax_naive(z), softmax(z))
    big = softmax_naive([1000.0, 0.0])  # no warning: pytest would make it an error
    assert np.isnan(big[0]) and big[1] == 0.0
    assert np.all(np.isnan(softmax_naive([-1000.0, -1000.0])))  # 0 / 0
    assert_allclose(softmax([1000.0, 0.0]), [1.0, 0.0])


# --- logsumexp -------------------------------------------------------------------------


def test_logsumexp_by_hand_and_where_the_naive_form_overflows():
    assert activations.logsumexp([0.0, 0.0]) == pytest.approx(math.log(2.0))
    assert activations.logsumexp([1.0, 2.0, 3.0]) == pytest.approx(
        math.log(math.exp(1.0) + math.exp(2.0) + math.exp(3.0)))
    # e^1000 overflows a float; the shift gives 1000 + log 2
    assert activations.logsumexp([1000.0, 1000.0]) == pytest.approx(1000.0 + math.log(2.0))
    assert activations.logsumexp([-1e4, 1e4]) == pytest.approx(1e4)


def test_logsumexp_of_a_batch_is_per_row_and_its_gradient_is_softmax():
    Z = np.array([[1.0, -0.5, 2.0], [0.0, 0.0, 0.0]])
    out = activations.logsumexp(Z)
    assert out.shape == (2,)
    assert out[1] == pytest.approx(math.log(3.0))
    assert np.allclose(activations.logsumexp(Z, axis=0), np.log(np.exp(Z).sum(axis=0)))
    z = Z[0]
    g = gradcheck.numerical_gradient(lambda t: activations.logsumexp(t), z)
    e = np.exp(z)
    assert np.allclose(g, e / e.sum(), atol=1e-9)  # softmax by hand


def test_logsumexp_bad_input():
    with pytest.raises(ValueError, match="z"):
        activations.logsumexp(3.0)
    with pytest.raises(ValueError, match="z"):
        activations.logsumexp([1.0, np.nan])
