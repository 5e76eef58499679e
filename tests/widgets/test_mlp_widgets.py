"""Tests of Chapter 5's drawing (nncore.plotting: decision regions, hidden units, ReLU
pieces, gradient norms, the training display and its animation) and widgets
(nncore.widgets: the ReLU superposition explorer and the MLP training viewer).

Every figure is checked against numbers this file computes itself with plain numpy
from the model's parameters (the forward pass, sigmoid, softmax, relu, the pieces, the
least-squares fit, the loss written out here), never by calling the maths of nncore
that the figure draws. Widgets are driven as a reader would: set a control's value or
click a button, then look at the artists, the PNG and the status line."""

import io
import math

import ipywidgets
import numpy as np
import pytest
from ipywidgets.widgets.widget_link import Link
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from PIL import Image

from nncore import datasets
from nncore.mlp import MLP, Trainer
from nncore.plotting import (
    CLASS_COLORS,
    DECISION_COLORS,
    MULTICLASS_COLORS,
    MLPTrainingDisplay,
    ReluPiecesDisplay,
    animate_mlp_training,
    plot_decision_regions,
    plot_gradient_norms,
    plot_hidden_boundaries,
    plot_hidden_units,
    plot_relu_pieces,
)
from nncore.widgets import (
    RELU_RANGES,
    RELU_TARGETS,
    VIEWER_DATASETS,
    VIEWER_LR_EXPONENTS,
    MLPTrainingViewer,
    ReluSuperpositionExplorer,
    mlp_training_viewer,
    relu_superposition_explorer,
    render_png,
)

# ----------------------------------------------------------------------------------
# the test's own maths
# ----------------------------------------------------------------------------------


def own_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def own_forward(params, X, act):
    """Hidden layers f(A W^T + b), a linear output layer: the logits (n, n_out), and
    every hidden layer's pre-activation and output."""
    f = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0), "sigmoid": own_sigmoid}[act]
    A, layers = np.asarray(X, dtype=float), []
    for l, (W, b) in enumerate(params):
        Z = A @ np.asarray(W).T + np.asarray(b)
        if l == len(params) - 1:
            return Z, layers
        A = f(Z)
        layers.append((Z, A))


def own_bce(z, y):
    """Mean binary cross-entropy of logits z (n,) against labels y in {0, 1}."""
    p = own_sigmoid(z)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def pixel_centres(xlim, ylim, n):
    """The centres of an n x n image over xlim x ylim, row i at the i-th y (origin lower)."""
    xs = xlim[0] + (np.arange(n) + 0.5) * (xlim[1] - xlim[0]) / n
    ys = ylim[0] + (np.arange(n) + 0.5) * (ylim[1] - ylim[0]) / n
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def image_view(image):
    x0, x1, y0, y1 = image.get_extent()
    return (x0, x1), (y0, y1)


def boundary_points(line):
    xy = np.column_stack(line.get_data())
    return xy[np.isfinite(xy).all(axis=1)]


def linear_model(W, b):
    """A model with no hidden layer: logits = X W^T + b."""
    return MLP([2, len(b)], params=[(np.array(W, float), np.array(b, float))])


XOR = datasets.xor(n=100, seed=0)


@pytest.fixture(scope="module")
def xor_net():
    """A 2-4-1 tanh network trained on XOR (100 epochs), and its data."""
    X, y = XOR
    net = MLP([2, 4, 1], "tanh", seed=0)
    Trainer(net, X, y, lr=0.3).run(100)
    return net, X, y


# ----------------------------------------------------------------------------------
# plot_decision_regions
# ----------------------------------------------------------------------------------


def test_binary_regions_are_sigmoid_of_the_logit_and_the_boundary_is_z_zero(pyplot):
    W, b = np.array([[1.0, -2.0]]), np.array([0.5])
    X = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 1.0], [2.0, -1.0]])
    y = np.array([1, 0, 0, 1])
    fignums = pyplot.get_fignums()
    ax = plot_decision_regions(linear_model(W, b), X, y, ax=Figure().add_subplot(),
                               grid=40, lim=(-3, 3))
    assert pyplot.get_fignums() == fignums  # drew into the given axes only
    image = ax.images[-1]
    assert image_view(image) == ((-3, 3), (-3, 3))
    z = pixel_centres((-3, 3), (-3, 3), 40) @ W[0] + b[0]
    np.testing.assert_allclose(np.asarray(image.get_array()), own_sigmoid(z).reshape(40, 40),
                               rtol=1e-12)
    line = next(l for l in ax.lines if l.get_label() == "decision boundary")
    pts = boundary_points(line)
    assert len(pts) > 10
    np.testing.assert_allclose(pts @ W[0] + b[0], 0.0, atol=1e-9)  # a linear z: exact
    points = ax.collections[-1]
    np.testing.assert_allclose(points.get_offsets(), X)
    np.testing.assert_allclose(points.get_facecolors()[:, :3],
                               [to_rgb(CLASS_COLORS[c]) for c in y])
    # the colour map: class-0 blue tint at 0, white at 0.5, class-1 orange tint at 1
    cmap = image.get_cmap()
    assert cmap(0.5)[:3] == pytest.approx((1.0, 1.0, 1.0), abs=0.01)
    np.testing.assert_allclose(cmap(0.0)[:3], to_rgb(DECISION_COLORS[0]), atol=0.01)
    np.testing.assert_allclose(cmap(1.0)[:3], to_rgb(DECISION_COLORS[2]), atol=0.01)
    # and a colour bar of P(class 1) beside it, with the boundary marked at 0.5
    assert len(ax.figure.axes) == 2


def test_multiclass_regions_take_the_argmax_class_paler_where_less_sure(pyplot):
    W = np.array([[1.0, 0.0], [-1.0, 1.0], [0.0, -1.0]])
    b = np.array([0.0, 0.2, -0.1])
    X = np.array([[2.0, 0.0], [-2.0, 2.0], [0.0, -2.0]])
    y = np.array([0, 1, 2])
    ax = plot_decision_regions(linear_model(W, b), X, y, ax=Figure().add_subplot(),
                               grid=30, lim=(-3, 3))
    rgb = np.asarray(ax.images[-1].get_array()).reshape(-1, 3)
    Z = pixel_centres((-3, 3), (-3, 3), 30) @ W.T + b
    winner = np.argmax(Z, axis=1)
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    confidence = P.max(axis=1)
    ink = 1.0 - rgb  # a tint of colour c is white minus a * (white - c)
    for c in range(3):
        direction = 1.0 - np.array(to_rgb(MULTICLASS_COLORS[c]))
        mine = ink[winner == c]
        amount = mine @ direction / (direction @ direction)
        np.testing.assert_allclose(mine, np.outer(amount, direction), atol=1e-9)
        # more confident, deeper colour
        order = np.argsort(confidence[winner == c])
        assert np.all(np.diff(amount[order]) >= -1e-12)
    # the boundary: where the two largest logits tie (to within a grid step)
    pts = boundary_points(next(l for l in ax.lines if l.get_label() == "decision boundary"))
    top2 = np.sort(pts @ W.T + b, axis=1)[:, -2:]
    step = 6.0 / 30
    assert np.all(top2[:, 1] - top2[:, 0] < 2 * step * 2.0)
    assert len(ax.figure.axes) == 1  # no colour bar for several classes
    legend = [t.get_text() for t in ax.get_legend().texts]
    assert legend == ["class 0", "class 1", "class 2", "decision boundary"]


def test_regions_of_a_trained_xor_net_classify_like_its_forward_pass(xor_net, pyplot):
    net, X, y = xor_net
    ax = plot_decision_regions(net, X, y, ax=Figure().add_subplot(), grid=60)
    xlim, ylim = image_view(ax.images[-1])
    logits, _ = own_forward(net.params, pixel_centres(xlim, ylim, 60), "tanh")
    np.testing.assert_allclose(np.asarray(ax.images[-1].get_array()).ravel(),
                               own_sigmoid(logits[:, 0]), rtol=1e-9)
    # the default view shows every point, with a margin, in a square
    assert xlim[1] - xlim[0] == ylim[1] - ylim[0]
    assert xlim[0] < X[:, 0].min() and X[:, 0].max() < xlim[1]
    assert ylim[0] < X[:, 1].min() and X[:, 1].max() < ylim[1]


def test_hard_regions_without_proba(pyplot):
    W, b = np.array([[1.0, 1.0]]), np.array([0.0])
    ax = plot_decision_regions(linear_model(W, b), [[1.0, 1.0], [-1.0, -1.0]], [1, 0],
                               ax=Figure().add_subplot(), grid=10, lim=(-1, 1), proba=False)
    z = pixel_centres((-1, 1), (-1, 1), 10) @ W[0]
    np.testing.assert_array_equal(np.asarray(ax.images[-1].get_array()).ravel(),
                                  (z >= 0).astype(float))
    assert len(ax.figure.axes) == 1  # no colour bar for hard regions


@pytest.mark.parametrize("args, kwargs, error, match", [
    (("not a model",), {}, TypeError, "model must be an nncore.mlp.MLP"),
    ((MLP([3, 1]),), {}, ValueError, r"model must take 2 input features"),
    ((MLP([2, 1]), [[0.0, 0.0, 0.0]], [0]), {}, ValueError, "X must have 2 features"),
    ((MLP([2, 1]), [[0.0, 0.0]], [2]), {}, ValueError, "y must contain labels 0 to 1"),
    ((MLP([2, 3]), [[0.0, 0.0]], [3]), {}, ValueError, "y must contain labels 0 to 2"),
    ((MLP([2, 1]), [[0.0, 0.0]], [0, 1]), {}, ValueError, "y must have one label per sample"),
    ((MLP([2, 1]), [[0.0, 0.0]], [0]), {"grid": 1}, ValueError, "grid must be an int >= 2"),
    ((MLP([2, 1]), [[0.0, 0.0]], [0]), {"lim": (1, -1)}, ValueError, "lim must be increasing"),
    ((MLP([2, 9]), [[0.0, 0.0]], [0]), {}, ValueError, "at most 8 classes"),
])
def test_decision_regions_bad_input(pyplot, args, kwargs, error, match):
    full = args + ((np.zeros((1, 2)), np.zeros(1, int)) if len(args) == 1 else ())
    with pytest.raises(error, match=match):
        plot_decision_regions(*full, ax=Figure().add_subplot(), **kwargs)


# ----------------------------------------------------------------------------------
# plot_hidden_boundaries and plot_hidden_units
# ----------------------------------------------------------------------------------


def test_hidden_boundaries_are_the_first_layers_lines(pyplot):
    W1 = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0], [0.0, 0.0], [1.0, 0.0]])
    b1 = np.array([-0.5, 1.0, 0.0, 1.0, 5.0])  # unit 4: w = 0; unit 5: x1 = -5, off view
    net = MLP([2, 5, 1], params=[(W1, b1), (np.ones((1, 5)), np.zeros(1))])
    ax = Figure().add_subplot(xlim=(-1, 1), ylim=(-2, 2))
    lines = plot_hidden_boundaries(net, ax)
    assert isinstance(lines, LineCollection) and lines in ax.collections
    segments = lines.get_segments()
    assert len(segments) == 3  # units 1, 2, 3
    for seg, (w, b) in zip(segments, [(W1[0], b1[0]), (W1[1], b1[1]), (W1[2], b1[2])]):
        np.testing.assert_allclose(seg @ w + b, 0.0, atol=1e-12)
        for x, y in seg:  # the ends lie on the frame of the view
            assert np.isclose(abs(x), 1.0) or np.isclose(abs(y), 2.0)
    labels = lines.nncore_labels
    assert [t.get_text() for t in labels] == ["1", "2", "3", "4", "5"]
    assert [t.get_visible() for t in labels] == [True, True, True, False, False]
    for t, (w, b) in zip(labels[:3], [(W1[0], b1[0]), (W1[1], b1[1]), (W1[2], b1[2])]):
        assert np.dot(t.get_position(), w) + b == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError, match="have a hidden layer"):
        plot_hidden_boundaries(MLP([2, 1]), ax)


def test_hidden_units_show_each_units_output(xor_net, pyplot):
    net, X, y = xor_net
    fig = plot_hidden_units(net, X, y, fig=Figure(), grid=30)
    (row,) = fig.nncore_unit_axes
    assert len(row) == 4
    xlim, ylim = image_view(row[0].images[0])
    _, [(Z1, A1)] = own_forward(net.params, pixel_centres(xlim, ylim, 30), "tanh")
    W2 = net.params[1][0]
    for j, ax in enumerate(row):
        image = ax.images[0]
        np.testing.assert_allclose(np.asarray(image.get_array()).ravel(), A1[:, j], rtol=1e-9)
        assert image.get_clim() == (-1.0, 1.0)  # tanh: one signed scale
        assert ax.get_title() == f"unit {j + 1},  $v_{{{j + 1}}} = {W2[0, j]:+.2f}$"
        # the dashed line is where this unit's z_j = 0
        zero = boundary_points(ax.lines[0])
        np.testing.assert_allclose(zero @ net.params[0][0][j] + net.params[0][1][j], 0.0,
                                   atol=1e-9)
    # the output below, titled as the sum of the units
    output = [ax for ax in fig.axes if ax.get_title().startswith("output")]
    assert len(output) == 1
    assert output[0].get_title() == r"output: $z = \Sigma_j\, v_j a_j + b$"


def test_hidden_units_of_a_deep_relu_net_are_rows(pyplot):
    X, y = datasets.moons(n=60, seed=0)
    net = MLP([2, 3, 10, 1], "relu", seed=1)
    fig = plot_hidden_units(net, X, y, fig=Figure(), grid=20, max_units=6)
    first, second = fig.nncore_unit_axes
    assert (len(first), len(second)) == (3, 6)
    xlim, ylim = image_view(first[0].images[0])
    _, [(Z1, A1), (Z2, A2)] = own_forward(net.params, pixel_centres(xlim, ylim, 20), "relu")
    for j, ax in enumerate(second):
        np.testing.assert_allclose(np.asarray(ax.images[0].get_array()).ravel(), A2[:, j],
                                   rtol=1e-9, atol=1e-12)
        assert ax.images[0].get_clim() == pytest.approx((0.0, A2[:, :6].max()))
    texts = [t.get_text() for t in fig.texts]
    assert any("hidden layer 2 (the first 6 of 10 units)" in t for t in texts)
    with pytest.raises(ValueError, match="must have a hidden layer"):
        plot_hidden_units(MLP([2, 1]), X, y, fig=Figure())


# ----------------------------------------------------------------------------------
# ReLU pieces
# ----------------------------------------------------------------------------------


def relu_net(w, b, v, c):
    return MLP([1, len(w), 1], "relu", params=[(np.array(w, float)[:, None], np.array(b, float)),
                                               (np.array([v], float), np.array([c], float))])


def test_relu_pieces_and_their_sum_from_a_model(pyplot):
    w, b, v, c = [1.0, -2.0, 0.5], [0.5, 1.0, -1.0], [1.0, 0.5, -2.0], 0.25
    x = np.linspace(-3.0, 3.0, 61)
    ax = plot_relu_pieces(x, relu_net(w, b, v, c), target=np.sin, ax=Figure().add_subplot())
    pieces = [np.asarray(v_j) * np.maximum(np.asarray(w_j) * x + b_j, 0.0)
              for w_j, b_j, v_j in zip(w, b, v)]
    lines = {l.get_label(): l for l in ax.lines}
    for j, piece in enumerate(pieces):
        label = next(k for k in lines if k.startswith(f"unit {j + 1}:"))
        np.testing.assert_allclose(lines[label].get_ydata(), piece, atol=1e-12)
    total = sum(pieces) + c
    sum_line = next(l for k, l in lines.items() if k.startswith("sum"))
    np.testing.assert_allclose(sum_line.get_ydata(), total, atol=1e-12)
    np.testing.assert_allclose(lines["target"].get_ydata(), np.sin(x))
    error = np.mean((total - np.sin(x)) ** 2)
    assert ax.get_title() == f"mean squared error against the target: {error:.4f}"
    # the kinks -b/w on the sum, where it bends
    kinks = ax.collections[-1].get_offsets()
    expected = -np.array(b) / np.array(w)
    np.testing.assert_allclose(kinks[:, 0], expected)
    np.testing.assert_allclose(kinks[:, 1], np.interp(expected, x, total))


def test_relu_pieces_display_updates_in_place_and_hides_kinks_out_of_view(pyplot):
    x = np.linspace(-1.0, 1.0, 21)
    net = relu_net([1.0, 0.0], [0.0, 1.0], [1.0, 1.0], 0.0)
    disp = ReluPiecesDisplay.from_model(x, net, target=np.abs(x)).plot(ax=Figure().add_subplot())
    lines = list(disp.pieces_) + [disp.sum_]
    net.params[0][0][:] = [[-1.0], [3.0]]  # w1 = -1; w2 = 3 with b2 = 1: kink -1/3
    disp.update_model(net)
    assert list(disp.pieces_) + [disp.sum_] == lines
    np.testing.assert_allclose(disp.pieces_[1].get_ydata(), np.maximum(3 * x + 1, 0.0))
    kinks = disp.kinks_.get_offsets()
    assert kinks[0, 0] == 0.0 and kinks[1, 0] == pytest.approx(-1 / 3)
    net.params[0][1][:] = [5.0, 1.0]  # kink of unit 1 at x = 5: outside [-1, 1]
    disp.update_model(net)
    assert np.isnan(disp.kinks_.get_offsets()[0]).all()
    with pytest.raises(ValueError, match=r"sizes \[1, k, 1\]"):
        ReluPiecesDisplay.from_model(x, MLP([2, 3, 1], "relu"))
    with pytest.raises(ValueError, match="activation='relu'"):
        ReluPiecesDisplay.from_model(x, MLP([1, 3, 1], "tanh"))
    with pytest.raises(ValueError, match="x must be increasing"):
        ReluPiecesDisplay(x=[1.0, 0.0], pieces=[[1.0], [2.0]])
    with pytest.raises(ValueError, match=r"pieces must have shape \(len\(x\), k\)"):
        ReluPiecesDisplay(x=[0.0, 1.0], pieces=np.zeros((3, 2)))


def test_more_than_six_pieces_are_told_apart_by_line_style(pyplot):
    x = np.linspace(-1.0, 1.0, 11)
    disp = ReluPiecesDisplay(x=x, pieces=np.zeros((11, 8)), kinks=np.zeros(8)).plot(
        ax=Figure().add_subplot())
    colors = [to_rgb(line.get_color()) for line in disp.pieces_]
    styles = [line.get_linestyle() for line in disp.pieces_]
    assert len(set(colors[:6])) == 6 and colors[6:] == colors[:2]
    assert styles[:6] == ["-"] * 6 and styles[6] == styles[7] == "--"
    assert [label.get_text() for label in disp.ax_.get_legend().texts][-1] == (
        r"unit 8: $v_{8}\,\mathrm{relu}(w_{8}x + b_{8})$")


# ----------------------------------------------------------------------------------
# gradient norms
# ----------------------------------------------------------------------------------


def test_gradient_norms_on_a_log_axis_with_zeros_marked(pyplot):
    ax = plot_gradient_norms({"sigmoid": [1e-6, 1e-3, 0.1], "zero init": [0.0, 0.0, 0.0]},
                             ax=Figure().add_subplot())
    assert ax.get_yscale() == "log"
    line = ax.lines[0]
    np.testing.assert_allclose(line.get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(line.get_ydata(), [1e-6, 1e-3, 0.1])
    zeros = ax.lines[-1]
    assert zeros.get_marker() == "v"
    np.testing.assert_allclose(zeros.get_xdata(), [1, 2, 3])
    assert [t.get_text() for t in ax.get_legend().texts] == [
        "sigmoid", "zero init (\u25bd: exactly 0)"]
    ax = plot_gradient_norms([0.5, 0.25], ax=ax, label="relu")  # a third run, on top
    assert ax.get_legend().texts[-1].get_text() == "relu"
    with pytest.raises(ValueError, match=r"norms_per_layer must be norms \(>= 0\)"):
        plot_gradient_norms([0.1, -1.0], ax=Figure().add_subplot())
    with pytest.raises(ValueError, match=r"shape \(n_layers,\)"):
        plot_gradient_norms([[0.1]], ax=Figure().add_subplot())


# ----------------------------------------------------------------------------------
# MLPTrainingDisplay and its animation
# ----------------------------------------------------------------------------------


def test_training_display_from_a_trainer(pyplot):
    X, y = XOR
    Xt, yt = datasets.xor(n=40, seed=1)
    net = MLP([2, 4, 1], "tanh", seed=0)
    trainer = Trainer(net, X, y, lr=0.3, X_test=Xt, y_test=yt, eval_train="full").run(30)
    disp = MLPTrainingDisplay.from_trainer(trainer, max_epochs=50).plot(fig=Figure())
    xlim, ylim = image_view(disp.regions_)
    logits, [(Z1, _)] = own_forward(net.params, pixel_centres(xlim, ylim, 100), "tanh")
    np.testing.assert_allclose(np.asarray(disp.regions_.get_array()).ravel(),
                               own_sigmoid(logits[:, 0]), rtol=1e-9)
    assert disp.regions_.get_cmap().N == 10  # P in bands of 0.1
    for seg, w, b in zip(disp.hidden_.get_segments(), *net.params[0]):
        np.testing.assert_allclose(seg @ w + b, 0.0, atol=1e-9)
    h = trainer.history_
    np.testing.assert_allclose(disp.loss_.get_xdata(), np.arange(1, 31))
    np.testing.assert_allclose(disp.loss_.get_ydata(), h["train_loss"])
    np.testing.assert_allclose(disp.test_loss_.get_ydata(), h["test_loss"])
    # eval_train="full": the last loss is the loss of the model drawn, by hand
    own_logits = own_forward(net.params, X, "tanh")[0][:, 0]
    assert h["train_loss"][-1] == pytest.approx(own_bce(own_logits, y))
    assert disp.loss_now_.get_xydata().tolist() == [[30.0, h["train_loss"][-1]]]
    assert disp.ax_loss_.get_xlim() == (0.0, 50.0)
    lo, hi = disp.ax_loss_.get_ylim()
    assert lo <= min(h["train_loss"] + h["test_loss"]) and hi >= max(h["train_loss"])
    acc = np.mean((own_forward(net.params, X, "tanh")[0][:, 0] >= 0) == y)
    assert h["train_acc"][-1] == pytest.approx(acc)
    assert disp.caption_.get_text() == (f"epoch 30  \u00b7  training loss "
                                        f"{h['train_loss'][-1]:.3g}  \u00b7  accuracy "
                                        f"{100 * acc:.0f}%")


def test_training_display_show_moves_artists_and_widens_axes_when_needed(pyplot):
    X, y = XOR
    net = MLP([2, 3, 1], "relu", seed=2)
    disp = MLPTrainingDisplay(model=net, X=X, y=y, max_epochs=10).plot(fig=Figure())
    artists = disp.dynamic_artists()
    assert disp.epoch_ == 0 and len(disp.loss_.get_xdata()) == 0
    history = {"epoch": [1, 2], "train_loss": [0.7, 0.5]}
    disp.update(history=history)
    assert disp.dynamic_artists() == artists and not disp.view_changed_
    assert disp.ax_loss_.get_xlim() == (0.0, 10.0)
    history = {"epoch": list(range(1, 13)), "train_loss": list(np.geomspace(0.7, 1e-4, 12))}
    disp.update(history=history)
    assert disp.view_changed_
    assert disp.ax_loss_.get_xlim() == (0.0, 20.0)  # the next round number
    assert disp.ax_loss_.get_ylim()[0] <= 1e-4
    other = net.copy()
    other.params[0][0][:] = [[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]
    disp.update(other, epoch=5)
    assert disp.loss_now_.get_xydata().tolist() == [[5.0, history["train_loss"][4]]]
    np.testing.assert_allclose(disp.hidden_.get_segments()[0][:, 0], -net.params[0][1][0])
    with pytest.raises(ValueError, match=r"model must have sizes \[2, 3, 1\]"):
        disp.update(MLP([2, 4, 1]))


def test_training_display_of_several_classes_and_new_data(pyplot):
    X, y = datasets.spiral(n=90, n_classes=3, seed=0)
    net = MLP([2, 12, 3], "relu", seed=0)
    disp = MLPTrainingDisplay(model=net, X=X, y=y, grid=40).plot(fig=Figure())
    assert disp.cax_ is None and disp.hidden_.get_linewidth() > 0
    assert disp._hidden.labels == []  # 12 lines: faint and not numbered
    X2, y2 = datasets.spiral(n=30, n_classes=3, noise=0.0, seed=1)
    X2 = 3.0 * X2
    disp.set_data(X2, y2)
    np.testing.assert_allclose(disp.points_.get_offsets(), X2)
    xlim, ylim = image_view(disp.regions_)
    assert xlim[0] < X2[:, 0].min() and X2[:, 0].max() < xlim[1]
    logits, _ = own_forward(net.params, pixel_centres(xlim, ylim, 40), "relu")
    rgb = np.asarray(disp.regions_.get_array()).reshape(-1, 3)
    winner = np.argmax(logits, axis=1)
    for c in range(3):
        direction = 1.0 - np.array(to_rgb(MULTICLASS_COLORS[c]))
        ink = (1.0 - rgb)[winner == c]
        np.testing.assert_allclose(ink, np.outer(ink @ direction / (direction @ direction),
                                                 direction), atol=1e-9)


def test_animation_replays_the_run_and_stays_small(pyplot):
    X, y = XOR
    fignums = pyplot.get_fignums()
    trainer = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.3)
    anim = animate_mlp_training(trainer, epochs=90, max_frames=10)
    assert pyplot.get_fignums() == fignums  # a plain Figure, not pyplot's
    assert trainer.epoch == 90
    assert anim.epochs.tolist() == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
    # frame i shows the parameters after anim.epochs[i] epochs: check one against a
    # second, independent run of the same trainer settings
    again = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.3).run(40)
    np.testing.assert_allclose(anim.snapshots[4], again.model.get_flat())
    anim._func(4)
    d = anim.display
    xlim, ylim = image_view(d.regions_)
    logits, _ = own_forward(again.model.params, pixel_centres(xlim, ylim, d.grid), "tanh")
    np.testing.assert_allclose(np.asarray(d.regions_.get_array()).ravel(),
                               own_sigmoid(logits[:, 0]), rtol=1e-9)
    assert d.epoch_ == 40 and d.loss_.get_xdata().max() == 40  # the curve so far
    assert d.loss_.get_xdata()[0] == 0  # the loss before training is the first point
    html = anim.to_jshtml()
    assert len(html) < 0.5e6  # 10 frames; the chapter's 30 stay well under 1.5 MB
    # frames are drawn the same however often (to_jshtml draws each again)
    anim._func(4)
    first = np.asarray(d.regions_.get_array()).copy()
    anim._func(9)
    anim._func(4)
    np.testing.assert_array_equal(np.asarray(d.regions_.get_array()), first)


def test_animation_frames_are_palette_pngs_that_look_the_same(pyplot):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    X, y = XOR
    anim = animate_mlp_training(Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.3),
                                epochs=20, max_frames=3)
    buf = io.BytesIO()
    anim._fig.savefig(buf, format="png")
    palette = Image.open(io.BytesIO(buf.getvalue()))
    assert palette.mode == "P"
    canvas = FigureCanvasAgg(anim._fig)
    canvas.draw()
    full = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
    diff = np.abs(np.asarray(palette.convert("RGB")).astype(int) - full)
    assert diff.mean() < 3 and np.percentile(diff, 99.9) < 24


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(epochs=0), ValueError, "epochs must be an int >= 1"),
    (dict(max_frames=1), ValueError, "max_frames must be an int >= 2"),
    (dict(epochs=2.5), TypeError, "epochs must be an int"),
])
def test_animation_bad_arguments(kwargs, error, match):
    X, y = XOR
    with pytest.raises(error, match=match):
        animate_mlp_training(Trainer(MLP([2, 2, 1]), X, y), **kwargs)
    with pytest.raises(TypeError, match="trainer must be an nncore.mlp.Trainer"):
        animate_mlp_training("trainer")


# ----------------------------------------------------------------------------------
# the ReLU superposition explorer
# ----------------------------------------------------------------------------------


@pytest.fixture
def relu_explorer(pyplot):
    fignums = pyplot.get_fignums()
    ex = relu_superposition_explorer()
    yield ex
    assert pyplot.get_fignums() == fignums


def slider_values(ex):
    c = ex.controls
    k = ex.n_units
    get = lambda name: np.array([c[f"{name}{j + 1}"].value for j in range(k)])  # noqa: E731
    return get("w"), get("b"), get("v"), c["c"].value


def test_relu_explorer_has_the_agreed_parts(relu_explorer):
    ex = relu_explorer
    assert isinstance(ex, ReluSuperpositionExplorer)
    assert set(ex.controls) == {"w1", "b1", "v1", "w2", "b2", "v2", "w3", "b3", "v3", "c",
                                "target", "fit"}
    for name in ("w1", "b2", "v3", "c"):
        low, high, step = RELU_RANGES[name[0]]
        assert (ex.controls[name].min, ex.controls[name].max, ex.controls[name].step) == (
            low, high, step)
    assert list(ex.controls["target"].options) == list(RELU_TARGETS)
    assert isinstance(ex.controls["fit"], ipywidgets.Button)
    assert type(ex.figure) is Figure and ex.display.figure_ is ex.figure
    assert isinstance(ex.widget, ipywidgets.Box) and isinstance(ex.output, ipywidgets.Output)
    assert ex.model.sizes == (1, 3, 1)
    # the default start: w = 1, kinks at -2, 0, 2, v = 0.5, c = 0
    w, b, v, c = slider_values(ex)
    np.testing.assert_allclose(-b / w, [-2.0, 0.0, 2.0])
    np.testing.assert_allclose(v, 0.5)


@pytest.mark.parametrize("moves", [[("w1", -1.5)], [("b2", 0.75), ("v2", -2.0)],
                                   [("c", 1.0), ("w3", 0.0), ("v1", 0.0)]])
def test_sliders_move_the_pieces_and_the_sum_as_computed_here(relu_explorer, moves,
                                                              status_text):
    ex = relu_explorer
    for name, value in moves:
        ex.controls[name].value = value
    w, b, v, c = slider_values(ex)
    x = np.linspace(-3.0, 3.0, len(ex.x))
    pieces = v * np.maximum(np.outer(x, w) + b, 0.0)
    for j, line in enumerate(ex.display.pieces_):
        np.testing.assert_allclose(line.get_ydata(), pieces[:, j], atol=1e-12)
    total = pieces.sum(axis=1) + c
    np.testing.assert_allclose(ex.display.sum_.get_ydata(), total, atol=1e-12)
    error = np.mean((total - np.sin(x)) ** 2)
    assert f"mean squared error = {error:.4f}" in status_text(ex)
    # the model's own arrays hold the sliders' values
    np.testing.assert_allclose(ex.model.params[0][0][:, 0], w)
    np.testing.assert_allclose(ex.model.params[1][0][0], v)


def test_fit_button_is_least_squares_for_v_and_c(relu_explorer):
    ex = relu_explorer
    ex.controls["w2"].value = -1.0
    ex.controls["b3"].value = -1.0
    before = ex.display.error_
    ex.controls["fit"].click()
    w, b, v, c = slider_values(ex)
    x = ex.x
    A = np.column_stack([np.maximum(w_j * x + b_j, 0.0) for w_j, b_j in zip(w, b)]
                        + [np.ones_like(x)])
    coef = np.linalg.lstsq(A, np.sin(x), rcond=None)[0]
    expected = [np.clip(np.round(value / RELU_RANGES[name][2]) * RELU_RANGES[name][2],
                        RELU_RANGES[name][0], RELU_RANGES[name][1])
                for value, name in zip(coef, ["v", "v", "v", "c"])]
    np.testing.assert_allclose(np.r_[v, c], expected, atol=1e-9)
    assert ex.display.error_ < before
    assert ex.display.error_ == pytest.approx(np.mean((A @ np.r_[v, c] - np.sin(x)) ** 2))
    assert len(ex.output.outputs) == 0


def test_target_menu_and_a_target_of_your_own(relu_explorer, pyplot):
    ex = relu_explorer
    ex.controls["target"].value = "|x|"
    np.testing.assert_allclose(ex.display.target_.get_ydata(), np.abs(ex.x))
    lo, hi = ex.display.ax_.get_ylim()
    assert lo < 0 <= 3 < hi
    mine = relu_superposition_explorer(n_units=2, target=lambda x: 0.5 * x)
    assert mine.controls["target"].value == "your function"
    np.testing.assert_allclose(mine.display.target_.get_ydata(), 0.5 * mine.x)
    assert len(mine.display.pieces_) == 2


def test_relu_explorer_echo_of_a_snapped_value_is_ignored(relu_explorer, monkeypatch):
    calls = []
    original = relu_explorer.update
    monkeypatch.setattr(relu_explorer, "update",
                        lambda *a, **k: calls.append(1) or original(*a, **k))
    relu_explorer.controls["w1"].value = 1.0 + 0.01  # less than half a step (0.05) away
    assert calls == []
    relu_explorer.controls["w1"].value = 1.5
    assert calls == [1]


@pytest.mark.parametrize("moves", [[("w2", -2.0), ("v1", 1.25)],
                                   [("target", "step at 0"), ("b1", 3.0)],
                                   [("c", -2.0), ("v3", 3.0)]])
def test_relu_explorer_fast_image_equals_a_full_redraw(relu_explorer, moves, png_pixels):
    ex = relu_explorer
    for name, value in moves:
        ex.controls[name].value = value
    fast = png_pixels(ex.image.value)
    full = png_pixels(render_png(ex.figure, dpi=ex.dpi))
    np.testing.assert_array_equal(fast, full[..., :3])


def test_relu_explorer_bad_arguments(pyplot):
    for kwargs, error, match in [
        (dict(n_units=0), ValueError, "n_units must be an int >= 1"),
        (dict(n_units=7), ValueError, "n_units must be from 1 to 6"),
        (dict(target="cos"), ValueError, "target must be one of"),
        (dict(w=[1.0, 2.0]), ValueError, r"w must have shape \(3,\)"),
        (dict(v=[0.0, 0.0, 9.0]), ValueError, "v must be from -3 to 3"),
        (dict(c=5.0), ValueError, "c must be from -2 to 2"),
    ]:
        with pytest.raises(error, match=match):
            relu_superposition_explorer(**kwargs)


# ----------------------------------------------------------------------------------
# the MLP training viewer
# ----------------------------------------------------------------------------------


@pytest.fixture
def viewer(pyplot):
    fignums = pyplot.get_fignums()
    v = mlp_training_viewer()
    yield v
    assert pyplot.get_fignums() == fignums


def test_viewer_has_the_agreed_parts(viewer):
    v = viewer
    assert isinstance(v, MLPTrainingViewer)
    assert set(v.controls) == {"play", "epoch", "step", "reset", "lr", "activation",
                               "dataset", "seed"}
    c = v.controls
    assert isinstance(c["play"], ipywidgets.Play) and isinstance(c["epoch"], ipywidgets.IntSlider)
    assert isinstance(v.link, Link)
    assert v.link.source == (c["play"], "value") and v.link.target == (c["epoch"], "value")
    assert (c["epoch"].min, c["epoch"].max, c["play"].max) == (0, 300, 300)
    assert list(c["dataset"].options) == list(VIEWER_DATASETS)
    assert (c["lr"].min, c["lr"].max) == VIEWER_LR_EXPONENTS[:2]
    assert type(v.figure) is Figure and v.display.figure_ is v.figure
    assert v.trainer.epoch == 0 and v.display.epoch_ == 0
    bundle = v._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == v.widget.model_id


def test_epoch_slider_trains_and_shows_that_epoch(viewer, status_text):
    v = viewer
    v.controls["epoch"].value = 25
    assert v.trainer.epoch == 25
    # the same run, independently: the parameters the picture is drawn from
    X, y = VIEWER_DATASETS["xor"]()
    again = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.3, seed=0).run(25)
    params = again.model.params
    d = v.display
    xlim, ylim = image_view(d.regions_)
    logits, _ = own_forward(params, pixel_centres(xlim, ylim, d.grid), "tanh")
    np.testing.assert_allclose(np.asarray(d.regions_.get_array()).ravel(),
                               own_sigmoid(logits[:, 0]), rtol=1e-9)
    for seg, w, b in zip(d.hidden_.get_segments(), *params[0]):
        np.testing.assert_allclose(seg @ w + b, 0.0, atol=1e-9)
    # the loss curve from epoch 0 (before training) to 25, each the loss of the whole
    # training set with that epoch's parameters, computed here
    np.testing.assert_allclose(d.loss_.get_xdata(), np.arange(26))
    loss_25 = own_bce(own_forward(params, X, "tanh")[0][:, 0], y)
    assert d.loss_.get_ydata()[-1] == pytest.approx(loss_25)
    start = MLP([2, 4, 1], "tanh", seed=0)
    start_logits = own_forward(start.params, X, "tanh")[0][:, 0]
    assert d.loss_.get_ydata()[0] == pytest.approx(own_bce(start_logits, y))
    acc = np.mean((own_forward(params, X, "tanh")[0][:, 0] >= 0) == y)
    assert status_text(v).startswith(f"epoch 25 of 300: training loss {loss_25:.4g}, "
                                      f"accuracy {100 * acc:.0f}%")


def test_going_back_shows_a_kept_epoch_without_training_again(viewer):
    v = viewer
    v.controls["epoch"].value = 10
    at_10 = np.asarray(v.display.regions_.get_array()).copy()
    v.controls["epoch"].value = 60
    assert v.trainer.epoch == 60
    v.controls["epoch"].value = 10
    assert v.trainer.epoch == 60  # nothing trained
    np.testing.assert_array_equal(np.asarray(v.display.regions_.get_array()), at_10)
    # the loss curve shows all 60 epochs trained so far, the marker is at epoch 10
    assert v.display.loss_.get_xdata().max() == 60
    assert list(v.display.loss_now_.get_xdata()) == [10]


def test_xor_is_learned_by_epoch_100(viewer, status_text):
    viewer.controls["epoch"].value = 100
    assert viewer.history["train_acc"][100] == 1.0
    assert "accuracy 100%" in status_text(viewer)


def test_step_and_reset_buttons(viewer):
    c = viewer.controls
    c["step"].click()
    assert c["epoch"].value == 5 and viewer.display.epoch_ == 5
    c["step"].click()
    assert c["epoch"].value == 10
    c["reset"].click()
    assert c["epoch"].value == 0 and viewer.display.epoch_ == 0
    np.testing.assert_allclose(viewer._view.get_flat(), MLP([2, 4, 1], "tanh", seed=0).get_flat())
    c["epoch"].value = 298
    c["step"].click()
    assert c["epoch"].value == 300  # not past the end
    assert len(viewer.output.outputs) == 0


def test_lr_activation_and_seed_start_a_new_run_at_the_same_epoch(viewer):
    c = viewer.controls
    c["epoch"].value = 20
    c["lr"].value = 1.0
    assert viewer.trainer.lr == 1.0 and viewer.trainer.epoch == 20
    X, y = VIEWER_DATASETS["xor"]()
    again = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=1.0).run(20)
    np.testing.assert_allclose(viewer._view.get_flat(), again.model.get_flat())
    c["activation"].value = "relu"
    assert viewer.model.activation == "relu" and viewer.display.epoch_ == 20
    c["seed"].value = 3
    np.testing.assert_allclose(viewer._snapshots[0], MLP([2, 4, 1], "relu", seed=3).get_flat())


def test_a_snapped_echo_of_lr_does_not_start_a_new_run(viewer, monkeypatch):
    runs = []
    original = viewer._new_run
    monkeypatch.setattr(viewer, "_new_run", lambda: runs.append(1) or original())
    viewer.controls["lr"].value = 10.0 ** round(math.log10(0.3), 1)  # 0.3 snapped: 0.316
    assert runs == [] and viewer.trainer.lr == 0.3


def test_dataset_menu_swaps_the_points_and_the_view(viewer):
    c = viewer.controls
    c["epoch"].value = 5
    c["dataset"].value = "moons"
    X, y = VIEWER_DATASETS["moons"]()
    np.testing.assert_allclose(viewer.display.points_.get_offsets(), X)
    xlim, ylim = image_view(viewer.display.regions_)
    assert xlim[0] < X[:, 0].min() and X[:, 0].max() < xlim[1]
    assert viewer.trainer.epoch == 5 and np.array_equal(viewer.trainer.X, X)
    assert len(viewer.output.outputs) == 0


@pytest.mark.parametrize("moves", [[("epoch", 7), ("epoch", 40)],
                                   [("epoch", 250)],
                                   [("dataset", "circles"), ("epoch", 12)],
                                   [("activation", "relu"), ("lr", 2.0), ("epoch", 30)]])
def test_viewer_fast_image_equals_a_full_redraw(viewer, moves, png_pixels):
    for name, value in moves:
        viewer.controls[name].value = value
    fast = png_pixels(viewer.image.value)
    full = png_pixels(render_png(viewer.figure, dpi=viewer.dpi))
    np.testing.assert_array_equal(fast, full[..., :3])


def test_an_epoch_move_only_redraws_the_moving_artists(viewer, monkeypatch):
    calls = []
    for name in ("fast", "full"):
        original = getattr(viewer._renderer, name)
        monkeypatch.setattr(viewer._renderer, name,
                            lambda *a, _n=name, _o=original, **k: calls.append(_n) or _o(*a, **k))
    viewer.controls["epoch"].value = 3
    assert calls == ["fast"]


def test_a_diverging_run_stops_and_says_so(pyplot, status_text):
    X, y = XOR
    v = mlp_training_viewer(1e100 * X, y, activation="relu", lr=10.0)
    v.controls["epoch"].value = 5
    assert v.trainer.diverged and v.display.epoch_ == 0
    assert "diverged in epoch 1" in status_text(v)
    assert len(v.output.outputs) == 0


def test_errors_in_callbacks_are_shown_in_the_output(viewer, monkeypatch, shell):
    monkeypatch.setattr(viewer.display, "update", lambda *a, **k: 1 / 0)
    viewer.controls["epoch"].value = 2  # does not raise: the Output widget took it
    assert [type(e) for e in shell.shown] == [ZeroDivisionError]


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(dataset="iris"), ValueError, "dataset must be one of"),
    (dict(sizes=(3, 4, 1)), ValueError, "sizes must start with 2"),
    (dict(sizes=(2, 4, 3)), ValueError, "end with 1"),
    (dict(sizes=(2, 0, 1)), ValueError, r"sizes\[1\] must be an int >= 1"),
    (dict(activation="softplus"), ValueError, "activation must be one of"),
    (dict(lr=100.0), ValueError, "lr must be from 0.001 to 10"),
    (dict(seed=-1), ValueError, "seed must be an int >= 0"),
    (dict(max_epochs=0), ValueError, "max_epochs must be an int >= 1"),
    (dict(X=[[0.0, 1.0]]), ValueError, "y is required with X"),
    (dict(X=[[0.0, 1.0]], y=[2]), ValueError, r"labels in \{0, 1\}"),
])
def test_viewer_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        mlp_training_viewer(**kwargs)


def test_the_training_viewers_picture_of_a_run_does_not_depend_on_the_runs_before(png_pixels):
    """A reader who scrubbed the relu run on xor to its end (its loss rises above 1 and
    the loss axes widen to 2) and then picks tanh sees the same picture as one who
    picked tanh at once: a new run's loss axes start again. (The website draws each
    run after the ones before it, so its pictures depended on that order.)"""
    def pixels(viewer):
        return png_pixels(viewer.image.value)

    direct = mlp_training_viewer(dataset="xor", activation="relu")
    direct.controls["activation"].value = "tanh"
    scrubbed = mlp_training_viewer(dataset="xor", activation="relu")
    for epoch in range(0, scrubbed.controls["epoch"].max + 1, 25):
        scrubbed.controls["epoch"].value = epoch
    assert scrubbed.display.ax_loss_.get_ylim()[1] > 1  # the relu run widened the view
    scrubbed.controls["epoch"].value = 0
    scrubbed.controls["activation"].value = "tanh"
    assert scrubbed.display.ax_loss_.get_ylim() == direct.display.ax_loss_.get_ylim()
    assert np.array_equal(pixels(scrubbed), pixels(direct))
