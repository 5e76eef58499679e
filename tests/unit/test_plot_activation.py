"""Tests of nncore.plotting.plot_activation: the two lines carry exactly the values of
nncore.activations (and, independently, the closed forms sigma(1 - sigma), 1 - tanh^2),
the axes are labelled, the sigmoid's derivative peaks at 1/4, and extreme inputs draw
without a warning."""

import math
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore import activations
from nncore.plotting import plot_activation

PAIRS = {
    "sigmoid": (activations.sigmoid, activations.sigmoid_grad),
    "tanh": (activations.tanh, activations.tanh_grad),
    "relu": (activations.relu, activations.relu_grad),
    "identity": (activations.identity, activations.identity_grad),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_lines_carry_the_values_of_nncore_activations(pyplot, name):
    z = np.linspace(-5.0, 5.0, 41)
    ax = plot_activation(name, z)
    f, f_grad = PAIRS[name]
    function, derivative = ax.lines[0], ax.lines[1]
    assert_array_equal(function.get_xdata(), z)
    assert_array_equal(derivative.get_xdata(), z)
    assert_array_equal(function.get_ydata(), f(z))
    assert_array_equal(derivative.get_ydata(), f_grad(z))


def test_sigmoid_against_closed_forms(pyplot):
    z = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])
    ax = plot_activation("sigmoid", z)
    sig = np.array([1 / (1 + math.exp(-t)) for t in z])
    assert_allclose(ax.lines[0].get_ydata(), sig, rtol=1e-14)
    assert_allclose(ax.lines[1].get_ydata(), sig * (1 - sig), rtol=1e-12)


def test_sigmoid_derivative_is_at_most_a_quarter(pyplot):
    ax = plot_activation("sigmoid")  # default grid, which contains z = 0
    slope = ax.lines[1].get_ydata()
    assert slope.max() == pytest.approx(0.25, abs=1e-15)
    assert np.all(slope <= 0.25)
    assert ax.lines[2].get_ydata()[0] == pytest.approx(0.25)  # the dotted line at the max


def test_tanh_derivative_peaks_at_one(pyplot):
    ax = plot_activation("tanh", np.linspace(-2.0, 2.0, 5))
    assert_allclose(ax.lines[1].get_ydata(), 1 - np.tanh(np.linspace(-2.0, 2.0, 5)) ** 2)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_axes_labelled_and_legend(pyplot, name):
    ax = plot_activation(name)
    assert ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("'(z)" in t for t in labels) and len(labels) >= 2


def test_keeps_labels_the_user_set(pyplot):
    _fig, ax = pyplot.subplots()
    ax.set_xlabel("my z")
    assert plot_activation("sigmoid", ax=ax, mark_max=False) is ax
    assert ax.get_xlabel() == "my z"
    assert len(ax.lines) == 2 + 2  # two curves and the two axis lines, no max marker


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_extreme_inputs_are_finite_and_silent(pyplot, name):
    z = np.array([-1e4, -800.0, -40.0, 0.0, 40.0, 800.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_activation(name, z)
        ax.figure.canvas.draw()
    for line in ax.lines[:2]:
        assert np.all(np.isfinite(line.get_ydata()))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"name": "softplus"}, ValueError, "name must be one of"),
        ({"name": 3}, TypeError, "name must be a string"),
        ({"name": "sigmoid", "z": [0.0]}, ValueError, "at least two points"),
        ({"name": "sigmoid", "z": [[0.0, 1.0]]}, ValueError, "z must"),
        ({"name": "sigmoid", "z": [0.0, np.nan]}, ValueError, "z"),
        ({"name": "sigmoid", "ax": "axes"}, TypeError, "ax"),
        ({"name": "sigmoid", "mark_max": "yes"}, TypeError, "mark_max"),
    ],
)
def test_bad_input(pyplot, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_activation(**kwargs)
