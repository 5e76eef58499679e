"""The coding exercises of Chapter 4: a sigmoid node with its local derivative, one
neuron's backward pass by hand."""

from __future__ import annotations

import numpy as np

from .. import activations, autodiff
from ._check import Case, Check, Mistake

__all__ = ["check_sigmoid_node", "check_neuron_backward"]


def sigmoid_node_reference(z):
    """The sigmoid node of :class:`nncore.autodiff.Value`: its output ``a`` and its local
    derivative ``da/dz`` (from ``Value.local_grads``)."""
    node = autodiff.Value(z).sigmoid()
    ((_, local),) = node.local_grads()
    return node.data, local


def _sigmoid_cases():
    rng = np.random.default_rng(401)
    cases = [
        Case("hand", {"z": 0.0}, "sigma(0) = 1/2, slope 1/4"),
        Case("hand", {"z": 0.55}, "the neuron of the chapter"),
        Case("edge", {"z": -40.0}, "far left: a is tiny but positive"),
        Case("edge", {"z": 40.0}, "far right: a rounds to 1"),
        Case("edge", {"z": -1000.0}, "z = -1000: e^(-z) overflows"),
        Case("edge", {"z": 1000.0}, "z = 1000"),
    ]
    for z in rng.uniform(-6, 6, size=4).round(2):
        cases.append(Case("random", {"z": float(z)}))
    return cases


def _naive_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_at_a(z):
    a = activations.sigmoid(z)
    s = activations.sigmoid(a)
    return a, s * (1 - s)


def _sigmoid_sign(z):
    a = activations.sigmoid(-z)
    return a, a * (1 - a)


def _sigmoid_no_one_minus(z):
    a = activations.sigmoid(z)
    return a, a


def _sigmoid_overflow(z):
    a = _naive_sigmoid(z)
    return a, a * (1 - a)


_SIGMOID_OVERFLOW = ("e^(-z) overflows for z below about -709 (numpy warns and returns "
                     "inf; math.exp raises OverflowError). Never exponentiate a large "
                     "positive number: for z >= 0 use 1 / (1 + e^(-z)), for z < 0 the "
                     "equal e^z / (1 + e^z), or call activations.sigmoid.")

check_sigmoid_node = Check(
    "sigmoid_node", chapter=4, label="bp_code1", reference=sigmoid_node_reference,
    cases=_sigmoid_cases, outputs=("a", "da_dz"), overflow_hint=_SIGMOID_OVERFLOW,
    rtol=1e-9, atol=1e-15,
    mistakes=[
        Mistake("at a", _sigmoid_at_a,
                "Your local derivative is sigma'(a), the slope at the node's output. The "
                "chain rule takes it at the node's input: sigma'(z) = a (1 - a), with "
                "a = sigma(z)."),
        Mistake("sign", _sigmoid_sign,
                "Your sigmoid is sigma(-z): sigma(z) = 1 / (1 + e^(-z)), with a minus "
                "in the exponent, so that large z gives a close to 1."),
        Mistake("no 1 - a", _sigmoid_no_one_minus,
                "Your local derivative is a itself. The sigmoid's slope is "
                "a (1 - a): largest, 1/4, at z = 0 and vanishing on both sides."),
        Mistake("overflow", _sigmoid_overflow, _SIGMOID_OVERFLOW),
    ],
)


def neuron_backward_reference(x, w, b, y):
    """$\\partial L/\\partial w$ and $\\partial L/\\partial b$ for one neuron with the
    squared error, by :func:`nncore.autodiff.neuron_grads`."""
    g = autodiff.neuron_grads(x, w, b, y)
    return g["dL/dw"], g["dL/db"]


def _neuron_cases():
    rng = np.random.default_rng(402)
    cases = [
        Case("hand", {"x": 1.5, "w": 0.5, "b": -0.2, "y": 1.0}, "the neuron of the chapter"),
        Case("hand", {"x": 1.0, "w": 0.5, "b": -0.5, "y": 1.0}, "z = 0, a = 1/2"),
        Case("edge", {"x": 0.0, "w": 2.0, "b": 0.3, "y": 0.0}, "x = 0: w cannot matter"),
        Case("edge", {"x": -2.0, "w": 1.0, "b": 1.0, "y": 0.0}, "a negative input"),
        Case("edge", {"x": 2.0, "w": -400.0, "b": 0.0, "y": 1.0},
             "z = -800: a saturated neuron, and e^(-z) overflows"),
    ]
    for _ in range(4):
        x, w, b = rng.uniform(-2, 2, size=3).round(2)
        cases.append(Case("random", {"x": float(x), "w": float(w), "b": float(b),
                                     "y": float(rng.integers(0, 2))}))
    return cases


def _neuron(x, w, b, y, *, two=True, at_a=False, sign=False, x_in_db=False, chain=True):
    a = float(activations.sigmoid(w * x + b))
    dL_da = (2.0 if two else 1.0) * ((y - a) if sign else (a - y))
    da_dz = a * (1 - a)
    if at_a:
        s = float(activations.sigmoid(a))
        da_dz = s * (1 - s)
    if not chain:
        da_dz = 1.0
    return dL_da * da_dz * x, dL_da * da_dz * (x if x_in_db else 1.0)


def _neuron_no_two(x, w, b, y):
    return _neuron(x, w, b, y, two=False)


def _neuron_at_a(x, w, b, y):
    return _neuron(x, w, b, y, at_a=True)


def _neuron_sign(x, w, b, y):
    return _neuron(x, w, b, y, sign=True)


def _neuron_x_in_db(x, w, b, y):
    return _neuron(x, w, b, y, x_in_db=True)


def _neuron_no_sigmoid(x, w, b, y):
    return _neuron(x, w, b, y, chain=False)


check_neuron_backward = Check(
    "neuron_backward", chapter=4, label="bp_code2", reference=neuron_backward_reference,
    cases=_neuron_cases, outputs=("dL_dw", "dL_db"), overflow_hint=_SIGMOID_OVERFLOW,
    rtol=1e-9, atol=1e-15,
    mistakes=[
        Mistake("no 2", _neuron_no_two,
                "Your gradients are half the right ones: L = (a - y)^2, so "
                "dL/da = 2 (a - y). Texts that drop the 2 use the loss (1/2)(a - y)^2."),
        Mistake("sigma'(a)", _neuron_at_a,
                "Your middle factor is sigma'(a), the sigmoid's slope at its output. The "
                "chain rule takes it at the input z: da/dz = sigma'(z) = a (1 - a)."),
        Mistake("sign", _neuron_sign,
                "The sign of your gradients is flipped: dL/da = 2 (a - y), predicted "
                "minus wanted, so a too small a gives a negative dL/dw for x > 0."),
        Mistake("x in db", _neuron_x_in_db,
                "Your dL/db carries a factor x. The bias enters z = w x + b with slope "
                "dz/db = 1, so dL/db = 2 (a - y) a (1 - a), with no x."),
        Mistake("no sigmoid link", _neuron_no_sigmoid,
                "Your chain skips the sigmoid's link: between dL/da and dz/dw comes "
                "da/dz = a (1 - a)."),
    ],
)
