"""Tests of nncore.autodiff.chain_grads, the backward pass through two sigmoid neurons:
against a hand-worked case, against the Value engine, against central differences of the
loss written out with math.exp, and its bad input."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nncore.autodiff import Value, chain_grads
from nncore.gradcheck import numerical_gradient


def sig(t):
    return 1.0 / (1.0 + math.exp(-t))


def loss(x, w1, b1, w2, b2, y):
    """L = (sigma(w2 sigma(w1 x + b1) + b2) - y)^2, written out independently."""
    return (sig(w2 * sig(w1 * x + b1) + b2) - y) ** 2


def test_hand_worked_case():
    # z1 = 0, a1 = 1/2; z2 = 2 * 1/2 - 1 = 0, a2 = 1/2; L = 1/4
    # delta2 = 2 (1/2 - 1) * 1/4 = -1/4; delta1 = w2 delta2 sigma'(0) = 2 (-1/4)(1/4) = -1/8
    g = chain_grads(x=3.0, w1=0.0, b1=0.0, w2=2.0, b2=-1.0, y=1.0)
    assert g["L"] == 0.25
    assert g["delta2"] == -0.25 and g["delta1"] == -0.125
    assert g["dL/dw2"] == -0.125 and g["dL/db2"] == -0.25   # delta2 * a1, delta2
    assert g["dL/dw1"] == -0.375 and g["dL/db1"] == -0.125  # delta1 * x, delta1


finite = st.floats(-3.0, 3.0)


@given(x=finite, w1=finite, b1=finite, w2=finite, b2=finite, y=st.floats(0.0, 1.0))
def test_against_central_differences(x, w1, b1, w2, b2, y):
    g = chain_grads(x, w1, b1, w2, b2, y)
    num = numerical_gradient(lambda t: loss(x, t[0], t[1], t[2], t[3], y),
                             np.array([w1, b1, w2, b2]))
    got = np.array([g["dL/dw1"], g["dL/db1"], g["dL/dw2"], g["dL/db2"]])
    np.testing.assert_allclose(got, num, atol=1e-8)
    assert g["L"] == pytest.approx(loss(x, w1, b1, w2, b2, y), rel=1e-12, abs=1e-15)


def test_against_the_value_engine():
    x, w1, b1, w2, b2, y = 1.0, 0.8, 0.1, -1.2, 0.3, 1.0
    W1, B1, W2, B2 = Value(w1), Value(b1), Value(w2), Value(b2)
    Z1 = W1 * x + B1
    Z2 = W2 * Z1.sigmoid() + B2
    L = (Z2.sigmoid() - y) ** 2
    L.backward()
    g = chain_grads(x, w1, b1, w2, b2, y)
    assert g["dL/dw1"] == pytest.approx(W1.grad, rel=1e-12)
    assert g["dL/db1"] == pytest.approx(B1.grad, rel=1e-12)
    assert g["dL/dw2"] == pytest.approx(W2.grad, rel=1e-12)
    assert g["dL/db2"] == pytest.approx(B2.grad, rel=1e-12)
    assert g["delta2"] == pytest.approx(Z2.grad, rel=1e-12)
    assert g["delta1"] == pytest.approx(Z1.grad, rel=1e-12)


def test_saturated_neurons_are_finite_and_silent():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = chain_grads(1.0, 1e4, 0.0, -1e4, 0.0, 1.0)
    assert all(math.isfinite(v) for v in g.values())


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((1.0, 0.5, 0.0, 1.0, 0.0, float("nan")), ValueError, "y"),
        ((1.0, [0.5, 1.0], 0.0, 1.0, 0.0, 1.0), ValueError, "w1"),
        ((1.0, 0.5, "b", 1.0, 0.0, 1.0), TypeError, "b1"),
        ((1.0, 0.5, 0.0, float("inf"), 0.0, 1.0), ValueError, "w2"),
    ],
)
def test_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        chain_grads(*args)
