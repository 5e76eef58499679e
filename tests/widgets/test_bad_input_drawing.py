"""Bad input to the figures and widgets of nncore: the cases of issue 17, as tables.

``ERRORS`` lists calls that must be refused before anything is drawn or trained, with the
exception and a phrase of its message (the argument, what it got, what was expected);
they used to be accepted (a dpi of 0, a colour scale of 0) or to fail inside matplotlib
(a ZeroDivisionError, an AttributeError of a string). The explorer of Chapter 1 gets
its own tests: given a line beyond its sliders it shows that very line, and it refuses
a NaN on any slider, keeping the value it had.
"""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from nncore import datasets, optimisers
from nncore.hyperplane import count_misclassified
from nncore.mlp import MLP, Trainer
from nncore.perceptron import Perceptron
from nncore.plotting import (
    HyperplaneDisplay,
    animate_descent,
    animate_hyperplane,
    animate_mlp_training,
    animate_training,
    plot_angle,
    plot_confusion_matrix,
    plot_decision_regions,
    plot_hidden_boundaries,
    plot_path,
    plot_vectors_2d,
    plot_weight_images,
)
from nncore.widgets import (
    GraphExplorer,
    HyperplaneExplorer,
    PerceptronStepper,
    hyperplane_explorer,
    render_png,
)

X2 = np.array([[2.0, 1.0], [-1.0, -2.0]])
Y2 = np.array([1, 0])
HISTORY = [{"epoch": 0, "index": 1, "x": X2[1], "y": 0, "y_hat": 1, "w_before": np.zeros(2),
            "b_before": 0.0, "w": np.array([1.0, 2.0]), "b": -1.0, "errors": 1}]
PATH = optimisers.gradient_descent(lambda t: float(t @ t), lambda t: 2 * t, [1.0, 1.0], 0.1, 3)
LINE_X, LINE_Y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0])


def _trainer():
    return Trainer(MLP([2, 3, 1], seed=0), X2, Y2, lr=0.1)


ERRORS = [
    # -- animations: interval and dpi, checked first ------------------------------------
    pytest.param(lambda: animate_training(X2, Y2, HISTORY, interval=-5),
                 ValueError, r"interval must be > 0 \(milliseconds between frames\); got -5",
                 id="animate-training-interval"),
    pytest.param(lambda: animate_training(X2, Y2, HISTORY, interval=0),
                 ValueError, r"interval must be > 0.*got 0", id="animate-training-interval-0"),
    pytest.param(lambda: animate_training(X2, Y2, HISTORY, dpi=0),
                 ValueError, r"dpi must be a number from 1 to 1000 \(dots per inch\); got 0",
                 id="animate-training-dpi-0"),
    pytest.param(lambda: animate_training(X2, Y2, HISTORY, dpi="64"),
                 TypeError, r"dpi must be a number \(dots per inch\); got '64' of type str",
                 id="animate-training-dpi-str"),
    pytest.param(lambda: animate_training(X2, Y2, HISTORY, dpi=True),
                 TypeError, r"dpi must be a number", id="animate-training-dpi-bool"),
    pytest.param(lambda: animate_training(X2, Y2, HISTORY, dpi=math.nan),
                 ValueError, r"dpi must be a number from 1 to 1000.*got nan",
                 id="animate-training-dpi-nan"),
    pytest.param(lambda: animate_training(X2, Y2, HISTORY, figsize=(0.0, 4.0)),
                 ValueError, r"figsize must be .*inches.*got \(0.0, 4.0\)",
                 id="animate-training-figsize"),
    pytest.param(lambda: animate_descent(LINE_X, LINE_Y, PATH, dpi=0),
                 ValueError, r"dpi must be a number from 1 to 1000", id="animate-descent-dpi"),
    pytest.param(lambda: animate_descent(LINE_X, LINE_Y, PATH, interval=0),
                 ValueError, r"interval must be > 0", id="animate-descent-interval"),
    pytest.param(lambda: animate_hyperplane(X2, Y2, [[1.0, 1.0]], [0.0], dpi=-72),
                 ValueError, r"dpi must be a number from 1 to 1000.*got -72",
                 id="animate-hyperplane-dpi"),
    pytest.param(lambda: animate_mlp_training(_trainer(), 2, dpi=0),
                 ValueError, r"dpi must be a number from 1 to 1000", id="animate-mlp-dpi"),
    pytest.param(lambda: animate_mlp_training(_trainer(), 2, interval=0),
                 ValueError, r"interval must be > 0", id="animate-mlp-interval"),
    # -- a colour scale of 0 or less ----------------------------------------------------
    pytest.param(lambda: plot_weight_images(np.ones((2, 64)), fig=Figure(), vmax=0),
                 ValueError, r"vmax must be a finite number > 0 \(the colours run from -vmax "
                             r"to vmax\); got 0", id="weight-images-vmax-0"),
    pytest.param(lambda: plot_weight_images(np.ones((2, 64)), fig=Figure(), vmax=-1.0),
                 ValueError, r"vmax must be a finite number > 0", id="weight-images-vmax-neg"),
    # -- objects of the wrong type where an axes or a figure is expected ----------------
    pytest.param(lambda: plot_vectors_2d([[1, 2]], ax="x"),
                 TypeError, r"ax must be a matplotlib Axes \(such as fig.add_subplot\(\)\) or "
                            r"None; got 'x' of type str", id="vectors-ax-str"),
    pytest.param(lambda: plot_angle([1, 0], [0, 1], ax=1),
                 TypeError, r"ax must be a matplotlib Axes.*of type int", id="angle-ax-int"),
    pytest.param(lambda: plot_path(PATH, None),
                 TypeError, r"ax must be a matplotlib Axes \(such as fig.add_subplot\(\)\); "
                            r"got None", id="path-ax-none"),
    pytest.param(lambda: plot_confusion_matrix([[1, 0], [0, 1]], ax=Figure()),
                 TypeError, r"ax must be a matplotlib Axes.*of type Figure",
                 id="confusion-ax-figure"),
    pytest.param(lambda: plot_decision_regions(MLP([2, 2]), X2, Y2, ax="ax"),
                 TypeError, r"ax must be a matplotlib Axes", id="regions-ax-str"),
    pytest.param(lambda: plot_hidden_boundaries(MLP([2, 2, 2]), None),
                 TypeError, r"ax must be a matplotlib Axes.*got None", id="hidden-ax-none"),
    pytest.param(lambda: plot_weight_images(np.ones((2, 64)), fig="fig"),
                 TypeError, r"fig must be a matplotlib Figure \(or None for a new one\); "
                            r"got 'fig' of type str", id="weight-images-fig-str"),
    pytest.param(lambda: HyperplaneDisplay(w=[1.0, 1.0], b=0.0, X=X2, y=Y2).plot(ax=1),
                 TypeError, r"ax must be a matplotlib Axes", id="display-ax-int"),
    pytest.param(lambda: render_png("fig"),
                 TypeError, r"figure must be a matplotlib Figure; got 'fig' of type str",
                 id="render-png-str"),
    pytest.param(lambda: render_png(Figure(figsize=(1, 1)), dpi=0),
                 ValueError, r"dpi must be a number from 1 to 1000", id="render-png-dpi-0"),
    pytest.param(lambda: render_png(Figure(figsize=(1, 1)), dpi="64"),
                 TypeError, r"dpi must be a number", id="render-png-dpi-str"),
    # -- widgets: the dpi of their picture ----------------------------------------------
    pytest.param(lambda: HyperplaneExplorer(dpi=0),
                 ValueError, r"dpi must be a number from 1 to 1000", id="explorer-dpi-0"),
    pytest.param(lambda: PerceptronStepper(dpi="90"),
                 TypeError, r"dpi must be a number", id="stepper-dpi-str"),
    pytest.param(lambda: GraphExplorer(dpi=-1),
                 ValueError, r"dpi must be a number from 1 to 1000", id="graph-dpi-neg"),
]


@pytest.mark.parametrize("call, error, match", ERRORS)
def test_bad_input_is_refused_with_a_clear_message(pyplot, call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_animate_mlp_training_checks_before_training():
    trainer = _trainer()
    with pytest.raises(ValueError, match="interval"):
        animate_mlp_training(trainer, 5, interval=-1)
    with pytest.raises(ValueError, match="dpi"):
        animate_mlp_training(trainer, 5, dpi=0)
    assert trainer.epoch == 0 and trainer.steps == 0


def test_plot_weight_images_of_zero_weights_keeps_its_default_scale():
    """No vmax given and every weight 0: the colour scale is -1 to 1 (all white)."""
    fig = plot_weight_images(np.zeros((2, 64)), fig=Figure())
    assert fig.axes[0].images[0].get_clim() == (-1.0, 1.0)


# ---------------------------------------------------------------------------------------
# The explorer of Chapter 1 shows the line it is given, and refuses NaN
# ---------------------------------------------------------------------------------------


def _wrong_by_loop(X, y, w, b):
    return sum(int((w[0] * x0 + w[1] * x1 + b >= 0) != label) for (x0, x1), label in zip(X, y))


@pytest.fixture(scope="module")
def iris_run():
    """A perceptron trained on two iris species it cannot separate: its line lies far
    beyond the sliders, w = (49.5, -33.7) and b = -121 (22 points on the wrong side)."""
    X, y = datasets.iris(features=("petal length (cm)", "sepal width (cm)"),
                         classes=("versicolor", "virginica"))
    m = Perceptron(seed=0).fit(X, y)
    assert np.max(np.abs(m.w_)) > 3.0 and abs(m.b_) > 4.0  # outside (-3, 3) and (-4, 4)
    return X, y, m.w_, m.b_


@pytest.mark.parametrize("mode", ["components", "angle and length"])
def test_explorer_shows_the_given_line_beyond_its_sliders(iris_run, mode):
    X, y, w, b = iris_run
    ex = hyperplane_explorer(X, y, w=w, b=b, mode=mode)
    c = ex.controls
    for name, (low, high) in (("w1", (-3, 3)), ("w2", (-3, 3)), ("b", (-4, 4))):
        assert low <= c[name].value <= high
    # the same line: (w, b) divided by one positive number, here a power of two
    factor = b / ex.b
    assert factor > 1 and math.log2(factor) == int(math.log2(factor))
    np.testing.assert_allclose(ex.w * factor, w, rtol=1e-12)
    if mode == "components":
        np.testing.assert_array_equal(ex.w * factor, w)  # exactly
    # so the same points on the wrong side as the perceptron itself
    expected = _wrong_by_loop(X, y, w, b)
    assert expected == count_misclassified(X, y, w, b) == 22
    assert ex.display.n_wrong_ == expected
    assert f"<b>{expected} of {len(X)} points on the wrong side</b>" in ex.status.value
    assert f"divided by {factor:g}" in ex.status.value  # and the reader is told why
    c["b"].value = 0.5  # once the reader moves a slider, the note has done its job
    assert "divided by" not in ex.status.value


def test_explorer_leaves_a_line_inside_the_sliders_alone():
    ex = hyperplane_explorer(w=(2.5, -3.0), b=4.0)
    np.testing.assert_array_equal(ex.w, [2.5, -3.0])
    assert ex.b == 4.0 and "divided by" not in ex.status.value


def test_explorer_by_angle_fits_the_length_slider():
    """w = (3, 3) fits the component sliders but its length 4.24 not the length slider
    (0 to 3): by angle and length the line is halved, not cut to length 3."""
    ex = hyperplane_explorer(w=(3.0, 3.0), b=1.0, mode="angle and length")
    np.testing.assert_allclose(ex.w, [1.5, 1.5], rtol=1e-12)
    assert ex.b == 0.5


@pytest.mark.parametrize("mode, name", [("angle and length", "angle"),
                                        ("angle and length", "length"),
                                        ("components", "w1"), ("components", "b")])
def test_explorer_refuses_nan_and_keeps_its_value(mode, name):
    ex = hyperplane_explorer(w=(1.0, 0.5), b=-0.5, mode=mode)
    c = ex.controls
    before = {k: c[k].value for k in ("w1", "w2", "angle", "length", "b")}
    w, b = ex.w.copy(), ex.b
    with pytest.raises(ValueError, match=rf"{name} must be a finite number; got nan"):
        c[name].value = math.nan
    assert {k: c[k].value for k in before} == before
    np.testing.assert_array_equal(ex.w, w)
    assert ex.b == b
    c["b"].value = 0.25  # and the widget still works
    assert ex.display.b == 0.25
