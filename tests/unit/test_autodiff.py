"""Tests of nncore.autodiff: Value, neuron and neuron_grads.

Every gradient from ``backward`` is checked against a reference written independently
of the code under test: central differences computed here on plain Python floats, a
derivative worked out by hand, or ``nncore.gradcheck.numerical_gradient``. (micrograd's
tests compare with PyTorch; PyTorch is not a dependency of the book, so it is not used.)
"""

import math
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from nncore.autodiff import Value, neuron, neuron_grads
from nncore.gradcheck import numerical_gradient

H = 1e-6


def central_difference(f, *args):
    """d f / d args[i] for each i, by (f(.. x + h ..) - f(.. x - h ..)) / 2h on floats."""
    grads = []
    for i in range(len(args)):
        plus, minus = list(args), list(args)
        plus[i] += H
        minus[i] -= H
        grads.append((f(*plus) - f(*minus)) / (2 * H))
    return grads


def backward_grads(f, *args):
    """The value and the gradients of f at args, by building Values and calling backward."""
    leaves = [Value(a) for a in args]
    out = f(*leaves)
    out.backward()
    return out.data, [leaf.grad for leaf in leaves]


def check(f, *args, rtol=1e-6, atol=1e-7):
    """f written once works on floats and on Values: compare the value and every gradient."""
    data, grads = backward_grads(f, *args)
    assert data == pytest.approx(f(*args), rel=1e-12, abs=1e-300)
    assert_allclose(grads, central_difference(f, *args), rtol=rtol, atol=atol)


def sigmoid_float(t):
    return 1 / (1 + math.exp(-t))


# Each unary operation twice: as a Value method and as the float function it computes.
UNARY = {
    "relu": (lambda v: v.relu(), lambda t: max(0.0, t)),
    "tanh": (lambda v: v.tanh(), math.tanh),
    "sigmoid": (lambda v: v.sigmoid(), sigmoid_float),
    "exp": (lambda v: v.exp(), math.exp),
    "log": (lambda v: v.log(), math.log),
    "neg": (lambda v: -v, lambda t: -t),
    "square": (lambda v: v**2, lambda t: t**2),
    "cube": (lambda v: v**3, lambda t: t**3),
    "reciprocal": (lambda v: v**-1, lambda t: 1 / t),
    "sqrt": (lambda v: v**0.5, math.sqrt),
}

x_any = st.floats(-3, 3)
x_positive = st.floats(0.1, 5)
x_away_from_zero = st.one_of(st.floats(-3, -0.1), st.floats(0.1, 3))
DOMAIN = {
    "relu": x_away_from_zero,  # away from the kink at 0
    "log": x_positive,
    "reciprocal": x_away_from_zero,
    "sqrt": x_positive,
}


@pytest.mark.parametrize("name", sorted(UNARY))
@given(data=st.data())
def test_unary_gradients_match_central_differences(name, data):
    as_value, as_float = UNARY[name]
    t = data.draw(DOMAIN.get(name, x_any))
    v = Value(t)
    out = as_value(v)
    out.backward()
    assert out.data == pytest.approx(as_float(t), rel=1e-12, abs=1e-300)
    (numeric,) = central_difference(as_float, t)
    assert v.grad == pytest.approx(numeric, rel=1e-6, abs=1e-7)


BINARY = {
    "a + b": lambda a, b: a + b,
    "a - b": lambda a, b: a - b,
    "a * b": lambda a, b: a * b,
    "a / b": lambda a, b: a / b,
    "a * a + b": lambda a, b: a * a + b,  # a used twice by one operation
    "(a - b) ** 2": lambda a, b: (a - b) ** 2,
    "a / (a * b)": lambda a, b: a / (a * b),
}


@pytest.mark.parametrize("expr", sorted(BINARY))
@given(x_away_from_zero, x_away_from_zero)
def test_binary_gradients_match_central_differences(expr, a, b):
    check(BINARY[expr], a, b)


@pytest.mark.parametrize(
    "f",
    [
        lambda v: v + 2,
        lambda v: 2 + v,
        lambda v: v - 2,
        lambda v: 2 - v,
        lambda v: v * 3,
        lambda v: 3 * v,
        lambda v: v / 4,
        lambda v: 4 / v,
        lambda v: np.float64(2.5) * v,  # numpy scalars on the left give a Value too
        lambda v: v + np.int64(1),
        lambda v: 1 - 2 / (1 + v * v) + 0.5 ** 2 * v,
    ],
)
@given(x_away_from_zero)
def test_arithmetic_with_numbers_on_both_sides(f, t):
    data, (grad,) = backward_grads(f, t)
    assert isinstance(f(Value(t)), Value)
    assert data == pytest.approx(f(t), rel=1e-12)
    assert grad == pytest.approx(central_difference(f, t)[0], rel=1e-6, abs=1e-7)


@given(x_any, x_any, x_any)
def test_a_larger_expression(a, b, c):
    # micrograd's README example, shape-wise: several ops and reuse of the same inputs
    def f(a, b, c):
        d = a * b + b**3
        e = c - a
        g = (d * e).tanh() if isinstance(d, Value) else math.tanh(d * e)
        return g + d / (1 + e * e) + 2 * a

    check(f, a, b, c, atol=1e-6)


@given(x_any, x_any)
def test_a_node_used_twice_by_hand(x, y):
    # a = x y ; L = a + a x = x y + x^2 y  =>  dL/dx = y + 2 x y, dL/dy = x + x^2, dL/da = 1 + x
    xv, yv = Value(x), Value(y)
    a = xv * yv
    L = a + a * xv
    L.backward()
    assert xv.grad == pytest.approx(y + 2 * x * y, rel=1e-12, abs=1e-12)
    assert yv.grad == pytest.approx(x + x * x, rel=1e-12, abs=1e-12)
    assert a.grad == pytest.approx(1 + x, rel=1e-12, abs=1e-12)


def test_the_same_operand_twice_in_one_operation():
    a = Value(3.0)
    for out, expected in [(a * a, 6.0), (a + a, 2.0), (a - a, 0.0), (a / a, 0.0)]:
        a.grad = 0.0
        out.backward()
        assert a.grad == pytest.approx(expected, abs=1e-15)
    (child, local), = (a * a).local_grads()
    assert child is a and local == 6.0  # d(a a)/da = 2a, summed over both operands


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_a_long_chain_needs_no_recursion(n):
    assert n >= sys.getrecursionlimit()  # a recursive topological sort would fail here
    x = Value(0.5)
    y = x
    for _ in range(n):  # y_{k+1} = y_k + x  =>  y_n = (n + 1) x, dy/dx = n + 1 (x used n + 1 times)
        y = y + x
    y.backward()
    assert y.data == pytest.approx((n + 1) * 0.5)
    assert x.grad == n + 1

    c = 1.0001
    x = Value(2.0)
    y = x
    for _ in range(n):  # y = x c^n, dy/dx = c^n, through n multiplications
        y = y * c
    y.backward()
    assert x.grad == pytest.approx(c**n, rel=1e-10)
    assert len(y.nodes()) == 2 * n + 1  # x, and per step one constant and one product


def test_nodes_are_in_topological_order_and_edges_match():
    L, parts = neuron(x=1.5, w=-0.3, b=0.2, y=0.0)
    order = L.nodes()
    position = {id(node): i for i, node in enumerate(order)}
    assert len(position) == len(order) and order[-1] is L
    for node in order:
        assert all(position[id(child)] < position[id(node)] for child in node._prev)
    edges = L.edges()
    assert len(edges) == sum(len(node._prev) for node in order)
    assert all(child in parent._prev for child, parent in edges)
    assert {node.label for node in order} >= {"x", "w", "b", "z", "a", "y", "L"}


def test_local_grads_are_the_chain_rule_factors():
    L, p = neuron(x=2.0, w=0.5, b=-0.5, y=1.0)  # z = 0.5
    a = sigmoid_float(0.5)
    (z_child, da_dz), = p["a"].local_grads()
    assert z_child is p["z"] and da_dz == pytest.approx(a * (1 - a))
    (diff, dL_ddiff), = L.local_grads()
    assert dL_ddiff == pytest.approx(2 * (a - 1.0))
    assert Value(1.0).local_grads() == []


def test_backward_twice_accumulates_on_the_inputs_and_zero_grad_resets():
    x, y = Value(2.0), Value(-3.0)
    a = x * y
    L = a * x + y  # x^2 y + y: dL/dx = 2 x y = -12, dL/dy = x^2 + 1 = 5, dL/da = x = 2
    L.backward()
    assert (x.grad, y.grad, a.grad, L.grad) == (-12.0, 5.0, 2.0, 1.0)
    L.backward()
    assert (x.grad, y.grad) == (-24.0, 10.0)  # inputs accumulate
    assert (a.grad, L.grad) == (2.0, 1.0)  # interior nodes hold the latest call's gradient
    L.zero_grad()
    assert all(node.grad == 0.0 for node in L.nodes())
    L.backward()
    assert (x.grad, y.grad) == (-12.0, 5.0)


def test_repr_and_attributes():
    v = Value(2, label="w")
    assert repr(v) == "Value(data=2.0, grad=0.0)"
    assert type(v.data) is float and v.grad == 0.0 and v.label == "w"
    assert v._op == "" and v._prev == ()
    out = v * 3
    assert out._op == "*" and out._prev[0] is v and out._prev[1].data == 3.0
    assert (v**2)._op == "**2" and v.sigmoid()._op == "sigmoid"


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: Value(1.0) / 0, ZeroDivisionError, r"division by zero: the divisor is Value\(data=0.0"),
        (lambda: Value(1.0) / Value(0.0), ZeroDivisionError, r"division by zero"),
        (lambda: 1 / Value(0.0), ZeroDivisionError, r"division by zero"),
        (lambda: Value(0.0) ** -2, ZeroDivisionError, r"cannot raise Value\(data=0.0.* negative power"),
        (lambda: Value(0.0).log(), ValueError, r"log is defined only for data > 0; got Value\(data=0.0"),
        (lambda: Value(-1.5).log(), ValueError, r"log is defined only for data > 0; got Value\(data=-1.5"),
        (lambda: Value(2.0) ** Value(2.0), TypeError, r"exponent of \*\* must be a number .* not a Value"),
        (lambda: 2 ** Value(2.0), TypeError, r"exponent of \*\* must be a number .* not a Value"),
        (lambda: Value(2.0) ** "2", TypeError, r"exponent of \*\* must be a number"),
        (lambda: Value(-8.0) ** (1 / 3), ValueError, r"is not a real number"),
        (lambda: Value(0.0) ** 0.5, ValueError, r"infinite derivative at x = 0"),
        (lambda: Value(1000.0).exp(), ValueError, r"exp\(1000\) overflows a float"),
        (lambda: Value(1e200) * 1e200, ValueError, r"data must be a finite number; got inf"),
        (lambda: Value(float("nan")), ValueError, r"data must be a finite number; got nan"),
        (lambda: Value("1"), TypeError, r"data must be a real number .* got '1' of type str"),
        (lambda: Value(True), TypeError, r"data must be a real number .* of type bool"),
        (lambda: Value(Value(1.0)), TypeError, r"data must be a real number; got a Value"),
        (lambda: Value(1.0) + "a", TypeError, r"unsupported operand"),
        (lambda: neuron(x=[1.0], w=0.5, b=0.0, y=1.0), ValueError, r"x must be a scalar"),
        (lambda: neuron_grads(x=1.0, w=float("inf"), b=0.0, y=1.0), ValueError, r"w must contain only finite"),
        (lambda: neuron(x=1.0, w=0.5, b="0", y=1.0), TypeError, r"b must contain real numbers"),
    ],
)
def test_errors_are_clear(make, error, match):
    with pytest.raises(error, match=match):
        make()


@given(st.floats(-30, 30))
def test_sigmoid_output_stays_in_the_open_interval(z):
    s = Value(z).sigmoid().data
    assert 0 < s < 1


def test_neuron_hand_worked():
    L, p = neuron(x=1.0, w=0.5, b=-0.5, y=1.0)  # z = 0, a = 1/2, L = 1/4
    assert [p[k].data for k in ("x", "w", "b", "z", "a", "y", "L")] == [1.0, 0.5, -0.5, 0.0, 0.5, 1.0, 0.25]
    assert all(p[k].label == k for k in p) and p["L"] is L
    L.backward()
    assert (p["w"].grad, p["b"].grad, p["a"].grad, p["z"].grad) == (-0.25, -0.25, -1.0, -0.25)
    g = neuron_grads(x=1.0, w=0.5, b=-0.5, y=1.0)
    assert g == {
        "dL/dw": -0.25,
        "dL/db": -0.25,
        "dz/dw": 1.0,
        "dz/db": 1.0,
        "da/dz": 0.25,
        "dL/da": -1.0,
        "dL/dz": -0.25,
    }
    assert all(type(v) is float for v in g.values())


@given(x_any, x_any, x_any, st.floats(0, 1))
def test_neuron_and_neuron_grads_agree_with_each_other_and_with_numerical_gradient(x, w, b, y):
    L, p = neuron(x, w, b, y)
    L.backward()
    g = neuron_grads(x, w, b, y)
    assert p["w"].grad == pytest.approx(g["dL/dw"], rel=1e-12, abs=1e-15)
    assert p["b"].grad == pytest.approx(g["dL/db"], rel=1e-12, abs=1e-15)
    assert p["a"].grad == pytest.approx(g["dL/da"], rel=1e-12, abs=1e-15)
    assert p["z"].grad == pytest.approx(g["dL/dz"], rel=1e-12, abs=1e-15)

    def loss(params):  # the loss as a function of (w, b)
        return neuron(x, params[0], params[1], y)[0].data

    numeric = numerical_gradient(loss, np.array([w, b]))
    assert_allclose([g["dL/dw"], g["dL/db"]], numeric, rtol=1e-6, atol=1e-8)
