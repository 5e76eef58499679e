"""Tests of nncore.plotting: each figure is checked against values the test computes
itself with plain numpy (never by calling the maths of nncore it draws)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Arc, FancyArrow
from matplotlib.transforms import Bbox

from nncore import plotting
from nncore.plotting._base import display_axes, marker_path
from nncore.plotting._style import STEP_MARGINS
from nncore.plotting import (
    CLASS_COLORS,
    CLASS_MARKERS,
    HIGHLIGHT_COLOR,
    HISTORY_KEYS,
    REGION_COLORS,
    STEP_FIGSIZE,
    HyperplaneDisplay,
    PerceptronStepDisplay,
    animate_hyperplane,
    animate_training,
    plot_errors_per_epoch,
    plot_angle,
    plot_plane_3d,
    plot_projection,
    plot_vectors_2d,
    plot_vectors_3d,
)

# ----------------------------------------------------------------------------------
# helpers: the test's own geometry
# ----------------------------------------------------------------------------------

RNG = np.random.default_rng(7)
X_TOY = np.vstack([RNG.normal((-1.5, -1.0), 0.7, (30, 2)), RNG.normal((1.5, 1.0), 0.7, (30, 2))])
Y_TOY = np.r_[np.zeros(30, int), np.ones(30, int)]


def arrows(ax):
    return [p for p in ax.patches if isinstance(p, FancyArrow)]


def assert_arrow(arrow, tail, tip):
    """The arrow polygon runs from ``tail`` to ``tip``: along the direction tail -> tip
    its vertices span exactly [0, |tip - tail|], the tip is one of them, and the shaft
    is centred on the line through tail and tip."""
    tail, tip = np.asarray(tail, float), np.asarray(tip, float)
    d = tip - tail
    u = d / np.hypot(*d)
    verts = arrow.get_xy() - tail
    along = verts @ u
    across = verts @ np.array([-u[1], u[0]])
    assert along.min() == pytest.approx(0.0, abs=1e-9)
    assert along.max() == pytest.approx(np.hypot(*d), abs=1e-9)
    assert np.min(np.hypot(*(verts - d).T)) < 1e-9
    assert across.max() == pytest.approx(-across.min(), abs=1e-9)


def own_halfspace(points, w, b):
    return np.array([1 if w[0] * p[0] + w[1] * p[1] + b >= 0 else 0 for p in points])


def off_the_line(points, w, b, tol=1e-9):
    """Points not within rounding of the line, where the side is unambiguous."""
    return np.abs(points @ np.asarray(w, float) + b) > tol * (1 + np.abs(points).sum(axis=1))


def pixel_centres(image):
    """Centres of the pixels of an AxesImage drawn with origin='lower' over its extent."""
    x0, x1, y0, y1 = image.get_extent()
    ny, nx = image.get_array().shape
    xs = x0 + (np.arange(nx) + 0.5) * (x1 - x0) / nx
    ys = y0 + (np.arange(ny) + 0.5) * (y1 - y0) / ny
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()]), (ny, nx)


def text_boxes(fig, texts):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts]


def assert_no_overlap(boxes):
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not Bbox.overlaps(boxes[i], boxes[j]), (i, j, boxes[i], boxes[j])


def new_ax(projection=None):
    fig = Figure(figsize=(4.5, 4.5), layout="constrained")
    FigureCanvasAgg(fig)
    return fig.add_subplot(projection=projection)


# ----------------------------------------------------------------------------------
# the module itself
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["nncore.plotting", "nncore.widgets"])
def test_import_does_not_load_pyplot(module):
    code = f"import sys, {module}; sys.exit('matplotlib.pyplot' in sys.modules)"
    root = Path(__file__).resolve().parents[2]  # the repository, where nncore/ lives
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=root)
    assert result.returncode == 0, result.stderr or "pyplot was imported"


def test_colours_are_okabe_ito_and_tints_of_the_same_hue():
    assert CLASS_COLORS == ("#0072B2", "#E69F00")
    assert CLASS_MARKERS == ("o", "^")
    for strong, tint in zip(CLASS_COLORS, REGION_COLORS):
        s, t = np.array(to_rgb(strong)), np.array(to_rgb(tint))
        # a tint is the colour mixed with white: t = alpha s + (1 - alpha) white
        # least-squares alpha; the hex codes are rounded to whole 1/255 steps
        alpha = float((1 - t) @ (1 - s) / ((1 - s) @ (1 - s)))
        assert 0.1 < alpha < 0.4
        np.testing.assert_allclose(t, alpha * s + (1 - alpha), atol=1.01 / 255)
        # light enough that the strong colour stays readable on it (luminance)
        lum = lambda c: 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]  # noqa: E731
        assert lum(t) > 0.8 and lum(t) - lum(s) > 0.25  # points also get a dark edge


# ----------------------------------------------------------------------------------
# vectors, angle, projection, plane
# ----------------------------------------------------------------------------------


def test_plot_vectors_2d_arrows_end_at_the_vectors_and_labels_do_not_overlap():
    V = np.array([[2.0, 1.0], [1.0, 2.0], [-1.5, 0.5]])
    ax = new_ax()
    out = plot_vectors_2d(V, labels=["a", "b", "c"], ax=ax)
    assert out is ax
    arr = arrows(ax)
    assert len(arr) == 3
    for arrow, v in zip(arr, V):
        assert_arrow(arrow, (0, 0), v)
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c"]
    boxes = text_boxes(ax.figure, ax.texts)
    assert_no_overlap(boxes)
    # each label sits beyond its own tip, not on it
    for box, v in zip(boxes, V):
        tip_px = ax.transData.transform(v)
        assert not box.contains(*tip_px)
    # the view shows every tip and the origin, with equal scales on both axes
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 < V[:, 0].min() and x1 > V[:, 0].max() and y0 < 0 < y1
    assert ax.get_aspect() == 1.0


def test_plot_vectors_2d_without_ax_uses_pyplot(pyplot):
    before = len(pyplot.get_fignums())
    ax = plot_vectors_2d([3, 4])
    assert len(pyplot.get_fignums()) == before + 1
    assert len(arrows(ax)) == 1 and len(ax.texts) == 0


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: plot_vectors_2d([[1, 2, 3]], ax=new_ax()), "vectors must have 2 features"),
        (lambda: plot_vectors_2d([[1, 2]], labels=["a", "b"], ax=new_ax()), "labels must have one"),
        (lambda: plot_vectors_2d([[1, 2]], colors=["r", "g"], ax=new_ax()), "colors must have one"),
        (lambda: plot_vectors_3d([[1, 2, 3]], ax=new_ax()), "ax must be a 3-D axes"),
        (lambda: plot_angle([0, 0], [1, 1], ax=new_ax()), "a must be a non-zero"),
        (lambda: plot_projection([1, 1], [0, 0], ax=new_ax()), "onto must be a non-zero"),
        (lambda: plot_plane_3d([0, 0, 0], 1.0, ax=new_ax("3d")), "w must be non-zero"),
        (lambda: plot_plane_3d([1, 0, 0], 1.0, y=[0, 1], ax=new_ax("3d")), "y was given"),
    ],
)
def test_bad_input_is_refused_with_a_message(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_plot_angle_marks_the_angle_the_test_computes():
    a, b = np.array([3.0, 1.0]), np.array([1.0, 2.0])
    ax = plot_angle(a, b, ax=new_ax())
    assert len(arrows(ax)) == 2
    arcs = [p for p in ax.patches if isinstance(p, Arc)]
    assert len(arcs) == 1
    theta = np.degrees(np.arccos(a @ b / np.sqrt((a @ a) * (b @ b))))
    arc = arcs[0]
    assert arc.theta2 - arc.theta1 == pytest.approx(theta)
    assert arc.theta1 == pytest.approx(np.degrees(np.arctan2(a[1], a[0])))
    assert ax.texts[-1].get_text() == rf"$\varphi = {theta:.1f}^\circ$"
    assert_no_overlap(text_boxes(ax.figure, ax.texts))


@pytest.mark.parametrize("a, b", [((3, 1), (1, 2)), ((3, 1), (3, 1.4)), ((1, 0), (0.9, 0.3)),
                                  ((1, 0), (-1, 0.05)), ((-1, -1), (-1, -0.6)), ((0, 2), (2, 0))])
def test_plot_angle_labels_do_not_overlap(a, b):
    ax = plot_angle(a, b, ax=new_ax())
    assert len(ax.texts) == 3
    assert_no_overlap(text_boxes(ax.figure, ax.texts))


def test_plot_angle_arc_goes_the_short_way_round():
    a, b = np.array([1.0, 0.0]), np.array([-1.0, -0.3])  # b is at -163.3 degrees
    ax = plot_angle(a, b, ax=new_ax())
    arc = next(p for p in ax.patches if isinstance(p, Arc))
    theta = np.degrees(np.arccos(a @ b / np.sqrt((a @ a) * (b @ b))))
    assert arc.theta2 - arc.theta1 == pytest.approx(theta)
    assert arc.theta1 % 360 == pytest.approx(np.degrees(np.arctan2(b[1], b[0])) % 360)


def test_plot_projection_drops_a_perpendicular_to_the_projection():
    a, u = np.array([1.0, 2.0]), np.array([3.0, 1.0])
    ax = plot_projection(a, u, ax=new_ax())
    arr = arrows(ax)
    assert len(arr) == 3
    p = (a @ u) / (u @ u) * u  # the test's own projection
    assert_arrow(arr[0], (0, 0), a)
    assert_arrow(arr[1], (0, 0), u)
    assert_arrow(arr[2], (0, 0), p)
    dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert len(dotted) == 1
    ends = np.column_stack(dotted[0].get_data())
    np.testing.assert_allclose(ends, [a, p], atol=1e-12)
    assert (ends[0] - ends[1]) @ u == pytest.approx(0.0, abs=1e-12)
    assert_no_overlap(text_boxes(ax.figure, ax.texts))


def test_plot_vectors_3d_draws_one_quiver_per_vector():
    ax = new_ax("3d")
    out = plot_vectors_3d([[1, 0, 0], [0, 1, 0], [1, 1, 1]], labels=["e1", "e2", "v"], ax=ax)
    assert out is ax
    assert len(ax.collections) == 3
    assert [t.get_text() for t in ax.texts] == ["e1", "e2", "v"]
    for lim in (ax.get_xlim(), ax.get_ylim(), ax.get_zlim()):
        assert lim[0] < 0 < 1 < lim[1]


def test_plot_plane_3d_colours_points_by_side_and_shapes_them_by_label():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] > 0).astype(int)
    w, b = np.array([1.0, -0.5, 2.0]), 0.3
    ax = plot_plane_3d(w, b, X, y, ax=new_ax("3d"))
    ax.figure.canvas.draw()  # 3-D scatters sort their colours by depth when drawn
    scatters = [c for c in ax.collections if type(c).__name__ == "Path3DCollection"]
    assert len(scatters) == 2
    side = np.array([1 if x @ w + b >= 0 else 0 for x in X])
    for k, sc in enumerate(scatters):
        assert len(sc.get_offsets()) == np.sum(y == k)
        colours = [tuple(c) for c in sc.get_facecolor()]
        for s in (0, 1):
            expected = np.sum(side[y == k] == s)
            assert colours.count(to_rgba(CLASS_COLORS[s])) == expected
    assert sum(type(c).__name__ == "Poly3DCollection" for c in ax.collections) == 1


# ----------------------------------------------------------------------------------
# HyperplaneDisplay
# ----------------------------------------------------------------------------------


def make_display(w=(1.0, 0.5), b=-0.5, X=X_TOY, y=Y_TOY, **kwargs):
    fig = Figure(figsize=plotting.DISPLAY_FIGSIZE)
    FigureCanvasAgg(fig)
    return HyperplaneDisplay(w=w, b=b, X=X, y=y, **kwargs).plot(ax=fig.add_subplot())


def check_display_state(disp, w, b):
    """Every artist of the display against the test's own computation for (w, b)."""
    w = np.asarray(w, dtype=float)
    xlim, ylim = disp.ax_.get_xlim(), disp.ax_.get_ylim()
    # regions: the half-space of every pixel centre
    centres, shape = pixel_centres(disp.regions_)
    clear = off_the_line(centres, w, b)
    assert clear.mean() > 0.99
    np.testing.assert_array_equal(
        np.asarray(disp.regions_.get_array()).ravel()[clear], own_halfspace(centres, w, b)[clear]
    )
    assert np.asarray(disp.regions_.get_array()).shape == shape
    zero = w[0] == 0 and w[1] == 0
    assert disp.message_.get_visible() == zero
    if zero:
        assert not disp.line_.get_visible() and not disp.arrow_.get_visible()
    else:
        assert disp.line_.get_visible() and disp.arrow_.get_visible()
        ends = np.column_stack(disp.line_.get_data())
        assert ends.shape == (2, 2)
        np.testing.assert_allclose(ends @ w + b, 0.0, atol=1e-9)
        for x, y_ in ends:  # on the boundary of the view
            assert xlim[0] - 1e-9 <= x <= xlim[1] + 1e-9 and ylim[0] - 1e-9 <= y_ <= ylim[1] + 1e-9
            on_edge = min(abs(x - xlim[0]), abs(x - xlim[1]), abs(y_ - ylim[0]), abs(y_ - ylim[1]))
            assert on_edge < 1e-9
        foot = -b * w / (w @ w)
        assert_arrow(disp.arrow_, foot, foot + w)
    side = own_halfspace(disp.X, w, b)
    np.testing.assert_array_equal(disp.points_.get_array(), side)
    np.testing.assert_allclose(disp.wrong_.get_offsets(), disp.X[side != disp.y].reshape(-1, 2))
    wrong = 0
    for s, label in zip(side, disp.y):
        if s != label:
            wrong += 1
    assert disp.n_wrong_ == wrong
    assert f"{wrong} of {len(disp.X)} points on the wrong side" in disp.info_.get_text()


def test_display_plot_draws_every_artist_once():
    disp = make_display()
    assert disp.ax_.figure is disp.figure_
    assert len(arrows(disp.ax_)) == 1
    assert len(disp.ax_.images) == 1
    assert list(disp.ax_.collections) == [disp.points_, disp.wrong_]
    check_display_state(disp, (1.0, 0.5), -0.5)
    # the marker is the true label: circle paths for 0, triangle paths for 1
    paths = disp.points_.get_paths()
    assert len(paths) == len(Y_TOY)
    n_vertices = {len(p.vertices) for p, label in zip(paths, Y_TOY) if label == 1}
    assert n_vertices == {len(marker_path("^").vertices)}


@pytest.mark.parametrize(
    "w, b",
    [((2.0, -1.0), 0.3), ((0.0, 1.0), -1.0), ((1.0, 0.0), 2.0), ((-0.4, -3.0), 0.0), ((0.0, 0.0), 0.7),
     ((0.0, 0.0), -0.7), ((1e-3, 0.0), 0.0)],
)
def test_display_update_matches_the_tests_geometry(w, b):
    disp = make_display()
    disp.update(w, b)
    check_display_state(disp, w, b)


def test_display_update_keeps_every_artist_and_the_figure():
    disp = make_display()
    fig, ax = disp.figure_, disp.ax_
    names = ["regions_", "line_", "arrow_", "arrow_label_", "points_", "wrong_", "message_",
             "info_", "legend_"]
    before = {name: id(getattr(disp, name)) for name in names}
    n_children = len(ax.get_children())
    for k in range(25):
        disp.update((np.cos(k), np.sin(k) * 2), 0.1 * k - 1)
    disp.update((0.0, 0.0), 1.0)
    disp.update((0.5, 0.5), 0.0)
    assert {name: id(getattr(disp, name)) for name in names} == before
    assert disp.figure_ is fig and len(fig.axes) == 1
    assert len(ax.get_children()) == n_children
    check_display_state(disp, (0.5, 0.5), 0.0)


def test_display_w_zero_shows_the_message_and_raises_nothing():
    disp = make_display(w=(0.0, 0.0), b=0.5)
    assert disp.message_.get_visible()
    assert "w = 0: no hyperplane; every point scores b" in disp.message_.get_text()
    assert not disp.line_.get_visible() and not disp.arrow_.get_visible()
    assert disp.n_wrong_ == int(np.sum(Y_TOY == 0))  # every point on side 1
    disp.figure_.canvas.draw()  # and it draws


def test_display_line_outside_the_view_is_hidden_without_the_w0_message():
    disp = make_display(w=(1.0, 0.0), b=-100.0)
    assert not disp.line_.get_visible() and not disp.arrow_.get_visible()
    assert not disp.message_.get_visible()
    assert "line out of view" in disp.info_.get_text()


def test_display_legend_explains_colours_and_markers():
    texts = [t.get_text() for t in make_display().legend_.get_texts()]
    assert any("side 0" in t for t in texts) and any("side 1" in t for t in texts)
    assert "true class 0" in texts and "true class 1" in texts
    assert "on the wrong side" in texts


def test_display_without_ax_uses_pyplot_and_keeps_user_labels(pyplot):
    before = len(pyplot.get_fignums())
    disp = HyperplaneDisplay(w=(1, 1), b=0.0).plot()
    assert len(pyplot.get_fignums()) == before + 1
    assert disp.points_ is None and disp.n_wrong_ is None
    ax = Figure().add_subplot()
    ax.set_xlabel("petal length")
    HyperplaneDisplay(w=(1, 1), b=0.0, X=X_TOY, y=Y_TOY).plot(ax=ax)
    assert ax.get_xlabel() == "petal length"


def test_display_fixed_limits_and_set_data_rescales_only_when_needed():
    disp = make_display(xlim=(-5, 5), ylim=(-4, 4))
    assert disp.ax_.get_xlim() == (-5, 5) and disp.ax_.get_ylim() == (-4, 4)
    disp = make_display()
    offsets = disp.points_
    view = disp.ax_.get_xlim(), disp.ax_.get_ylim()
    X2 = X_TOY[::-1] * 0.9  # fits in the view: no rescale
    disp.set_data(X2, Y_TOY[::-1])
    assert disp.points_ is offsets
    np.testing.assert_allclose(disp.points_.get_offsets(), X2)
    assert (disp.ax_.get_xlim(), disp.ax_.get_ylim()) == view
    X3 = X_TOY * 4  # does not fit: the view grows and so does the region image
    disp.set_data(X3, Y_TOY)
    (x0, x1), (y0, y1) = disp.ax_.get_xlim(), disp.ax_.get_ylim()
    assert x0 <= X3[:, 0].min() and x1 >= X3[:, 0].max()
    assert y0 <= X3[:, 1].min() and y1 >= X3[:, 1].max()
    assert tuple(disp.regions_.get_extent()) == (x0, x1, y0, y1)
    check_display_state(disp, disp.w, disp.b)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(w=[1, 2, 3], b=0.0), ValueError, r"w must have shape \(2,\)"),
        (dict(w=[1, 2], b=[1.0, 2.0]), ValueError, "b must be a scalar"),
        (dict(w=[1, 2], b=0.0, y=[0, 1]), ValueError, "y was given without X"),
        (dict(w=[1, 2], b=0.0, X=[[1, 2]], y=[2]), ValueError, r"y must contain labels in \{0, 1\}"),
        (dict(w=[1, 2], b=0.0, xlim=(1, 0)), ValueError, "xlim must be increasing"),
        (dict(w=[np.nan, 2], b=0.0), ValueError, "w must contain only finite"),
    ],
)
def test_display_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        HyperplaneDisplay(**kwargs)


def test_display_update_before_plot_is_an_error():
    with pytest.raises(RuntimeError, match="call plot"):
        HyperplaneDisplay(w=(1, 1), b=0.0).update((1, 0), 0.0)


# ----------------------------------------------------------------------------------
# the animation
# ----------------------------------------------------------------------------------


def test_animate_hyperplane_updates_one_display_per_frame(pyplot):
    fignums = pyplot.get_fignums()
    ws = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.2, 1.0]])
    bs = np.array([0.0, -0.5, 0.3, 1.0])
    anim = animate_hyperplane(X_TOY, Y_TOY, ws, bs, interval=100)
    disp = anim.display
    line, fig = disp.line_, disp.figure_
    html = anim.to_jshtml()
    assert html.count("data:image/png;base64") == len(ws)  # one embedded frame each
    assert disp.line_ is line and disp.figure_ is fig and len(fig.axes) == 1
    assert fig.dpi == 72
    np.testing.assert_allclose(fig.get_size_inches(), plotting.DISPLAY_FIGSIZE)
    check_display_state(disp, ws[-1], bs[-1])  # the last frame drawn
    assert pyplot.get_fignums() == fignums  # not a pyplot figure


def test_animate_hyperplane_bad_frames():
    with pytest.raises(ValueError, match="bs must have shape"):
        animate_hyperplane(X_TOY, Y_TOY, [[1, 0], [0, 1]], [0.0])


def test_display_without_the_w_arrow_hides_it_for_every_w():
    fig = Figure(figsize=plotting.DISPLAY_FIGSIZE)
    FigureCanvasAgg(fig)
    disp = HyperplaneDisplay(w=(1.0, 0.5), b=-0.5, X=X_TOY, y=Y_TOY).plot(
        ax=fig.add_subplot(), w_arrow=False)
    for w, b in [((1.0, 0.5), -0.5), ((0.0, 0.0), 1.0), ((-2.0, 1.0), 0.3)]:
        disp.update(w, b)
        assert not disp.arrow_.get_visible() and not disp.arrow_label_.get_visible()
    assert disp.line_.get_visible()  # the rest as usual
    ends = np.column_stack(disp.line_.get_data())
    np.testing.assert_allclose(ends @ np.array([-2.0, 1.0]) + 0.3, 0.0, atol=1e-9)


def test_display_caption_never_shows_minus_zero():
    disp = make_display(w=(-1e-17, 1.0), b=-3e-18)
    first = disp.info_.get_text().splitlines()[0]
    assert "-0.00" not in first and first.count("0.00") == 2


# ----------------------------------------------------------------------------------
# the perceptron, one update at a time
# ----------------------------------------------------------------------------------


def own_perceptron(X, y, lr=1.0, max_epochs=20):
    """Rosenblatt's rule written out here, from w = 0, b = 0, samples in index order:
    the reference the displays are checked against (it never calls nncore)."""
    w, b = np.zeros(X.shape[1]), 0.0
    history, per_epoch = [], []
    for epoch in range(max_epochs):
        mistakes = 0
        for i in range(len(X)):
            y_hat = 1 if w[0] * X[i, 0] + w[1] * X[i, 1] + b >= 0 else 0
            if y_hat != y[i]:
                mistakes += 1
                delta = lr * (int(y[i]) - y_hat)
                w_new, b_new = w + delta * X[i], b + delta
                history.append(dict(epoch=epoch, index=i, x=X[i].copy(), y=int(y[i]),
                                    y_hat=y_hat, w_before=w.copy(), b_before=b,
                                    w=w_new.copy(), b=b_new, errors=mistakes,
                                    total_updates=len(history) + 1))
                w, b = w_new, b_new
        per_epoch.append(mistakes)
        if mistakes == 0:
            break
    return history, np.array(per_epoch)


X_FAR = X_TOY * 0.5 + np.array([4.0, 3.0])  # far from the origin, as iris is
_rng = np.random.default_rng(3)
X_XOR = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]]), 6, axis=0)
X_XOR = X_XOR + _rng.normal(0.0, 0.15, X_XOR.shape)
Y_XOR = np.repeat([0, 0, 1, 1], 6)
RUNS = {  # name: X, y, lr, max_epochs
    "blobs": (X_TOY, Y_TOY, 1.0, 20),
    "far": (X_FAR, Y_TOY, 1.0, 30),
    "xor": (X_XOR, Y_XOR, 1.0, 4),
    "big lr": (X_TOY, Y_TOY, 40.0, 20),
    "small lr": (X_FAR, Y_TOY, 0.002, 30),
}


def make_step_display(X, y, history, **kwargs):
    fig = Figure(figsize=STEP_FIGSIZE)
    FigureCanvasAgg(fig)
    ax = display_axes(fig, **STEP_MARGINS)
    return PerceptronStepDisplay(X=X, y=y, history=history, **kwargs).plot(ax=ax)


def steps_to_check(n):
    return sorted({1, 2, n // 2, n - 1, n} & set(range(1, n + 1)))


def check_step(disp, history, k, lr):
    """Every artist of update k against the test's own numbers."""
    r = history[k - 1]
    w, b = np.asarray(r["w"]), r["b"]
    w_before, b_before = np.asarray(r["w_before"]), r["b_before"]
    hp = disp.hyperplane_
    (x0, x1), (y0, y1) = disp.ax_.get_xlim(), disp.ax_.get_ylim()
    # the boundary after the update, and the one before (dashed)
    assert disp.step_ == k
    if hp.line_.get_visible():
        ends = np.column_stack(hp.line_.get_data())
        np.testing.assert_allclose(ends @ w + b, 0.0, atol=1e-9 * (1 + abs(b)))
    if disp.line_before_.get_visible():
        ends = np.column_stack(disp.line_before_.get_data())
        np.testing.assert_allclose(ends @ w_before + b_before, 0.0, atol=1e-9 * (1 + abs(b_before)))
    assert disp.line_before_.get_linestyle() == "--"
    # the points are coloured by the new side; the corrected sample is ringed
    side = own_halfspace(disp.X, w, b)
    clear = off_the_line(disp.X, w, b)
    np.testing.assert_array_equal(np.asarray(hp.points_.get_array())[clear], side[clear])
    np.testing.assert_array_equal(disp.highlight_.get_offsets(), [r["x"]])
    assert disp.highlight_.get_visible()
    assert to_rgba(disp.highlight_.get_edgecolor()[0]) == to_rgba(HIGHLIGHT_COLOR)
    # the triangle: w before + correction = w after, all at one round factor f
    f = disp.factor_
    mantissa = f if f >= 1 else 1 / f
    lead = mantissa / 10 ** np.floor(np.log10(mantissa) + 1e-9)
    assert min(abs(lead - m) for m in (1, 2, 5)) < 1e-9
    correction = lr * (r["y"] - r["y_hat"]) * np.asarray(r["x"])
    np.testing.assert_allclose(w_before + correction, w, atol=1e-9 * (1 + np.abs(w).max()))
    for arrow, tail, tip in ((disp.w_before_, np.zeros(2), f * w_before),
                             (disp.w_after_, np.zeros(2), f * w),
                             (disp.correction_, f * w_before, f * w)):
        if np.any(tip - tail):
            assert arrow.get_visible()
            assert_arrow(arrow, tail, tip)
            vx, vy = arrow.get_xy().T  # the whole arrow inside the view
            assert vx.min() >= x0 and vx.max() <= x1 and vy.min() >= y0 and vy.max() <= y1
        else:
            assert not arrow.get_visible()
    np.testing.assert_allclose(f * w - f * w_before, f * correction,
                               atol=1e-9 * (1 + f * np.abs(w).max()))
    # the caption: update, epoch, sample, mistakes so far, the rule and the scale
    lines = disp.info_.get_text().splitlines()
    assert lines[0] == f"update {k} of {len(history)} · epoch {r['epoch']} · sample {r['index']}"
    sign = "+" if r["y"] == 1 else "-"
    assert f"$y = {r['y']}$" in lines[1] and rf"$\hat{{y}} = {r['y_hat']}$" in lines[1]
    assert rf"\mathbf{{w}} {sign} \mathrm{{lr}}" in lines[1]
    assert lines[2].startswith(f"mistakes so far this epoch: {r['errors']} · ")
    if f == 1:
        assert lines[2].endswith("arrows at true length")
    elif f < 1:
        assert lines[2].endswith(f"arrows scaled by 1/{round(1 / f)}")
    else:
        assert lines[2].endswith(f"arrows scaled by {round(f)}")


@pytest.mark.parametrize("name", sorted(RUNS))
def test_step_display_draws_each_update_as_the_test_computes_it(name):
    X, y, lr, max_epochs = RUNS[name]
    history, _ = own_perceptron(X, y, lr, max_epochs)
    assert len(history) >= 2
    disp = make_step_display(X, y, history)
    for k in steps_to_check(len(history)):
        disp.update(k)
        check_step(disp, history, k, lr)
    disp.figure_.canvas.draw()


def test_step_display_scales_arrows_only_when_it_must_and_says_so():
    factors = {}
    for name in ("blobs", "big lr", "small lr"):
        X, y, lr, max_epochs = RUNS[name]
        history, _ = own_perceptron(X, y, lr, max_epochs)
        disp = make_step_display(X, y, history).update(len(history))
        factors[name] = disp.factor_
    assert factors["blobs"] == 1.0
    assert factors["big lr"] < 1.0  # w is 40 times the data's scale: shrunk to fit
    assert factors["small lr"] > 1.0  # w is 1/500 of it: enlarged to be seen


def test_step_display_view_leaves_room_around_the_origin():
    history, _ = own_perceptron(X_FAR, Y_TOY, 1.0, 30)
    disp = make_step_display(X_FAR, Y_TOY, history)
    (x0, x1), (y0, y1) = disp.ax_.get_xlim(), disp.ax_.get_ylim()
    assert x0 <= X_FAR[:, 0].min() and X_FAR[:, 0].max() <= x1
    assert y0 <= X_FAR[:, 1].min() and X_FAR[:, 1].max() <= y1
    extent = max(X_FAR[:, 0].max(), X_FAR[:, 1].max())  # from the origin
    assert min(-x0, -y0) >= 0.3 * extent  # the arrows from the origin have room


def test_step_zero_is_before_training_with_the_w0_message():
    history, _ = own_perceptron(X_TOY, Y_TOY)
    disp = make_step_display(X_TOY, Y_TOY, history)
    assert disp.step_ == 0
    for k in (2, 0):  # also when coming back to it
        disp.update(k)
    hp = disp.hyperplane_
    assert hp.message_.get_visible() and "w = 0: no hyperplane" in hp.message_.get_text()
    for artist in (disp.highlight_, disp.w_before_, disp.w_after_, disp.correction_,
                   disp.line_before_, disp.w_before_label_, disp.w_after_label_,
                   disp.correction_label_, hp.line_):
        assert not artist.get_visible()
    assert disp.info_.get_text().startswith(f"before training (update 0 of {len(history)})")
    np.testing.assert_array_equal(hp.points_.get_array(), np.ones(len(X_TOY)))  # all score 0
    disp.figure_.canvas.draw()


def test_step_display_from_a_given_start():
    history, _ = own_perceptron(X_TOY, Y_TOY)
    disp = make_step_display(X_TOY, Y_TOY, history, initial_w=(0.5, -1.0), initial_b=0.25)
    assert not disp.hyperplane_.message_.get_visible()
    ends = np.column_stack(disp.hyperplane_.line_.get_data())
    np.testing.assert_allclose(ends @ np.array([0.5, -1.0]) + 0.25, 0.0, atol=1e-9)


@pytest.mark.parametrize("name", ["blobs", "far", "xor", "big lr"])
def test_step_labels_do_not_overlap_and_stay_in_the_axes(name):
    X, y, lr, max_epochs = RUNS[name]
    history, _ = own_perceptron(X, y, lr, max_epochs)
    disp = make_step_display(X, y, history)
    fig = disp.figure_
    labels = [disp.w_before_label_, disp.w_after_label_, disp.correction_label_]
    ks = range(1, len(history) + 1) if len(history) <= 40 else steps_to_check(len(history))
    for k in ks:
        disp.update(k)
        shown = [t for t in labels if t.get_visible()]
        boxes = text_boxes(fig, shown)
        assert_no_overlap(boxes)
        axes_box = disp.ax_.get_window_extent()
        for box in boxes:
            assert axes_box.x0 - 2 <= box.x0 and box.x1 <= axes_box.x1 + 2, k
            assert axes_box.y0 - 2 <= box.y0 and box.y1 <= axes_box.y1 + 2, k
    # the caption above the axes stays inside the figure and off the axes
    info = text_boxes(fig, [disp.info_, disp.hyperplane_.info_])
    assert_no_overlap(info)
    for box in info:
        assert box.y0 >= disp.ax_.get_window_extent().y1 and box.y1 <= fig.bbox.y1
        assert box.x0 >= 0 and box.x1 <= fig.bbox.x1


def test_step_display_keeps_its_artists_and_figure():
    history, _ = own_perceptron(X_XOR, Y_XOR, 1.0, 4)
    disp = make_step_display(X_XOR, Y_XOR, history)
    names = ["highlight_", "w_before_", "w_after_", "correction_", "line_before_",
             "w_before_label_", "w_after_label_", "correction_label_", "info_", "legend_",
             "hyperplane_", "ax_", "figure_"]
    ids = {n: id(getattr(disp, n)) for n in names}
    hp_ids = {n: id(getattr(disp.hyperplane_, n)) for n in ("regions_", "line_", "points_")}
    n_children = len(disp.ax_.get_children())
    for k in list(range(len(history) + 1)) + [0, 3, len(history)]:
        disp.update(k)
    assert {n: id(getattr(disp, n)) for n in names} == ids
    assert {n: id(getattr(disp.hyperplane_, n)) for n in hp_ids} == hp_ids
    assert len(disp.ax_.get_children()) == n_children and len(disp.figure_.axes) == 1


def test_step_display_legend_names_the_rule_s_parts():
    history, _ = own_perceptron(X_TOY, Y_TOY)
    texts = [t.get_text() for t in make_step_display(X_TOY, Y_TOY, history).legend_.get_texts()]
    for part in ("before the update", "after the update", "correction", "the sample corrected",
                 "boundary before the update", "true class 0", "on the wrong side"):
        assert any(part in t for t in texts), part


def test_step_display_set_data_swaps_points_and_history():
    history, _ = own_perceptron(X_TOY, Y_TOY)
    disp = make_step_display(X_TOY, Y_TOY, history)
    points = disp.hyperplane_.points_
    disp.update(2)
    history2, _ = own_perceptron(X_FAR, Y_TOY, 1.0, 30)
    disp.set_data(X_FAR, Y_TOY, history2)
    assert disp.step_ == 0 and disp.n_updates == len(history2)
    assert disp.hyperplane_.points_ is points
    np.testing.assert_allclose(points.get_offsets(), X_FAR)
    (x0, x1), (y0, y1) = disp.ax_.get_xlim(), disp.ax_.get_ylim()
    assert x0 < 0 < x1 and y0 < 0 < y1 and X_FAR.max() <= min(x1, y1)
    assert tuple(disp.hyperplane_.regions_.get_extent()) == (x0, x1, y0, y1)
    disp.update(len(history2))
    check_step(disp, history2, len(history2), 1.0)


def test_step_display_without_ax_uses_pyplot(pyplot):
    history, _ = own_perceptron(X_TOY, Y_TOY)
    before = len(pyplot.get_fignums())
    disp = PerceptronStepDisplay(X=X_TOY, y=Y_TOY, history=history).plot()
    assert len(pyplot.get_fignums()) == before + 1
    np.testing.assert_allclose(disp.figure_.get_size_inches(), STEP_FIGSIZE)


def test_step_display_short_caption():
    history, _ = own_perceptron(X_TOY, Y_TOY)
    fig = Figure(figsize=STEP_FIGSIZE)
    FigureCanvasAgg(fig)
    disp = PerceptronStepDisplay(X=X_TOY, y=Y_TOY, history=history).plot(
        ax=fig.add_subplot(), caption="short")
    disp.update(1)
    assert not disp.hyperplane_.info_.get_visible()
    lines = disp.info_.get_text().splitlines()
    assert len(lines) == 2 and "lr" in lines[0] and lines[1].startswith("arrows")
    assert disp.hyperplane_.info_ not in disp.dynamic_artists()


def _history_with(**changes):
    history, _ = own_perceptron(X_TOY, Y_TOY)
    history = [dict(r) for r in history]
    k = changes.pop("at", 0)
    for key, value in changes.items():
        if value is None:
            del history[k][key]
        else:
            history[k][key] = value
    return history


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(history="abc"), TypeError, "history must be a list of dicts"),
        (dict(history=[[1, 2]]), TypeError, r"history\[0\] must be a dict"),
        (dict(history=_history_with(at=1, w_before=None)), ValueError,
         r"history\[1\] lacks the key\(s\) \['w_before'\]"),
        (dict(history=_history_with(at=1, w=[1.0, 2.0, 3.0])), ValueError,
         r"history\[1\]\['w'\] must have shape \(2,\), as X has 2 features; got shape \(3,\)"),
        (dict(history=_history_with(index=500)), ValueError, "is not a row of X"),
        (dict(history=_history_with(x=[9.0, 9.0])), ValueError, "is not X"),
        (dict(history=_history_with(b=np.nan)), ValueError, "only finite"),
        (dict(X=X_TOY[:, :1]), ValueError, "X must have 2 features"),
        (dict(y=Y_TOY[:5]), ValueError, "y must have one label per sample"),
        (dict(initial_w=[1.0]), ValueError, r"initial_w must have shape \(2,\)"),
    ],
)
def test_step_display_bad_input(kwargs, error, match):
    history, _ = own_perceptron(X_TOY, Y_TOY)
    args = dict(X=X_TOY, y=Y_TOY, history=history)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        PerceptronStepDisplay(**args)


@pytest.mark.parametrize("k, error, match", [
    (-1, ValueError, "k must be from 0"), (99, ValueError, r"to \d+ \(the number of updates\)"),
    (1.0, TypeError, "k must be an int"), (True, TypeError, "k must be an int"),
])
def test_update_refuses_bad_steps(k, error, match):
    history, _ = own_perceptron(X_TOY, Y_TOY)
    disp = make_step_display(X_TOY, Y_TOY, history)
    with pytest.raises(error, match=match):
        disp.update(k)
    assert disp.update(np.int64(1)).step_ == 1  # numpy ints are fine


def test_update_before_plot_and_bad_caption():
    history, _ = own_perceptron(X_TOY, Y_TOY)
    disp = PerceptronStepDisplay(X=X_TOY, y=Y_TOY, history=history)
    with pytest.raises(RuntimeError, match="call plot"):
        disp.update(0)
    with pytest.raises(ValueError, match='caption must be "full" or "short"'):
        disp.plot(ax=new_ax(), caption="long")


def test_history_keys_are_the_agreed_ones():
    assert set(HISTORY_KEYS) <= {"epoch", "index", "x", "y", "y_hat", "w_before", "b_before",
                                 "w", "b", "errors", "total_updates"}
    history, _ = own_perceptron(X_TOY, Y_TOY)
    assert set(HISTORY_KEYS) <= set(history[0])


# ----------------------------------------------------------------------------------
# the training animation and the mistakes per epoch
# ----------------------------------------------------------------------------------


def test_animate_training_one_frame_per_update_plus_the_start(pyplot):
    fignums = pyplot.get_fignums()
    history, _ = own_perceptron(X_FAR, Y_TOY, 1.0, 30)
    n = len(history)
    anim = animate_training(X_FAR, Y_TOY, history, interval=50, max_frames=n + 1)
    np.testing.assert_array_equal(anim.steps, np.arange(n + 1))
    html = anim.to_jshtml()
    assert html.count("data:image/png;base64") == n + 1
    disp = anim.display
    check_step(disp, history, n, 1.0)  # the last frame drawn is the last update
    assert type(disp.figure_) is Figure and disp.figure_.dpi == 72
    assert pyplot.get_fignums() == fignums


@pytest.mark.parametrize("max_frames", [2, 5, 7])
def test_animate_training_subsamples_evenly_and_keeps_the_last(max_frames):
    history, _ = own_perceptron(X_XOR, Y_XOR, 1.0, 4)
    n = len(history)
    assert n + 1 > max_frames
    anim = animate_training(X_XOR, Y_XOR, history, max_frames=max_frames)
    steps = np.asarray(anim.steps)
    assert len(steps) == max_frames and steps[0] == 0 and steps[-1] == n
    gaps = np.diff(steps)
    assert gaps.min() >= 1 and gaps.max() - gaps.min() <= 1  # evenly spread
    assert anim.to_jshtml().count("data:image/png;base64") == max_frames
    assert anim.display.step_ == n


def test_animate_training_bad_max_frames():
    history, _ = own_perceptron(X_TOY, Y_TOY)
    with pytest.raises(ValueError, match="max_frames must be an int >= 2"):
        animate_training(X_TOY, Y_TOY, history, max_frames=1)
    with pytest.raises(TypeError, match="max_frames must be an int"):
        animate_training(X_TOY, Y_TOY, history, max_frames=10.0)


def test_plot_errors_per_epoch_bars_are_the_counts():
    _, per_epoch = own_perceptron(X_FAR, Y_TOY, 1.0, 200)  # converges in epoch 162
    assert per_epoch[-1] == 0
    ax = plot_errors_per_epoch(per_epoch, ax=new_ax())
    bars = ax.containers[-1]
    np.testing.assert_array_equal([bar.get_height() for bar in bars], per_epoch)
    np.testing.assert_allclose([bar.get_x() + bar.get_width() / 2 for bar in bars],
                               np.arange(len(per_epoch)))
    assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] > per_epoch.max()
    assert ax.get_xlabel() == "epoch" and "mistakes" in ax.get_ylabel()
    assert any("converged" in t.get_text() for t in ax.texts)
    assert_no_overlap(text_boxes(ax.figure, ax.texts))


def test_plot_errors_per_epoch_compares_runs_with_labels():
    ax = new_ax()
    _, never = own_perceptron(X_XOR, Y_XOR, 1.0, 6)
    _, done = own_perceptron(X_TOY, Y_TOY)
    plot_errors_per_epoch(never, ax=ax, label="xor")
    plot_errors_per_epoch(done, ax=ax, label="blobs")
    steps = [p for p in ax.patches if type(p).__name__ == "StepPatch"]
    assert len(steps) == 2
    np.testing.assert_array_equal(steps[0].get_data().values, never)
    np.testing.assert_array_equal(steps[1].get_data().values, done)
    assert steps[0].get_edgecolor() != steps[1].get_edgecolor()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["xor", "blobs (converged)"]
    assert ax.get_xlim()[1] >= max(len(never), len(done)) - 0.5
    assert ax.get_ylim()[1] > max(never.max(), done.max())
    assert not any("converged" in t.get_text() for t in ax.texts)  # in the legend instead


def test_plot_errors_per_epoch_without_ax_uses_pyplot(pyplot):
    before = len(pyplot.get_fignums())
    plot_errors_per_epoch([3, 1, 0])
    assert len(pyplot.get_fignums()) == before + 1


@pytest.mark.parametrize("values, kwargs, error, match", [
    ([], {}, ValueError, "must be 1-D with one count per epoch"),
    ([[1, 2]], {}, ValueError, "must be 1-D with one count per epoch"),
    ([3, -1], {}, ValueError, "non-negative integers; got -1 at index 1"),
    ([3, 1.5], {}, ValueError, "non-negative integers; got 1.5 at index 1"),
    ([3, np.nan], {}, ValueError, "only finite"),
    ([3, 0], {"label": 7}, TypeError, "label must be a str"),
])
def test_plot_errors_per_epoch_bad_input(values, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_errors_per_epoch(values, ax=new_ax(), **kwargs)


# ----------------------------------------------------------------------------------
# Chapter 3: loss contours, paths, the descent display and its animation
# ----------------------------------------------------------------------------------

from types import SimpleNamespace  # noqa: E402

from nncore.plotting import (  # noqa: E402
    DESCENT_FIGSIZE,
    DescentDisplay,
    animate_descent,
    plot_loss_contours,
    plot_loss_surface,
    plot_path,
)

LINE_X = np.array([40.0, 75.0, 110.0, 150.0, 180.0, 220.0])
LINE_Y = np.array([170.0, 240.0, 330.0, 430.0, 500.0, 610.0])


def own_line_loss(theta, x, y):
    return float(np.mean((y - (theta[0] * x + theta[1])) ** 2))


def own_gd_path(x, y, theta0, lr, n_steps):
    """Plain gradient descent on the line's average squared loss, gradient by hand,
    stopping after a point of norm > 1e12; a Path-like record."""
    theta = np.array(theta0, dtype=float)
    params, losses = [theta.copy()], [own_line_loss(theta, x, y)]
    for _ in range(n_steps):
        r = y - (theta[0] * x + theta[1])
        theta = theta - lr * np.array([-2.0 * np.mean(r * x), -2.0 * np.mean(r)])
        params.append(theta.copy())
        losses.append(own_line_loss(theta, x, y))
        if np.hypot(*theta) > 1e12:
            break
    return SimpleNamespace(params=np.array(params), losses=np.array(losses), lr=lr,
                           diverged=len(params) < n_steps + 1)


def own_grid(ws, bs, x, y):
    return np.array([[own_line_loss((w, b), x, y) for w in ws] for b in bs])


def own_two_over_L(x):
    H = (2.0 / len(x)) * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), len(x)]])
    return 2.0 / np.linalg.eigvalsh(H).max()


def test_plot_path_draws_the_params_with_markers():
    ax = Figure().add_subplot()
    path = own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 1e-5, 6)
    line = plot_path(path, ax, color="k")
    np.testing.assert_array_equal(line.get_xydata(), path.params)
    assert line.get_marker() == "o" and to_rgb(line.get_color()) == (0.0, 0.0, 0.0)


def test_loss_contours_are_log_spaced_above_the_minimum_and_mark_it():
    ws, bs = np.linspace(0.0, 5.0, 41), np.linspace(-100.0, 200.0, 31)
    Z = own_grid(ws, bs, LINE_X, LINE_Y)
    ax = plot_loss_contours(ws, bs, Z, ax=Figure().add_subplot(), minimum=(2.6, 50.0))
    levels = np.asarray(ax.collections[0].levels)
    assert levels[0] == pytest.approx(Z.min())
    excess = levels[1:] - Z.min()
    ratios = excess[1:] / excess[:-1]
    np.testing.assert_allclose(ratios, ratios[0])  # a constant ratio: log-spaced
    assert ratios[0] > 1.5 and excess[-1] == pytest.approx(Z.max() - Z.min())
    star = ax.lines[-1]
    assert star.get_marker() == "*"
    np.testing.assert_allclose(star.get_xydata(), [[2.6, 50.0]])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$w$", "$b$")
    assert ax.get_xlim() == (0.0, 5.0) and ax.get_ylim() == (-100.0, 200.0)
    # the colours are viridis, dark at the bottom of the bowl
    colors = ax.collections[0].get_facecolor()
    assert np.mean(colors[0][:3]) < np.mean(colors[-1][:3])


def test_loss_contours_keep_labels_the_user_set():
    ax = Figure().add_subplot()
    ax.set_xlabel("slope")
    ws = bs = np.linspace(-1.0, 1.0, 5)
    plot_loss_contours(ws, bs, np.add.outer(bs ** 2, ws ** 2), ax=ax, levels=[0.0, 0.5, 1.0, 2.0])
    assert ax.get_xlabel() == "slope"
    np.testing.assert_array_equal(ax.collections[0].levels, [0.0, 0.5, 1.0, 2.0])


@pytest.mark.parametrize("args, kwargs, error, match", [
    ((np.arange(3.0), np.arange(4.0), np.zeros((3, 4))), {}, ValueError, r"Z must have shape \(len\(bs\), len\(ws\)\) = \(4, 3\)"),
    ((np.arange(3.0), np.arange(4.0), np.zeros((4, 3))), dict(levels=1), ValueError, "levels must be"),
    ((np.arange(3.0), np.arange(4.0), np.zeros((4, 3))), dict(levels=[2.0, 1.0]), ValueError, "increasing"),
    ((np.arange(1.0), np.arange(4.0), np.zeros((4, 1))), {}, ValueError, "at least 2"),
])
def test_plot_loss_contours_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_loss_contours(*args, ax=Figure().add_subplot(), **kwargs)


def test_plot_loss_surface_is_the_grid_on_a_3d_axes():
    ws, bs = np.linspace(0.0, 5.0, 11), np.linspace(-100.0, 200.0, 9)
    Z = own_grid(ws, bs, LINE_X, LINE_Y)
    path = own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 1e-5, 5)
    ax = plot_loss_surface(ws, bs, Z, ax=Figure().add_subplot(projection="3d"), path=path)
    assert len(ax.collections) == 1 and ax.get_zlabel() == "loss"
    xs, ys, zs = ax.lines[-1].get_data_3d()
    np.testing.assert_allclose(np.column_stack([xs, ys]), path.params)
    np.testing.assert_allclose(zs, path.losses)
    with pytest.raises(ValueError, match="3-D axes"):
        plot_loss_surface(ws, bs, Z, ax=Figure().add_subplot())


def test_descent_display_panels_follow_the_step():
    path = own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 2e-5, 30)
    fig = Figure(figsize=DESCENT_FIGSIZE)
    FigureCanvasAgg(fig)
    d = DescentDisplay(x=LINE_X, y=LINE_Y, path=path, names=("area", "price"),
                       units=("m²", "thousand")).plot(fig=fig)
    assert len(fig.axes) == 3 and d.ax_loss_.get_yscale() == "log"
    assert d.ax_contour_.get_xlabel() == "$w$ (thousand / m²)"
    assert d.ax_contour_.get_ylabel() == "$b$ (thousand)"
    assert d.ax_data_.get_xlabel() == "area (m²)"
    np.testing.assert_allclose(d.path_.get_xydata(), path.params)
    np.testing.assert_allclose(d.loss_.get_xydata(),
                               np.column_stack([np.arange(31), path.losses]))
    A = np.column_stack([LINE_X, np.ones_like(LINE_X)])
    np.testing.assert_allclose(d.minimum_.get_xydata()[0], np.linalg.lstsq(A, LINE_Y, rcond=None)[0])
    for k in (0, 4, 30):
        d.update(k)
        (x0, x1), (y0, y1) = d.line_.get_data()
        slope = (y1 - y0) / (x1 - x0)
        np.testing.assert_allclose([slope, y0 - slope * x0], path.params[k], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(d.current_.get_xydata(), path.params[k:k + 1])
        assert f"step {k} of 30" in d.caption_.get_text()
    assert not d.message_.get_visible()
    fig.canvas.draw()


def test_descent_display_diverging_path_is_clipped_and_says_so():
    bound = own_two_over_L(LINE_X)
    path = own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 1.5 * bound, 200)
    assert path.diverged and len(path.params) < 201
    fig = Figure(figsize=DESCENT_FIGSIZE)
    FigureCanvasAgg(fig)
    d = DescentDisplay(x=LINE_X, y=LINE_Y, path=path).plot(fig=fig)
    last = len(path.params) - 1
    assert d.message_.get_visible()
    assert d.message_.get_text() == (f"diverged at step {last}\n(lr = {1.5 * bound:.3g} > "
                                     f"2/\u03b2 = {bound:.3g})")
    np.testing.assert_allclose(d.loss_.get_ydata(), path.losses)
    low, high = d.ax_loss_.get_ylim()
    assert low < path.losses.min() and high > path.losses.max()  # the climb is on the axis
    # the contour view stays around the minimum and the start: the path leaves it
    (w0, w1), (b0, b1) = d.ax_contour_.get_xlim(), d.ax_contour_.get_ylim()
    assert w1 - w0 < 100 and abs(path.params[-1, 0]) > 1e6
    d.update(last)
    fig.canvas.draw()  # no warning (filterwarnings = error), nothing raised


def test_descent_display_standardized_draws_the_line_in_raw_units():
    mean = LINE_X.mean()
    std = np.sqrt(np.mean((LINE_X - mean) ** 2))
    z = (LINE_X - mean) / std
    path = own_gd_path(z, LINE_Y, (0.0, 0.0), 0.2, 20)
    d = DescentDisplay(x=LINE_X, y=LINE_Y, path=path, standardized=True).plot(fig=Figure())
    d.update(7)
    (x0, x1), (y0, y1) = d.line_.get_data()
    slope = (y1 - y0) / (x1 - x0)
    w_s, b_s = path.params[7]
    np.testing.assert_allclose([slope, y0 - slope * x0], [w_s / std, b_s - w_s * mean / std])
    np.testing.assert_allclose(d.two_over_L_, 1.0)  # 2/beta of z-scores: the Hessian is 2 I


@pytest.mark.parametrize("k, error, match", [(-1, ValueError, "from 0"), (4, ValueError, "to 3"),
                                            (1.0, TypeError, "must be an int"),
                                            (True, TypeError, "must be an int")])
def test_descent_display_bad_step(k, error, match):
    path = own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 1e-5, 3)
    d = DescentDisplay(x=LINE_X, y=LINE_Y, path=path).plot(fig=Figure())
    with pytest.raises(error, match=match):
        d.update(k)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(x=LINE_X[:3]), ValueError, "y"),
    (dict(path=SimpleNamespace(params=[[0.0, 0.0]])), TypeError, "Path"),
    (dict(path=SimpleNamespace(params=[[0.0, 0.0, 0.0]], losses=[1.0])), ValueError, r"\(k\+1, 2\)"),
    (dict(path=SimpleNamespace(params=[[0.0, 0.0]], losses=[1.0, 2.0])), ValueError, "losses"),
    (dict(standardized="yes"), TypeError, "standardized"),
])
def test_descent_display_bad_input(kwargs, error, match):
    args = dict(x=LINE_X, y=LINE_Y, path=own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 1e-5, 3))
    args.update(kwargs)
    with pytest.raises(error, match=match):
        DescentDisplay(**args)


def test_animate_descent_frames_and_jshtml():
    path = own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 2e-5, 100)
    anim = animate_descent(LINE_X, LINE_Y, path, max_frames=12)
    assert len(anim.steps) == 12 and anim.steps[0] == 0 and anim.steps[-1] == 100
    assert type(anim._fig) is Figure  # noqa: SLF001  (a plain Figure, not pyplot)
    html = anim.to_jshtml()
    assert html.count("data:image/png;base64") == 12
    short = animate_descent(LINE_X, LINE_Y, own_gd_path(LINE_X, LINE_Y, (0.0, 0.0), 2e-5, 5))
    assert short.steps.tolist() == [0, 1, 2, 3, 4, 5]
    assert short.to_jshtml().count("data:image/png;base64") == 6  # (rendered: no warning)
    for bad, error in ((1, ValueError), (2.0, TypeError)):
        with pytest.raises(error, match="max_frames"):
            animate_descent(LINE_X, LINE_Y, path, max_frames=bad)


# ----------------------------------------------------------------------------------
# Chapter 4: draw_graph (more in test_graph.py)
# ----------------------------------------------------------------------------------


def test_draw_graph_makes_a_figure_of_its_own_size(pyplot):
    from nncore.autodiff import Value
    from nncore.plotting import GraphDisplay, draw_graph

    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b + a
    c.label = "c"
    c.backward()  # dc/da = b + 1 = -2, dc/db = a = 2
    d = draw_graph(c)
    assert isinstance(d, GraphDisplay) and pyplot.get_fignums() == [d.figure_.number]
    assert tuple(d.figure_.get_size_inches()) == pytest.approx(d.figsize)
    grads = {v.label: t.get_text() for v, t in zip(d.nodes_, d.grad_texts_)}
    assert grads["a"] == "grad = -2.000" and grads["b"] == "grad = 2.000"
    hidden = draw_graph(c, show_grad=False)
    assert not any(t.get_visible() for t in hidden.grad_texts_ + hidden.edge_texts_)


def test_descent_display_from_descent_runs_from_the_same_line_raw_or_standardised():
    from nncore import linreg

    x, y = np.array([40.0, 80.0, 120.0, 160.0]), np.array([150.0, 250.0, 360.0, 450.0])
    raw = DescentDisplay.from_descent(x, y, lr=1e-5, start=(1.0, 20.0), n_steps=4,
                                      names=("area", "price"))
    assert raw.names == ("area", "price") and not raw.standardized
    np.testing.assert_allclose(raw.path.params,
                               linreg.descent_path(x, y, [1.0, 20.0], 1e-5, 4).params)
    scaled = DescentDisplay.from_descent(x, y, lr=0.1, start=(1.0, 20.0), n_steps=4,
                                         standardized=True)
    z, mean, std = linreg.standardize(x)
    # step 0 is the same line, written for z: w x + b = w' z + b'
    w_s, b_s = scaled.path.params[0]
    np.testing.assert_allclose(w_s * z + b_s, 1.0 * x + 20.0)
    np.testing.assert_allclose(
        scaled.path.params, linreg.descent_path(z, y, [w_s, b_s], 0.1, 4).params)


def test_step_display_draws_its_sides_from_bytes_as_the_normalised_image():
    # PerceptronStepDisplay colours its half-spaces through NoNorm from 0/1 bytes (a
    # third cheaper to draw, and what a widget can paint from its data); the picture
    # must be the one of the same 0/1 through vmin=0, vmax=1, at every step.
    from matplotlib.colors import NoNorm, Normalize

    history, _ = own_perceptron(X_TOY, Y_TOY)
    disp = make_step_display(X_TOY, Y_TOY, history)
    regions = disp.hyperplane_.regions_
    for k in steps_to_check(len(history)):
        disp.update(k)
        data = np.asarray(regions.get_array())
        assert data.dtype == np.uint8 and isinstance(regions.norm, NoNorm)
        canvas = disp.figure_.canvas
        canvas.draw()
        ours = np.asarray(canvas.buffer_rgba()).copy()
        regions.set_norm(Normalize(vmin=0, vmax=1))
        regions.set_data(data.astype(np.int64))
        canvas.draw()
        np.testing.assert_array_equal(ours, np.asarray(canvas.buffer_rgba()),
                                      err_msg=f"step {k}")
        regions.set_norm(NoNorm())
