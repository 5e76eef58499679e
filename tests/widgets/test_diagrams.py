"""The diagrams of a neuron and of a network (nncore.plotting._diagrams)."""

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from nncore.mlp import MLP
from nncore.plotting import CLASS_COLORS, draw_network, draw_neuron


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_neuron_labels_every_part_of_the_computation():
    ax = draw_neuron(Figure().add_subplot(), n_inputs=3, activation="sigmoid")
    t = texts(ax)
    for label in ["$x_{1}$", "$x_{2}$", "$x_{3}$", "$w_{1}$", "$w_{2}$", "$w_{3}$", "$b$",
                  r"$\Sigma$", r"$\sigma$", r"$\hat{y}$", "$z$"]:
        assert label in t, (label, t)
    assert len(ax.patches) == 3 + 1 + 1  # the inputs, the sum, the activation's box


def test_neuron_with_numbers_and_many_inputs():
    ax = draw_neuron(Figure().add_subplot(), n_inputs=2, weights=[0.5, -2.0], bias=1.5,
                     inputs=[1.0, 3.0], activation="step", output="1")
    t = texts(ax)
    assert {"0.5", "-2", "1.5", "1", "3", "step"} <= set(t)
    assert "$w_{1}$" not in t and "$b$" not in t
    many = draw_neuron(Figure().add_subplot(), n_inputs=7)
    assert "$x_{7}$" in texts(many) and "$x_{3}$" not in texts(many)
    assert r"$\vdots$" in texts(many)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n_inputs=0), ValueError, "n_inputs must be an int >= 1"),
    (dict(n_inputs=9), ValueError, "n_inputs must be from 1 to 8"),
    (dict(activation="softplus"), ValueError, "activation must be one of"),
    (dict(n_inputs=2, weights=[1.0]), ValueError, "weights must have one entry per input"),
    (dict(ax="ax"), TypeError, "ax must be a matplotlib Axes"),
])
def test_neuron_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        draw_neuron(**kwargs)


def test_network_has_an_edge_per_weight_and_a_unit_per_neuron():
    ax = draw_network([3, 4, 2], Figure().add_subplot())
    assert len(ax.lines) == 3 * 4 + 4 * 2
    assert len(ax.patches) == 3 + 4 + 2
    captions = [t for t in texts(ax) if "(" in t]
    assert captions == ["input\n(3)", "hidden 1\n(4)", "output\n(2)"]
    # every caption on one line
    ys = {round(t.get_position()[1], 9) for t in ax.texts if "(" in t.get_text()}
    assert len(ys) == 1


def test_network_edges_show_the_models_weights():
    model = MLP([2, 3, 1], activation="tanh", seed=4)
    ax = draw_network([2, 3, 1], Figure().add_subplot(), model=model)
    weights = np.concatenate([W.T.ravel() for W, _ in model.params])  # the drawing order
    # the drawing order is: for each layer, for each unit j on the right, each unit k on
    # the left; rebuild it from the model independently
    order = [model.params[0][0][j, k] for j in range(3) for k in range(2)] + \
            [model.params[1][0][0, k] for k in range(3)]
    assert len(ax.lines) == len(order) == len(weights)
    top = max(abs(w) for w in order)
    for line, w in zip(ax.lines, order):
        assert to_rgb(line.get_color()) == to_rgb(CLASS_COLORS[1] if w > 0 else CLASS_COLORS[0])
        assert line.get_linewidth() == pytest.approx(0.4 + 3.0 * abs(w) / top)
    assert any("tanh" in t for t in texts(ax))


def test_a_wide_layer_is_drawn_with_dots():
    ax = draw_network([64, 32, 10], Figure().add_subplot(), max_units=6)
    assert texts(ax).count(r"$\vdots$") == 3
    assert len(ax.patches) == 3 * 5  # five units a column are drawn
    assert len(ax.lines) == 5 * 5 * 2


@pytest.mark.parametrize("args, kwargs, error, match", [
    (([2],), {}, ValueError, "sizes must list at least two layers"),
    (("24",), {}, ValueError, "sizes must list at least two layers"),
    (([2, 0, 1],), {}, ValueError, r"sizes\[1\] must be an int >= 1"),
    (([2, 3, 1],), dict(model=MLP([2, 4, 1])), ValueError, "model has sizes"),
    (([2, 3, 1],), dict(layer_names=["a", "b"]), ValueError, "layer_names must name"),
    (([2, 3, 1],), dict(max_units=2), ValueError, "max_units must be an int >= 3"),
])
def test_network_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        draw_network(*args, **kwargs)
