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
from nncore.plotting import (
    CLASS_COLORS,
    CLASS_MARKERS,
    REGION_COLORS,
    HyperplaneDisplay,
    animate_hyperplane,
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
    assert ax.texts[-1].get_text() == rf"$\theta = {theta:.1f}^\circ$"
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
    assert n_vertices == {len(plotting._marker_path("^").vertices)}


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
