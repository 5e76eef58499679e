"""Tests of chapter 6's figures and widgets (nncore.plotting: plot_probabilities,
plot_confusion_matrix, plot_digit_images, plot_weight_images, SoftmaxDisplay,
DigitDisplay; nncore.widgets: softmax_explorer, digit_inspector).

Every number a figure shows is compared with a value this file computes itself: the
softmax with math.exp, the network's forward and backward pass written out in numpy,
gradients by central differences of the test's own loss, counts with np.add.at. Never
with nncore's maths."""

import itertools
import math
import re
import warnings

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from nncore.mlp import MLP
from nncore.plotting import (
    CONFUSION_CMAP,
    DIGIT_FIGSIZE,
    DIVERGING_CMAP,
    GRAD_COLORS,
    PROBA_COLOR,
    SOFTMAX_FIGSIZE,
    TRUE_CLASS_COLOR,
    DigitDisplay,
    SoftmaxDisplay,
    plot_confusion_matrix,
    plot_digit_images,
    plot_probabilities,
    plot_weight_images,
)
from nncore.widgets import (
    LOGIT_RANGE,
    TARGET_LABEL,
    TEMPERATURE_EXPONENTS,
    DigitInspector,
    SoftmaxExplorer,
    digit_inspector,
    render_png,
    softmax_explorer,
)

# ----------------------------------------------------------------------------------
# the test's own maths
# ----------------------------------------------------------------------------------


def softmax_by_hand(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    return np.array([v / sum(e) for v in e])


def relu(v):
    return np.maximum(v, 0.0)


def toy_params():
    """A 4-3-3 ReLU network on 2 x 2 "images", weights written out here."""
    W1 = np.array([[0.8, -0.5, 0.3, 0.1], [-0.4, 0.9, 0.2, -0.7], [0.5, 0.5, -0.6, 0.4]])
    b1 = np.array([0.1, -0.2, 0.05])
    W2 = np.array([[1.2, -0.7, 0.3], [-0.5, 0.8, 0.9], [0.2, 0.4, -1.1]])
    b2 = np.array([0.0, 0.1, -0.1])
    return W1, b1, W2, b2


def toy_model():
    W1, b1, W2, b2 = toy_params()
    return MLP([4, 3, 3], activation="relu", params=[(W1, b1), (W2, b2)])


TOY_X = np.array([[1.0, 0.0, 0.5, 0.2], [0.0, 1.0, 0.3, 0.9], [0.7, 0.6, 0.0, 0.1],
                  [0.2, 0.1, 1.0, 0.8], [0.9, 0.9, 0.9, 0.9]])
TOY_Y = np.array([0, 1, 2, 2, 1])


def toy_forward(x):
    W1, b1, W2, b2 = toy_params()
    return W2 @ relu(W1 @ x + b1) + b2


def toy_loss(x, c):
    return -math.log(softmax_by_hand(toy_forward(x))[c])


def toy_input_grad(x, c):
    """dL/dx through the toy network by the chain rule, written out here."""
    W1, b1, W2, b2 = toy_params()
    pre = W1 @ x + b1
    dz = softmax_by_hand(W2 @ relu(pre) + b2) - np.eye(3)[c]
    return W1.T @ ((W2.T @ dz) * (pre > 0))


def central_differences(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return g


def toy_predictions():
    return np.array([int(np.argmax(toy_forward(x))) for x in TOY_X])


def plain_text(html):
    return re.sub(r"<[^>]+>", "", html)


def luminance(color):
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgba(color)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted([luminance(a), luminance(b)])
    return (lb + 0.05) / (la + 0.05)


def new_figure(size):
    fig = Figure(figsize=size, dpi=90)
    FigureCanvasAgg(fig)
    return fig


def extents(fig, artists):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [a.get_window_extent(renderer) for a in artists
            if a.get_visible() and (not hasattr(a, "get_text") or a.get_text())]


def assert_no_overlap(boxes, pad=0.0):
    for p, q in itertools.combinations(boxes, 2):
        assert not p.padded(-pad).overlaps(q.padded(-pad)), (p, q)


def assert_inside(fig, boxes):
    box = fig.bbox
    for e in boxes:
        assert box.x0 - 0.5 <= e.x0 and e.x1 <= box.x1 + 0.5, e
        assert box.y0 - 0.5 <= e.y0 and e.y1 <= box.y1 + 0.5, e


# ----------------------------------------------------------------------------------
# plot_probabilities
# ----------------------------------------------------------------------------------


def test_probability_bars_show_p_and_the_target_of_the_true_class():
    p = [0.5, 0.3, 0.15, 0.05]
    ax = plot_probabilities(p, ax=new_figure((4, 3)).add_subplot(), true_class=2,
                            labels=["cat", "dog", "fox", "owl"])
    bars = ax.patches[:4]
    assert [b.get_height() for b in bars] == pytest.approx(p)
    assert [b.get_x() + b.get_width() / 2 for b in bars] == pytest.approx([0, 1, 2, 3])
    assert [t.get_text() for t in ax.texts] == ["0.50", "0.30", "0.15", "0.05"]
    for i, b in enumerate(bars):
        expected = TRUE_CLASS_COLOR if i == 2 else PROBA_COLOR
        assert b.get_facecolor() == pytest.approx(to_rgba(expected))
    target = ax.patches[4]
    assert target.get_visible() and not target.get_fill()
    assert target.get_x() + target.get_width() / 2 == pytest.approx(2.0)
    assert (target.get_y(), target.get_height()) == (0.0, 1.0)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cat", "dog", "fox", "owl"]
    assert ax.get_legend() is not None


def test_probability_bars_without_a_true_class():
    ax = plot_probabilities([0.25, 0.75], ax=new_figure((3, 3)).add_subplot())
    assert not ax.patches[2].get_visible()
    assert ax.get_legend() is None
    assert all(b.get_facecolor() == pytest.approx(to_rgba(PROBA_COLOR))
               for b in ax.patches[:2])


@pytest.mark.parametrize("args, error, match", [
    (([0.5, 0.6],), ValueError, r"p must be probabilities.*summing to 1\.1"),
    (([1.2, -0.2],), ValueError, "p must be probabilities"),
    (([[0.5, 0.5]],), ValueError, r"p must be a 1-D vector"),
    (([0.5, 0.5], None, None, 2), ValueError, r"true_class must be a class index from 0 "
                                              r"to 1; got 2"),
    (([0.5, 0.5], None, None, 1.0), TypeError, "true_class must be an int"),
    (([0.5, 0.5], None, ["a"]), ValueError, r"labels must have one name per class \(2\)"),
    (([0.5, 0.5], None, "ab"), TypeError, "labels must be a sequence"),
])
def test_plot_probabilities_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        plot_probabilities(*args)


# ----------------------------------------------------------------------------------
# plot_confusion_matrix
# ----------------------------------------------------------------------------------


def counts(y_true, y_pred, k):
    cm = np.zeros((k, k), int)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


@pytest.fixture
def digit_like_cm():
    rng = np.random.default_rng(3)
    y_true = rng.integers(0, 10, 600)
    y_pred = np.where(rng.random(600) < 0.9, y_true, rng.integers(0, 10, 600))
    return counts(y_true, y_pred, 10), (y_true == y_pred).sum()


def test_confusion_matrix_writes_every_count(digit_like_cm):
    cm, right = digit_like_cm
    ax = plot_confusion_matrix(cm, ax=new_figure((5, 5)).add_subplot())
    texts = ax.texts
    assert len(texts) == 100
    for t in texts:
        x, y = t.get_position()
        assert int(t.get_text()) == cm[int(y), int(x)]  # row = true, column = predicted
    np.testing.assert_array_equal(ax.images[0].get_array(), cm)
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    assert ax.get_title() == f"accuracy {100 * right / 600:.1f} % ({right} of 600)"
    assert ax.images[0].get_cmap().name == CONFUSION_CMAP


def test_confusion_matrix_counts_are_legible_on_every_cell(digit_like_cm):
    """WCAG AA: every count contrasts at least 4.5:1 with the colour of its cell."""
    cm, _ = digit_like_cm
    ax = plot_confusion_matrix(cm, ax=new_figure((5, 5)).add_subplot())
    image = ax.images[0]
    cell_colors = image.cmap(image.norm(cm))
    seen = set()
    for t in ax.texts:
        x, y = (int(v) for v in t.get_position())
        ratio = contrast(t.get_color(), cell_colors[y, x])
        assert ratio >= 4.5, (t.get_text(), t.get_color(), ratio)
        seen.add(t.get_color())
    assert {"white", "black"} <= seen  # both dark and light cells occur


def test_confusion_matrix_labels_do_not_overlap(digit_like_cm):
    cm, _ = digit_like_cm
    fig = new_figure((5, 5))
    ax = plot_confusion_matrix(cm * 100, ax=fig.add_subplot())  # 4-5 digit counts
    boxes = extents(fig, ax.texts)
    assert_no_overlap(boxes)
    assert_no_overlap(extents(fig, ax.get_xticklabels()))
    assert_no_overlap(extents(fig, ax.get_yticklabels()))
    # every count inside its own cell
    for t, box in zip(ax.texts, boxes):
        x, y = t.get_position()
        corner0 = ax.transData.transform((x - 0.5, y + 0.5))
        corner1 = ax.transData.transform((x + 0.5, y - 0.5))
        assert corner0[0] <= box.x0 and box.x1 <= corner1[0]
        assert corner0[1] <= box.y0 and box.y1 <= corner1[1]


def test_confusion_matrix_keeps_a_title_the_user_set():
    ax = new_figure((3, 3)).add_subplot()
    ax.set_title("mine")
    plot_confusion_matrix([[1, 0], [0, 1]], ax=ax, labels=["no", "yes"])
    assert ax.get_title() == "mine"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["no", "yes"]


@pytest.mark.parametrize("cm, match", [
    ([[1, 2, 3]], r"cm must be a square matrix .*got shape \(1, 3\)"),
    ([1, 2], r"cm must be a square matrix"),
    ([[1, -1], [0, 2]], r"cm must hold counts .*got -1 at \(0, 1\)"),
    ([[1, 0.5], [0, 2]], r"cm must hold counts .*got 0.5"),
])
def test_confusion_matrix_bad_input(cm, match):
    with pytest.raises(ValueError, match=match):
        plot_confusion_matrix(cm)


# ----------------------------------------------------------------------------------
# plot_digit_images, plot_weight_images
# ----------------------------------------------------------------------------------


def test_digit_images_are_the_rows_on_one_grey_scale():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 17, (13, 64)).astype(float)
    titles = [f"true {i % 10}\npredicted {(i + 3) % 10}" for i in range(13)]
    fig = plot_digit_images(X, fig=new_figure((9.6, 3.4)), titles=titles, ncols=7)
    assert len(fig.axes) == 13
    for ax, row, title in zip(fig.axes, X, titles):
        np.testing.assert_array_equal(ax.images[0].get_array(), row.reshape(8, 8))
        assert ax.images[0].get_clim() == (0.0, 16.0)
        assert ax.get_title() == title
    # a grid of 7 columns: two rows, in reading order, left to right
    pos = [ax.get_position() for ax in fig.axes]
    assert len({round(p.y0, 6) for p in pos}) == 2
    assert all(pos[i].x0 < pos[i + 1].x0 for i in range(6))
    assert pos[7].x0 == pytest.approx(pos[0].x0) and pos[7].y0 < pos[0].y0
    # no image or title overlaps another, and all of it is inside the figure
    boxes = extents(fig, [ax.title for ax in fig.axes]) + [
        ax.get_window_extent() for ax in fig.axes]
    assert_no_overlap(boxes)
    assert_inside(fig, boxes)


def test_digit_images_accept_2d_images_and_a_pyplot_figure(pyplot):
    fig = plot_digit_images(np.arange(12.0).reshape(2, 2, 3), shape=(2, 3))
    assert pyplot.fignum_exists(fig.number)
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(),
                                  np.arange(6.0, 12.0).reshape(2, 3))
    boxes = [ax.get_window_extent() for ax in fig.axes]
    assert_inside(fig, boxes)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(images=np.zeros((2, 63))), ValueError, r"images must have shape \(n, 64\)"),
    (dict(images=np.zeros((2, 64)), shape=(8,)), ValueError, "shape must be a pair"),
    (dict(images=np.zeros((2, 64)), titles=["a"]), ValueError,
     r"titles must have one entry per image \(2\)"),
    (dict(images=np.zeros((2, 64)), titles="ab"), TypeError, "titles must be a sequence"),
    (dict(images=np.zeros((2, 64)), ncols=0), ValueError, "ncols must be an int >= 1"),
])
def test_digit_images_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_digit_images(**kwargs)


def test_weight_images_share_a_scale_centred_on_zero():
    rng = np.random.default_rng(1)
    W = rng.normal(0.0, 0.3, (10, 64))
    W[3, 5] = -2.5  # the largest |w|: a negative one
    fig = plot_weight_images(W, fig=new_figure((8, 3)))
    units, cbar = fig.axes[:10], fig.axes[10]
    assert len(fig.axes) == 11
    for j, ax in enumerate(units):
        image = ax.images[0]
        np.testing.assert_array_equal(image.get_array(), W[j].reshape(8, 8))
        assert image.get_clim() == (-2.5, 2.5)
        assert image.get_cmap().name == DIVERGING_CMAP
        assert ax.get_title() == f"unit {j}"
    # zero is white (to within the map's own tint), the extremes are saturated
    cmap = units[0].images[0].get_cmap()
    assert np.all(np.asarray(cmap(0.5)[:3]) > 0.95)
    assert contrast(cmap(0.0), "white") > 7 and contrast(cmap(1.0), "white") > 7
    assert cbar.get_ylabel() == "weight"
    boxes = extents(fig, [ax.title for ax in units]) + [
        ax.get_window_extent() for ax in fig.axes]
    assert_no_overlap(boxes)
    assert_inside(fig, boxes)


def test_weight_images_titles_and_columns():
    W = np.arange(10 * 4, dtype=float).reshape(10, 4) - 20.0
    fig = plot_weight_images(W, fig=new_figure((8, 2)), shape=(2, 2),
                             titles=[f"class {k}" for k in range(10)])
    assert [ax.get_title() for ax in fig.axes[:10]] == [f"class {k}" for k in range(10)]
    assert len({round(ax.get_position().y0, 6) for ax in fig.axes[:10]}) == 1  # one row
    fig = plot_weight_images(np.ones((11, 4)), fig=new_figure((8, 3)), shape=(2, 2))
    assert len({round(ax.get_position().y0, 6) for ax in fig.axes[:11]}) == 2  # 8 + 3
    with pytest.raises(ValueError, match=r"titles must have one entry per image \(10\)"):
        plot_weight_images(W, shape=(2, 2), titles=["a"])


def test_weight_images_vmax_and_bad_input():
    fig = plot_weight_images(np.ones((2, 4)), fig=new_figure((3, 2)), shape=(2, 2), vmax=4.0)
    assert fig.axes[0].images[0].get_clim() == (-4.0, 4.0)
    with pytest.raises(ValueError, match=r"W must have shape \(n, 64\)"):
        plot_weight_images(np.ones((2, 4)))
    with pytest.raises(ValueError, match="W must be 2-D"):
        plot_weight_images(np.ones(64))


# ----------------------------------------------------------------------------------
# SoftmaxDisplay
# ----------------------------------------------------------------------------------


def softmax_display(logits, temperature=1.0, true_class=0, caption=True):
    w, h = SOFTMAX_FIGSIZE
    return SoftmaxDisplay(logits=logits, temperature=temperature,
                          true_class=true_class).plot(fig=new_figure((w, h)),
                                                      caption=caption)


def assert_softmax_shown(d, z, T, y):
    p = softmax_by_hand([v / T for v in z])
    grad = p - np.eye(len(z))[y]
    assert [b.get_height() for b in d.bars_] == pytest.approx(p, abs=1e-12)
    assert [float(t.get_text()) for t in d.values_] == pytest.approx(p, abs=0.0051)
    assert [b.get_height() for b in d.grad_bars_] == pytest.approx(grad, abs=1e-12)
    shown = [float(t.get_text().replace("\u2212", "-")) for t in d.grad_values_]
    assert shown == pytest.approx(grad, abs=0.0051)
    assert not any(t.get_text().startswith("-") for t in d.grad_values_)  # a real minus
    assert d.loss_ == pytest.approx(-math.log(p[y]), rel=1e-12)
    for i, (bar, g) in enumerate(zip(d.grad_bars_, grad)):
        assert bar.get_facecolor() == pytest.approx(to_rgba(GRAD_COLORS[int(g > 0)]))
        color = TRUE_CLASS_COLOR if i == y else PROBA_COLOR
        assert d.bars_[i].get_facecolor() == pytest.approx(to_rgba(color))
    assert d.target_.get_x() + d.target_.get_width() / 2 == pytest.approx(y)


def test_softmax_display_shows_p_loss_and_p_minus_y():
    d = softmax_display([2.0, 1.0, 0.1], true_class=0)
    assert_softmax_shown(d, [2.0, 1.0, 0.1], 1.0, 0)
    assert d.p_ == pytest.approx([0.659, 0.242, 0.099], abs=5e-4)  # the classic example
    assert sum(b.get_height() for b in d.grad_bars_) == pytest.approx(0.0, abs=1e-15)
    assert re.search(r"L = -\\log\\,p_y = 0\.417", d.caption_.get_text())


def test_softmax_display_update_moves_the_same_artists():
    d = softmax_display([2.0, 1.0, 0.1, -1.0], true_class=1)
    artists = (list(d.ax_proba_.get_children()), list(d.ax_grad_.get_children()))
    d.update([0.5, -3.0, 4.0, 1.0], temperature=0.5, true_class=3)
    assert (list(d.ax_proba_.get_children()), list(d.ax_grad_.get_children())) == artists
    assert_softmax_shown(d, [0.5, -3.0, 4.0, 1.0], 0.5, 3)


def test_adding_a_constant_to_every_logit_changes_nothing():
    d = softmax_display([2.0, 1.0, 0.1])
    before = [b.get_height() for b in d.bars_]
    d.update([102.0, 101.0, 100.1])
    assert [b.get_height() for b in d.bars_] == pytest.approx(before, rel=1e-12)


def test_temperature_flattens_and_sharpens():
    d = softmax_display([2.0, 1.0, 0.1], temperature=10.0)
    assert max(d.p_) - min(d.p_) < 0.07
    d.update([2.0, 1.0, 0.1], temperature=0.1)
    assert d.p_[0] > 0.9999


def test_huge_logits_are_finite_and_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = softmax_display([1e4, -1e4, 0.0], true_class=1)
        d.figure_.canvas.draw()
    assert d.p_ == pytest.approx([1.0, 0.0, 0.0])
    assert d.loss_ == pytest.approx(2e4)  # the margin, not inf
    assert np.all(np.isfinite([b.get_height() for b in d.grad_bars_]))


@pytest.mark.parametrize("caption", [True, False])
def test_softmax_display_layout_has_no_overlaps(caption):
    d = softmax_display([2.0, 1.0, 0.1, -1.0], true_class=2, caption=caption)
    fig = d.figure_
    texts = [d.ax_proba_.title, d.ax_grad_.title, d.ax_proba_.get_legend(),
             d.ax_grad_.get_legend(), d.caption_]
    boxes = extents(fig, texts)
    assert len(boxes) == (5 if caption else 4)
    assert_no_overlap(boxes + [d.ax_proba_.get_window_extent(),
                               d.ax_grad_.get_window_extent()])
    assert_inside(fig, boxes + extents(fig, d.ax_proba_.get_yticklabels()
                                       + [d.ax_proba_.yaxis.label]))
    assert_no_overlap(extents(fig, d.values_))
    assert_no_overlap(extents(fig, d.grad_values_))


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(logits=[1.0]), ValueError, "logits must have at least 2 entries"),
    (dict(logits=[1.0, np.nan]), ValueError, "logits must contain only finite"),
    (dict(logits=[1.0, 2.0], temperature=0.0), ValueError, "temperature must be > 0"),
    (dict(logits=[1.0, 2.0], true_class=2), ValueError, "true_class must be a class index"),
    (dict(logits=[1.0, 2.0], true_class=None), TypeError, "true_class must be an int"),
])
def test_softmax_display_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        SoftmaxDisplay(**kwargs)


# ----------------------------------------------------------------------------------
# DigitDisplay
# ----------------------------------------------------------------------------------


def digit_display(model, X, y, index, target=None):
    return DigitDisplay.from_model(model, X, y, index, target=target, shape=(2, 2)).plot(
        fig=new_figure(DIGIT_FIGSIZE))


@pytest.mark.parametrize("index, target", [(0, None), (1, None), (3, 0), (4, 2)])
def test_digit_display_shows_p_and_the_input_gradient_by_hand(index, target):
    d = digit_display(toy_model(), TOY_X, TOY_Y, index, target)
    x = TOY_X[index]
    c = TOY_Y[index] if target is None else target
    p = softmax_by_hand(toy_forward(x))
    g = toy_input_grad(x, c)
    # the chain rule by hand agrees with central differences of the test's own loss
    np.testing.assert_allclose(central_differences(lambda v: toy_loss(v, c), x), g,
                               rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(d.input_grad, g, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(d.proba, p, rtol=1e-12)
    assert d.loss == pytest.approx(toy_loss(x, c), rel=1e-12)
    scale = np.abs(g).max()
    assert d.scale_ == pytest.approx(scale)
    np.testing.assert_allclose(d.grad_image_.get_array(), (g / scale).reshape(2, 2))
    np.testing.assert_array_equal(d.image_.get_array(), x.reshape(2, 2))
    assert [b.get_height() for b in d.bars_] == pytest.approx(p)
    assert d.target_.get_x() + d.target_.get_width() / 2 == pytest.approx(c)
    assert d.bars_[c].get_facecolor() == pytest.approx(to_rgba(TRUE_CLASS_COLOR))
    assert d.predicted_ == int(np.argmax(p))
    # ink rings: area proportional to the pixel's grey level on the scale of all of X
    sizes = d.ink_.get_sizes()
    ink = x / TOY_X.max()
    np.testing.assert_allclose(sizes / sizes.max(), ink / ink.max())
    assert d.grad_image_.get_clim() == (-1.0, 1.0)


def test_digit_display_titles_name_the_class_of_the_loss():
    d = digit_display(toy_model(), TOY_X, TOY_Y, 1)
    assert d.proba_title_.get_text().endswith("(green: the label, 1)")
    d2 = digit_display(toy_model(), TOY_X, TOY_Y, 1, target=2)
    assert d2.proba_title_.get_text().endswith("(green: class 2)")
    caption = d2.caption_.get_text()
    assert "image 1, label 1" in caption and r"\log\,p_{2}" in caption


def test_digit_display_from_arrays_and_update():
    g = np.zeros(64)
    g[[3, 10]] = [-0.5, 0.25]
    d = DigitDisplay(image=np.arange(64) % 17, proba=[0.1, 0.9], input_grad=g,
                     label=1).plot(fig=new_figure(DIGIT_FIGSIZE))
    assert d.scale_ == 0.5 and d.predicted_ == 1
    artists = [list(ax.get_children()) for ax in (d.ax_image_, d.ax_proba_, d.ax_grad_)]
    d.update(image=np.ones(64), proba=[0.7, 0.3], input_grad=np.zeros(64), label=0)
    assert [list(ax.get_children()) for ax in (d.ax_image_, d.ax_proba_,
                                               d.ax_grad_)] == artists
    assert d.scale_ == 0.0 and np.all(d.grad_image_.get_array() == 0)  # no 0/0
    assert [b.get_height() for b in d.bars_] == pytest.approx([0.7, 0.3])
    with pytest.raises(ValueError, match=r"proba must have shape \(2,\)"):
        d.update(image=np.ones(64), proba=[0.5, 0.25, 0.25], input_grad=np.zeros(64))


def test_digit_display_of_real_digits_matches_a_linear_model_by_hand():
    """On the real 8 x 8 digits, through a one-layer (linear) network, whose gradient
    with respect to the pixels is W^T (p - e_y)."""
    from nncore.datasets import digits

    X, y = digits()
    X = X[:40] / 16.0
    model = MLP([64, 10], seed=3)
    W, b = (np.array(a, dtype=float) for a in model.params[0])
    d = DigitDisplay.from_model(model, X, y[:40], 7).plot(fig=new_figure(DIGIT_FIGSIZE))
    p = softmax_by_hand(W @ X[7] + b)
    np.testing.assert_allclose(d.proba, p, rtol=1e-10)
    np.testing.assert_allclose(d.input_grad, W.T @ (p - np.eye(10)[y[7]]), rtol=1e-10,
                               atol=1e-14)
    assert d.image_.get_clim() == (0.0, 1.0)


def test_digit_display_layout_has_no_overlaps():
    from nncore.datasets import digits

    X, y = digits()
    d = DigitDisplay.from_model(MLP([64, 10], seed=0), X[:20] / 16.0, y[:20], 5).plot(
        fig=new_figure(DIGIT_FIGSIZE))
    fig = d.figure_
    titles = [d.ax_image_.title, d.proba_title_, d.ax_grad_.title]
    boxes = extents(fig, titles + [d.caption_])
    panels = [ax.get_window_extent() for ax in (d.ax_image_, d.ax_proba_, d.ax_grad_)]
    cbar = d.colorbar_.ax
    assert_no_overlap(boxes + panels + [cbar.get_window_extent()])
    ticks = extents(fig, d.ax_proba_.get_xticklabels() + d.ax_proba_.get_yticklabels()
                    + cbar.get_yticklabels())
    assert_no_overlap(ticks)
    assert_inside(fig, boxes + panels + ticks)
    shown_values = [t for t in d.values_ if t.get_text()]
    assert_no_overlap(extents(fig, shown_values))


@pytest.mark.parametrize("call, error, match", [
    (lambda m: DigitDisplay.from_model(m, np.zeros((2, 5)), [0, 1], 0), ValueError,
     r"model takes 4 inputs but X has 5 features"),
    (lambda m: DigitDisplay.from_model(m, TOY_X, TOY_Y, 5), ValueError,
     r"index must be from 0 to 4"),
    (lambda m: DigitDisplay.from_model(m, TOY_X, [0, 1, 2, 3, 1], 0), ValueError,
     r"y must hold labels from 0 to 2"),
    (lambda m: DigitDisplay.from_model(m, TOY_X, TOY_Y, 0, target=3), ValueError,
     r"target must be a class index from 0 to 2"),
    (lambda m: DigitDisplay.from_model(object(), TOY_X, TOY_Y, 0), TypeError,
     r"model must be an nncore.mlp.MLP"),
    (lambda m: DigitDisplay.from_model(MLP([4, 1]), TOY_X, TOY_Y, 0), ValueError,
     r"model must end in one logit per class"),
    (lambda m: DigitDisplay(image=np.zeros(64), proba=[0.5, 0.6], input_grad=np.zeros(64)),
     ValueError, "proba must be probabilities"),
    (lambda m: DigitDisplay(image=np.zeros(64), proba=[0.5, 0.5], input_grad=np.zeros(63)),
     ValueError, r"input_grad must have shape \(64,\) to match image"),
])
def test_digit_display_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call(toy_model())


# ----------------------------------------------------------------------------------
# the softmax explorer
# ----------------------------------------------------------------------------------


@pytest.fixture
def explorer(pyplot):
    fignums = pyplot.get_fignums()
    ex = softmax_explorer(logits=(2.0, 1.0, 0.1, -1.0), true_class=1)
    yield ex
    assert pyplot.get_fignums() == fignums  # no pyplot figure was made


def test_explorer_starts_from_its_arguments(explorer):
    c = explorer.controls
    assert [c[f"z{i}"].value for i in range(4)] == [2.0, 1.0, 0.1, -1.0]
    assert c["temperature"].value == 1.0 and c["true_class"].value == 1
    assert isinstance(explorer, SoftmaxExplorer)
    assert explorer.image.value[:4] == b"\x89PNG"
    assert_softmax_shown(explorer.display, [2.0, 1.0, 0.1, -1.0], 1.0, 1)
    for i in range(4):
        assert (c[f"z{i}"].min, c[f"z{i}"].max, c[f"z{i}"].step) == LOGIT_RANGE
    assert c["temperature"].min == TEMPERATURE_EXPONENTS[0]


def test_explorer_moves_follow_the_controls(explorer):
    c = explorer.controls
    png = explorer.image.value
    c["z3"].value = 4.5
    c["z0"].value = -2.0
    c["temperature"].value = 2.5
    c["true_class"].value = 3
    assert explorer.image.value != png
    z = [-2.0, 1.0, 0.1, 4.5]
    assert_softmax_shown(explorer.display, z, 2.5, 3)
    p = softmax_by_hand([v / 2.5 for v in z])
    grad_z = (p - np.eye(4)[3]) / 2.5  # dL/dz = (p - e_y) / T
    np.testing.assert_allclose(explorer.grads["backward"], grad_z, rtol=1e-12, atol=1e-15)
    loss = lambda v: -math.log(softmax_by_hand([u / 2.5 for u in v])[3])  # noqa: E731
    np.testing.assert_allclose(central_differences(loss, np.array(z)), grad_z, rtol=1e-6)
    assert explorer.grads["relative_error"] < 1e-6
    status = plain_text(explorer.status.value)
    assert f"= {-math.log(p[3]):.4g}" in status
    shown = re.search(r"\(p − e\s*y\)/T = \(([^)]*)\)", status).group(1)
    assert [float(v) for v in shown.split(",")] == pytest.approx(grad_z, abs=6e-4)
    assert "sum to 0.000" in status


def test_explorer_fast_image_equals_a_full_redraw(explorer, png_pixels):
    c = explorer.controls
    for name, value in (("z1", 7.0), ("temperature", 0.2), ("true_class", 0), ("z2", -9.5)):
        c[name].value = value
    fast = png_pixels(explorer.image.value)
    full = png_pixels(render_png(explorer.figure, dpi=explorer.dpi))
    np.testing.assert_array_equal(fast, full[..., :3])  # the explorer sends RGB


def test_explorer_same_figure_and_artists_after_many_moves(explorer):
    d = explorer.display
    fig = explorer.figure
    children = [list(ax.get_children()) for ax in (d.ax_proba_, d.ax_grad_)]
    rng = np.random.default_rng(0)
    calls = []
    original = explorer._renderer.full
    explorer._renderer.full = lambda: calls.append(1) or original()
    for _ in range(30):
        i = int(rng.integers(4))
        explorer.controls[f"z{i}"].value = round(float(rng.uniform(-10, 10)), 1)
    explorer.controls["true_class"].value = 2
    assert calls == []  # every move redrew only the moving artists
    assert explorer.figure is fig and d.figure_ is fig
    assert [list(ax.get_children()) for ax in (d.ax_proba_, d.ax_grad_)] == children
    z = [explorer.controls[f"z{i}"].value for i in range(4)]
    assert_softmax_shown(d, z, 1.0, 2)
    assert explorer.output.outputs == ()


def test_explorer_ignores_the_echo_of_a_snapped_value():
    ex = softmax_explorer(logits=(2.03, 1.0, 0.1), temperature=1.234)
    ex.controls["z0"].value = 2.0  # what the browser sends back after snapping
    ex.controls["temperature"].value = 10 ** (round(math.log10(1.234) / 0.02) * 0.02)
    assert ex.logits[0] == 2.03 and ex.temperature == 1.234
    assert ex.display.p_ == pytest.approx(softmax_by_hand([v / 1.234 for v in
                                                           (2.03, 1.0, 0.1)]))
    ex.controls["z0"].value = 3.0
    assert ex.logits[0] == 3.0


def test_explorer_callback_errors_go_to_the_output(explorer, monkeypatch, shell):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(explorer.display, "update", broken)
    explorer.controls["z0"].value = 5.0  # must not raise here
    assert [str(e) for e in shell.shown] == ["boom"]


def test_explorer_with_two_classes_and_labels():
    ex = softmax_explorer(logits=(0.0, 1.0), labels=("cat", "dog"), true_class=1)
    assert list(ex.controls["true_class"].options) == [("cat", 0), ("dog", 1)]
    assert [t.get_text() for t in ex.display.ax_proba_.get_xticklabels()] == ["cat", "dog"]
    assert ex.display.p_[1] == pytest.approx(1 / (1 + math.exp(-1.0)))  # the sigmoid


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(logits=(1.0,)), ValueError, r"logits must have 2 to 6 entries"),
    (dict(logits=(1.0,) * 7), ValueError, r"logits must have 2 to 6 entries"),
    (dict(logits=(1.0, 11.0)), ValueError, r"logits\[1\] must be from -10 to 10 .*got 11"),
    (dict(temperature=20.0), ValueError, r"temperature must be from 0.1 to 10"),
    (dict(true_class=3), ValueError, "true_class must be a class index from 0 to 2"),
    (dict(true_class="0"), TypeError, "true_class must be an int"),
    (dict(labels=("a", "b")), ValueError, r"labels must have one name per class \(3\)"),
])
def test_explorer_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        softmax_explorer(**kwargs)


# ----------------------------------------------------------------------------------
# the digit inspector
# ----------------------------------------------------------------------------------


@pytest.fixture
def inspector(pyplot):
    fignums = pyplot.get_fignums()
    ins = digit_inspector(toy_model(), TOY_X, TOY_Y, shape=(2, 2))
    yield ins
    assert pyplot.get_fignums() == fignums


def assert_digit_shown(ins, index, c):
    d = ins.display
    x = TOY_X[index]
    np.testing.assert_array_equal(d.image_.get_array(), x.reshape(2, 2))
    np.testing.assert_allclose(d.proba, softmax_by_hand(toy_forward(x)), rtol=1e-12)
    g = toy_input_grad(x, c)
    np.testing.assert_allclose(d.grad_image_.get_array(), (g / np.abs(g).max()).reshape(2, 2),
                               rtol=1e-10)
    assert d.label == TOY_Y[index] and d.target == c
    status = plain_text(ins.status.value)
    assert f"image {index} of 5: label {TOY_Y[index]}" in status
    assert f"= {toy_loss(x, c):.4g}" in status


def test_inspector_follows_the_slider_and_the_menu(inspector):
    assert isinstance(inspector, DigitInspector)
    assert_digit_shown(inspector, 0, TOY_Y[0])
    c = inspector.controls
    assert (c["index"].min, c["index"].max) == (0, 4)
    assert c["target"].options[0] == (TARGET_LABEL, -1)
    png = inspector.image.value
    c["index"].value = 3
    assert inspector.image.value != png
    assert_digit_shown(inspector, 3, TOY_Y[3])
    c["target"].value = 0
    assert_digit_shown(inspector, 3, 0)
    c["index"].value = 1  # the chosen class stays chosen
    assert_digit_shown(inspector, 1, 0)
    c["target"].value = -1
    assert_digit_shown(inspector, 1, TOY_Y[1])


def test_inspector_next_misclassified_visits_the_wrong_ones(inspector):
    wrong = np.flatnonzero(toy_predictions() != TOY_Y)
    assert 0 < len(wrong) < len(TOY_Y)  # the toy network gets some right, some wrong
    np.testing.assert_array_equal(inspector.misclassified(), wrong)
    visited = []
    for _ in range(len(wrong) + 1):
        inspector.controls["next_wrong"].click()
        visited.append(inspector.index)
    assert visited == list(wrong) + [wrong[0]]  # and round again
    assert "wrong" in plain_text(inspector.status.value)


def test_inspector_with_no_mistake_says_so():
    right = toy_predictions()
    ins = digit_inspector(toy_model(), TOY_X, right, shape=(2, 2))
    ins.controls["next_wrong"].click()
    assert ins.index == 0
    assert "no misclassified image" in plain_text(ins.status.value)


def test_inspector_sees_the_model_as_it_is_now(inspector):
    """Not a copy: change the weights and the next move shows the new network."""
    W1, b1 = inspector.model.params[0]
    W1 *= 0.0  # the hidden layer is dead: every image gets p = softmax(b2 + W2 relu(b1))
    inspector.controls["index"].value = 2
    W1t, b1t, W2t, b2t = toy_params()
    p = softmax_by_hand(W2t @ relu(b1t) + b2t)
    np.testing.assert_allclose(inspector.display.proba, p, rtol=1e-12)
    assert inspector.display.scale_ == 0.0


def test_inspector_fast_image_equals_a_full_redraw(inspector, png_pixels):
    inspector.controls["index"].value = 4
    inspector.controls["target"].value = 2
    fast = png_pixels(inspector.image.value)
    full = png_pixels(render_png(inspector.figure, dpi=inspector.dpi))
    np.testing.assert_array_equal(fast, full[..., :3])


def test_inspector_moves_redraw_only_the_moving_artists(inspector, monkeypatch):
    calls = []
    for name in ("fast", "full"):
        original = getattr(inspector._renderer, name)
        monkeypatch.setattr(inspector._renderer, name,
                            lambda *a, _n=name, _o=original, **k: calls.append(_n) or _o(*a, **k))
    inspector.controls["index"].value = 2
    inspector.controls["target"].value = 1
    inspector.controls["next_wrong"].click()
    assert set(calls) == {"fast"}
    assert inspector.output.outputs == ()


@pytest.mark.parametrize("call, error, match", [
    (lambda m: digit_inspector(m, TOY_X, TOY_Y), ValueError,
     r"shape 8 x 8 = 64 pixels does not match X's 4 features"),
    (lambda m: digit_inspector(m, TOY_X, TOY_Y, 5, shape=(2, 2)), ValueError,
     r"index must be from 0 to 4"),
    (lambda m: digit_inspector(m, TOY_X, TOY_Y[:3], shape=(2, 2)), ValueError,
     r"y must have one label per sample, shape \(5,\)"),
    (lambda m: digit_inspector(m, TOY_X, TOY_Y + 1, shape=(2, 2)), ValueError,
     r"y must hold labels from 0 to 2"),
    (lambda m: digit_inspector(m, TOY_X[:, :3], TOY_Y, shape=(1, 3)), ValueError,
     r"model takes 4 inputs but X has 3 features"),
    (lambda m: digit_inspector("net", TOY_X, TOY_Y, shape=(2, 2)), TypeError,
     r"model must be an nncore.mlp.MLP"),
])
def test_inspector_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call(toy_model())
