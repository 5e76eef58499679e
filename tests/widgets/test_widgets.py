"""Tests of nncore.widgets: set a control's value as a reader's slider would, then check
the figure's artists, the PNG and the status line against values computed here."""

import math
import re

import ipywidgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from nncore.datasets import DATASETS
from nncore.widgets import MODES, HyperplaneExplorer, hyperplane_explorer, render_png

STATUS = re.compile(r"(\d+) of (\d+) points on the wrong side")


@pytest.fixture
def explorer(pyplot):
    """A fresh explorer on blobs; the pyplot fixture proves no pyplot figure appears."""
    fignums = pyplot.get_fignums()
    ex = hyperplane_explorer()
    yield ex
    assert pyplot.get_fignums() == fignums


def set_w(ex, w1, w2, b=None):
    ex.controls["w1"].value = w1
    ex.controls["w2"].value = w2
    if b is not None:
        ex.controls["b"].value = b


def wrong_count_by_loop(X, y, w, b):
    count = 0
    for x, label in zip(X, y):
        side = 1 if w[0] * x[0] + w[1] * x[1] + b >= 0 else 0
        if side != label:
            count += 1
    return count


def status_count(ex):
    text = re.sub(r"<[^>]+>", " ", ex.status.value)
    k, n = STATUS.search(text).groups()
    return int(k), int(n)


# ----------------------------------------------------------------------------------


def test_explorer_has_the_agreed_parts(explorer):
    assert isinstance(explorer, HyperplaneExplorer)
    assert set(explorer.controls) == {"w1", "w2", "b", "angle", "length", "dataset", "mode"}
    assert type(explorer.figure) is Figure
    assert isinstance(explorer.image, ipywidgets.Image)
    assert isinstance(explorer.status, ipywidgets.HTML)
    assert isinstance(explorer.output, ipywidgets.Output)
    assert isinstance(explorer.widget, ipywidgets.Box)
    assert explorer.display.figure_ is explorer.figure
    # sliders with the ranges the chapter describes
    for name in ("w1", "w2"):
        c = explorer.controls[name]
        assert (c.min, c.max, c.step) == (-3.0, 3.0, 0.05)
    assert (explorer.controls["b"].min, explorer.controls["b"].max) == (-4.0, 4.0)
    assert (explorer.controls["angle"].min, explorer.controls["angle"].max) == (-180.0, 180.0)
    assert explorer.controls["length"].min == 0.0 and explorer.controls["length"].max == 3.0
    assert list(explorer.controls["mode"].options) == list(MODES)
    assert set(explorer.controls["dataset"].options) == set(DATASETS)


def test_slider_moves_the_line_onto_w_dot_p_plus_b_equals_zero(explorer):
    set_w(explorer, 0.7, -1.2, b=0.4)
    w, b = np.array([0.7, -1.2]), 0.4
    ends = np.column_stack(explorer.display.line_.get_data())
    np.testing.assert_allclose(ends @ w + b, 0.0, atol=1e-9)
    (x0, x1), (y0, y1) = explorer.display.ax_.get_xlim(), explorer.display.ax_.get_ylim()
    for x, y in ends:  # both ends on the edge of the axes box
        assert x0 - 1e-9 <= x <= x1 + 1e-9 and y0 - 1e-9 <= y <= y1 + 1e-9
        assert min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1)) < 1e-9


def test_regions_are_the_halfspace_of_the_grid(explorer):
    set_w(explorer, -0.5, 2.0, b=-1.0)
    w, b = np.array([-0.5, 2.0]), -1.0
    image = explorer.display.regions_
    x0, x1, y0, y1 = image.get_extent()
    Z = np.asarray(image.get_array())
    ny, nx = Z.shape
    for i in range(0, ny, 7):  # pixel centres, row i is y from the bottom
        yc = y0 + (i + 0.5) * (y1 - y0) / ny
        for j in range(0, nx, 7):
            xc = x0 + (j + 0.5) * (x1 - x0) / nx
            z = w[0] * xc + w[1] * yc + b
            if abs(z) > 1e-9:
                assert Z[i, j] == (1 if z >= 0 else 0)


@pytest.mark.parametrize("w1, w2, b", [(1.0, 1.0, 0.0), (0.3, -2.0, 1.5), (-3.0, 0.5, -4.0),
                                       (0.0, 0.0, 0.2), (2.0, 2.0, 3.0)])
def test_status_counts_the_wrong_side_like_a_loop(explorer, w1, w2, b):
    set_w(explorer, w1, w2, b=b)
    X, y = DATASETS["blobs"]()
    expected = wrong_count_by_loop(X, y, (w1, w2), b)
    assert status_count(explorer) == (expected, len(X))
    assert explorer.display.n_wrong_ == expected
    html = explorer.status.value
    assert f"({w1:.2f}, {w2:.2f})" in html and f"{b:.2f}" in html
    assert f"{math.hypot(w1, w2):.2f}" in html


def test_w_zero_shows_the_message_and_hides_the_line(explorer):
    set_w(explorer, 0.0, 0.0, b=-0.5)
    d = explorer.display
    assert d.message_.get_visible()
    assert not d.line_.get_visible() and not d.arrow_.get_visible()
    X, y = DATASETS["blobs"]()
    assert status_count(explorer) == (int(np.sum(y == 1)), len(X))  # all on side 0
    set_w(explorer, 0.5, 0.0)  # and back
    assert not d.message_.get_visible() and d.line_.get_visible()


def test_angle_and_length_stay_in_sync_with_the_components(explorer):
    c = explorer.controls
    c["mode"].value = "angle and length"
    assert c["w1"].layout.display == "none" and c["angle"].layout.display is None
    c["angle"].value = 120.0
    c["length"].value = 2.0
    np.testing.assert_allclose(
        [c["w1"].value, c["w2"].value],
        [2.0 * np.cos(np.radians(120.0)), 2.0 * np.sin(np.radians(120.0))], atol=1e-12)
    np.testing.assert_allclose(explorer.display.w, [c["w1"].value, c["w2"].value])
    c["mode"].value = "components"
    assert c["w1"].layout.display is None and c["length"].layout.display == "none"
    np.testing.assert_allclose(
        [c["w1"].value, c["w2"].value],
        [2.0 * np.cos(np.radians(120.0)), 2.0 * np.sin(np.radians(120.0))], atol=1e-12)
    c["w1"].value = -1.5
    c["w2"].value = -0.8
    w1, w2 = c["w1"].value, c["w2"].value
    assert c["length"].value == pytest.approx(np.hypot(w1, w2))
    assert c["angle"].value == pytest.approx(np.degrees(np.arctan2(w2, w1)))
    np.testing.assert_allclose(
        [c["length"].value * np.cos(np.radians(c["angle"].value)),
         c["length"].value * np.sin(np.radians(c["angle"].value))], [w1, w2], atol=1e-12)


def test_one_slider_move_renders_once(explorer, monkeypatch):
    """No callback loops: syncing the other parametrisation triggers no redraw."""
    calls = []
    original = explorer._renderer.fast
    monkeypatch.setattr(explorer._renderer, "fast", lambda *a, **k: calls.append(1) or original(*a, **k))
    moves = [("components", "w1", 0.35), ("components", "w2", -0.6), ("components", "b", 0.9),
             ("angle and length", "angle", 33.0), ("angle and length", "length", 1.2),
             ("angle and length", "b", -0.4)]
    for mode, name, value in moves:
        explorer.controls["mode"].value = mode
        calls.clear()
        explorer.controls[name].value = value
        assert len(calls) == 1, name


@pytest.mark.parametrize("mode, moved, echoed", [
    ("components", "w1", ("angle", "length")),
    ("angle and length", "angle", ("w1", "w2")),
])
def test_a_hidden_slider_echoing_a_snapped_value_does_not_move_w(explorer, mode, moved, echoed):
    """In JupyterLab the browser rounds a value the kernel set on a hidden slider to the
    slider's step and sends it back; w must stay what the visible sliders say."""
    c = explorer.controls
    c["mode"].value = mode
    c[moved].value = -0.55 if moved == "w1" else 123.4
    w_before = explorer.display.w.copy()
    for name in echoed:  # what the frontend sends back: the value snapped to the step
        step = c[name].step
        c[name].value = round(c[name].value / step) * step + step  # and one step off
    np.testing.assert_array_equal(explorer.display.w, w_before)
    if mode == "components":
        expected = [c["w1"].value, c["w2"].value]
    else:  # the test's own polar -> Cartesian, from the visible sliders
        theta = np.radians(c["angle"].value)
        expected = c["length"].value * np.array([np.cos(theta), np.sin(theta)])
    np.testing.assert_allclose(explorer.display.w, expected, atol=1e-12)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_dataset_menu_swaps_the_points_in_place(explorer, name):
    points, regions = explorer.display.points_, explorer.display.regions_
    explorer.controls["dataset"].value = name
    X, y = DATASETS[name]()
    assert explorer.display.points_ is points and explorer.display.regions_ is regions
    np.testing.assert_allclose(explorer.display.points_.get_offsets(), X)
    (x0, x1), (y0, y1) = explorer.display.ax_.get_xlim(), explorer.display.ax_.get_ylim()
    assert x0 <= X[:, 0].min() and X[:, 0].max() <= x1
    assert y0 <= X[:, 1].min() and X[:, 1].max() <= y1
    assert tuple(regions.get_extent()) == (x0, x1, y0, y1)
    w, b = explorer.w, explorer.b
    assert status_count(explorer) == (wrong_count_by_loop(X, y, w, b), len(X))


def test_explicit_data_overrides_the_dataset(pyplot):
    X = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 0.5], [2.0, -1.0]])
    y = np.array([0, 1, 1, 0])
    ex = hyperplane_explorer(X, y, dataset="moons", w=(1.0, -1.0), b=0.0)
    assert ex.controls["dataset"].value == "your data"
    np.testing.assert_allclose(ex.display.points_.get_offsets(), X)
    assert status_count(ex) == (wrong_count_by_loop(X, y, (1.0, -1.0), 0.0), 4)
    ex.controls["dataset"].value = "xor"
    ex.controls["dataset"].value = "your data"
    np.testing.assert_allclose(ex.display.points_.get_offsets(), X)


def test_figure_and_artists_survive_many_updates(explorer, pyplot):
    fignums = pyplot.get_fignums()
    d, fig = explorer.display, explorer.figure
    names = ["regions_", "line_", "arrow_", "arrow_label_", "points_", "wrong_", "message_",
             "info_", "legend_", "ax_"]
    ids = {n: id(getattr(d, n)) for n in names}
    n_children = len(d.ax_.get_children())
    rng = np.random.default_rng(0)
    for _ in range(15):
        set_w(explorer, *rng.uniform(-3, 3, 2), b=rng.uniform(-4, 4))
    set_w(explorer, 0.0, 0.0)
    explorer.controls["mode"].value = "angle and length"
    explorer.controls["angle"].value = -45.0
    for name in ("xor", "moons", "blobs"):
        explorer.controls["dataset"].value = name
    assert explorer.figure is fig and d.figure_ is fig and explorer.display is d
    assert {n: id(getattr(d, n)) for n in names} == ids
    assert len(fig.axes) == 1 and len(d.ax_.get_children()) == n_children
    assert pyplot.get_fignums() == fignums


def test_image_is_a_png_that_changes_with_w(explorer, png_pixels):
    first = explorer.image.value
    pixels = png_pixels(first)
    assert pixels.shape[:2] == (540, 450)  # the fixed size of the image widget
    assert explorer.image.layout.width == "450px" and explorer.image.layout.height == "540px"
    explorer.controls["w1"].value = -1.0
    assert explorer.image.value != first
    explorer.controls["w1"].value = 1.0  # back to the start: the same picture
    np.testing.assert_array_equal(png_pixels(explorer.image.value), pixels)


@pytest.mark.parametrize("moves", [[("w1", 0.4)], [("w2", -2.0), ("b", 1.1)],
                                   [("w1", 0.0), ("w2", 0.0)], [("dataset", "xor"), ("b", -0.3)],
                                   [("w1", 3.0), ("b", -4.0)]])
def test_fast_image_equals_a_full_redraw(explorer, moves, png_pixels):
    """The image after in-place updates is pixel for pixel what savefig draws."""
    for name, value in moves:
        explorer.controls[name].value = value
    np.testing.assert_array_equal(
        png_pixels(explorer.image.value),
        png_pixels(render_png(explorer.figure, dpi=explorer.dpi)),
    )


def test_errors_in_callbacks_are_shown_in_the_output(explorer, monkeypatch, shell):
    """In a notebook, Output.capture shows the traceback instead of losing it."""

    def broken(w, b):
        raise RuntimeError("boom")

    monkeypatch.setattr(explorer.display, "update", broken)
    explorer.controls["b"].value = 1.0  # does not raise: the Output widget took it
    assert [str(e) for e in shell.shown] == ["boom"]


def test_callback_errors_propagate_outside_a_notebook(explorer, monkeypatch):
    monkeypatch.setattr(explorer.display, "update", lambda w, b: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        explorer.controls["b"].value = 1.0


def test_repr_mimebundle_is_the_widget_view(explorer):
    bundle = explorer._repr_mimebundle_()
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == explorer.widget.model_id
    assert "text/plain" in bundle


def test_initial_mode_angle_and_length():
    ex = hyperplane_explorer(w=(0.0, 2.0), b=0.5, mode="angle and length")
    c = ex.controls
    assert c["angle"].value == pytest.approx(90.0) and c["length"].value == pytest.approx(2.0)
    assert c["w1"].layout.display == "none"
    np.testing.assert_allclose(ex.display.w, [0.0, 2.0], atol=1e-12)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(mode="polar"), ValueError, "mode must be one of"),
        (dict(dataset="iris"), ValueError, "dataset must be one of"),
        (dict(X=[[0.0, 1.0]]), ValueError, "y is required with X"),
        (dict(y=[0, 1]), ValueError, "y was given without X"),
        (dict(X=[[0.0, 1.0, 2.0]], y=[0]), ValueError, "X must have 2 features"),
        (dict(w=(1.0,)), ValueError, r"w must have shape \(2,\)"),
        (dict(b="high"), TypeError, "b must contain real numbers"),
    ],
)
def test_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        hyperplane_explorer(**kwargs)
