"""Tests of nncore.widgets.perceptron_stepper: move a control as a reader would, then check
the figure's artists, the PNG and the status line against a perceptron this file runs
itself with plain numpy (and, where the brief asks for it, against nncore's Perceptron
fitted here)."""

import math

import ipywidgets
import numpy as np
import pytest
from ipywidgets.widgets.widget_link import Link
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrow

from nncore import datasets
from nncore.perceptron import Perceptron
from nncore.widgets import (
    LR_EXPONENTS,
    STEPPER_DATASETS,
    STEPPER_FIGSIZE,
    PerceptronStepper,
    perceptron_stepper,
    render_png,
)

IRIS = "iris (setosa vs versicolor)"


def own_data(name):
    """The menu's data, loaded here from nncore.datasets as the brief specifies."""
    return {"blobs": datasets.blobs, IRIS: datasets.iris,
            "xor": lambda: datasets.xor(n=100, seed=0)}[name]()


def own_perceptron(X, y, lr, max_epochs):
    """Rosenblatt's rule from w = 0, b = 0, samples in index order, in plain numpy:
    a list of (epoch, index, w_before, b_before, w, b, mistakes so far this epoch) and
    whether an epoch went by without a mistake."""
    w, b = np.zeros(2), 0.0
    updates = []
    for epoch in range(max_epochs):
        mistakes = 0
        for i, (x, target) in enumerate(zip(X, y)):
            y_hat = 1 if x[0] * w[0] + x[1] * w[1] + b >= 0 else 0
            if y_hat != target:
                mistakes += 1
                w_new, b_new = w + lr * (target - y_hat) * x, b + lr * (target - y_hat)
                updates.append((epoch, i, w, b, w_new, b_new, mistakes))
                w, b = w_new, b_new
        if mistakes == 0:
            return updates, True
    return updates, False


def arrow_ends(arrow):
    """Tail and tip of a FancyArrow drawn with length_includes_head: the tip is the
    polygon's vertex farthest from the tail (x, y)."""
    verts = arrow.get_xy()
    tail = np.array([arrow._x, arrow._y])
    tip = verts[np.argmax(np.hypot(*(verts - tail).T))]
    return tail, tip


@pytest.fixture
def stepper(pyplot):
    """A fresh stepper on blobs; the pyplot fixture proves no pyplot figure appears."""
    fignums = pyplot.get_fignums()
    st = perceptron_stepper()
    yield st
    assert pyplot.get_fignums() == fignums


@pytest.fixture(scope="module")
def xor_stepper():
    return perceptron_stepper(dataset="xor", max_epochs=8)


# ----------------------------------------------------------------------------------


def test_stepper_has_the_agreed_parts(stepper):
    st = stepper
    assert isinstance(st, PerceptronStepper)
    assert set(st.controls) == {"step", "play", "lr", "dataset"}
    c = st.controls
    assert isinstance(c["step"], ipywidgets.IntSlider)
    assert isinstance(c["play"], ipywidgets.Play)
    assert isinstance(c["lr"], ipywidgets.FloatLogSlider)
    assert (c["lr"].base, c["lr"].min, c["lr"].max) == (10, -2.0, 1.0)  # lr 0.01 .. 10
    assert list(c["dataset"].options) == ["blobs", IRIS, "xor"]
    assert type(st.figure) is Figure and st.display.figure_ is st.figure
    assert isinstance(st.image, ipywidgets.Image)
    assert isinstance(st.status, ipywidgets.HTML)
    assert isinstance(st.output, ipywidgets.Output)
    assert isinstance(st.widget, ipywidgets.Box)
    assert isinstance(st.model, Perceptron)
    assert (c["step"].min, c["step"].max, c["step"].value) == (0, st.model.n_updates_, 0)
    assert (c["play"].min, c["play"].max) == (0, st.model.n_updates_)


def test_play_is_jslinked_to_the_step_slider(stepper):
    link = stepper.link
    assert isinstance(link, Link)  # what ipywidgets.jslink makes: a widget of its own,
    assert link.model_id  # saved with the page's widget state, so it plays without Python
    assert link.source == (stepper.controls["play"], "value")
    assert link.target == (stepper.controls["step"], "value")


@pytest.mark.parametrize("name, lr", [("blobs", 1.0), (IRIS, 1.0), ("xor", 1.0),
                                      (IRIS, 0.01), ("blobs", 10.0)])
def test_step_moves_show_update_k_as_the_test_computes_it(pyplot, name, lr, status_text):
    st = perceptron_stepper(dataset=name, lr=lr, max_epochs=6)
    X, y = own_data(name)
    updates, converged = own_perceptron(X, y, lr, 6)
    assert st.controls["step"].max == len(updates)
    ks = sorted({1, 2, len(updates) // 2, len(updates)} & set(range(1, len(updates) + 1)))
    for k in ks:
        st.controls["step"].value = k
        epoch, i, w_before, b_before, w, b, mistakes = updates[k - 1]
        d = st.display
        # the boundary: w . p + b = 0 at both ends of the drawn segment
        if d.hyperplane_.line_.get_visible():
            ends = np.column_stack(d.hyperplane_.line_.get_data())
            np.testing.assert_allclose(ends @ w + b, 0.0, atol=1e-9 * (1 + abs(b)))
        # the ring on the corrected sample
        np.testing.assert_array_equal(d.highlight_.get_offsets(), [X[i]])
        # the arrows, at the display's documented factor (1, or a round 1/s or s)
        f = d.factor_
        for arrow, tail, tip in ((d.w_before_, np.zeros(2), f * w_before),
                                 (d.w_after_, np.zeros(2), f * w),
                                 (d.correction_, f * w_before, f * w)):
            if np.any(tip != tail):
                got_tail, got_tip = arrow_ends(arrow)
                np.testing.assert_allclose(got_tail, tail, atol=1e-9 * (1 + abs(tip).max()))
                np.testing.assert_allclose(got_tip, tip, atol=1e-9 * (1 + abs(tip).max()))
        # the correction arrow is the difference of the other two: lr (y - y_hat) x
        _, before_tip = arrow_ends(d.w_before_) if np.any(w_before) else (0, np.zeros(2))
        _, after_tip = arrow_ends(d.w_after_)
        tail, tip = arrow_ends(d.correction_)
        np.testing.assert_allclose(tip - tail, after_tip - before_tip, atol=1e-9 * (1 + f))
        np.testing.assert_allclose((tip - tail) / f, w - w_before,
                                   atol=1e-9 * (1 + abs(w).max()))
        if f != 1:
            scale = f"1/{round(1 / f)}" if f < 1 else f"{round(f)}"
            assert d.info_.get_text().splitlines()[-1] == f"arrows scaled by {scale}"
        # the status line: update k of K, the epoch, the sample, the mistakes so far
        text = status_text(st)
        assert (f"update {k} of {len(updates)} · epoch {epoch} · sample {i} · "
                f"mistakes so far this epoch {mistakes}") in text
        wrong = sum((1 if x @ w + b >= 0 else 0) != t for x, t in zip(X, y))
        assert f"{wrong} of {len(X)} points on the wrong side" in text
    assert ("did not converge" in status_text(st)) == (not converged)


def test_step_zero_shows_the_data_and_the_w0_message(stepper, status_text):
    st = stepper
    st.controls["step"].value = 2
    st.controls["step"].value = 0  # no exception
    d = st.display
    assert d.step_ == 0 and d.hyperplane_.message_.get_visible()
    assert "w = 0" in d.hyperplane_.message_.get_text()
    assert not d.highlight_.get_visible() and not d.w_after_.get_visible()
    X, _ = own_data("blobs")
    np.testing.assert_allclose(d.hyperplane_.points_.get_offsets(), X)
    assert "before training (update 0 of 2)" in status_text(st)


def test_lr_refits_and_the_samples_corrected_do_not_depend_on_lr(pyplot, status_text):
    st = perceptron_stepper(dataset=IRIS)
    X, y = own_data(IRIS)
    indices = None
    for exponent in (0.0, -1.0, 0.5, -2.0, 1.0, -0.3):
        st.controls["lr"].value = 10.0 ** exponent
        lr = st.controls["lr"].value
        ref = Perceptron(lr=lr, max_epochs=50).fit(X, y)  # the test's own fit
        assert st.model.lr == pytest.approx(lr)
        assert st.controls["step"].max == ref.n_updates_ == st.controls["play"].max
        got = [r["index"] for r in st.model.history_]
        assert got == [r["index"] for r in ref.history_]
        assert got == [u[1] for u in own_perceptron(X, y, lr, 50)[0]]
        indices = got if indices is None else indices
        assert got == indices  # from w = 0, lr only scales w and b
        assert f"lr = {lr:.3g}" in status_text(st)


def test_refit_keeps_the_step_within_the_new_range(pyplot):
    st = perceptron_stepper(dataset=IRIS)
    n_iris = st.model.n_updates_
    st.controls["step"].value = 3
    st.controls["lr"].value = 0.1
    assert st.controls["step"].value == 3 and st.display.step_ == 3  # kept
    st.controls["step"].value = n_iris
    st.controls["dataset"].value = "blobs"  # fewer updates: the last one
    n_blobs = st.model.n_updates_
    assert n_blobs < n_iris
    for name in ("step", "play"):
        assert st.controls[name].max == n_blobs and st.controls[name].value == n_blobs
    assert st.display.step_ == n_blobs


def test_a_snapped_lr_echoed_by_the_browser_does_not_refit(pyplot):
    """lr=0.5 is not on the slider's grid (steps of 0.1 in log10 lr); the browser shows
    it as 10**-0.3 = 0.501 and sends that back; the model must keep lr = 0.5."""
    st = perceptron_stepper(lr=0.5)
    model = st.model
    st.controls["lr"].value = 10.0 ** round(math.log10(0.5), 1)
    assert st.model is model and st.model.lr == 0.5
    st.controls["lr"].value = 10.0 ** -0.4  # a real move of one step
    assert st.model is not model and st.model.lr == pytest.approx(10.0 ** -0.4)


@pytest.mark.parametrize("name", ["blobs", IRIS, "xor"])
def test_dataset_menu_swaps_the_points_in_place(stepper, name):
    points = stepper.display.hyperplane_.points_
    stepper.controls["dataset"].value = "xor" if name != "xor" else IRIS
    stepper.controls["dataset"].value = name
    X, y = own_data(name)
    assert stepper.display.hyperplane_.points_ is points
    np.testing.assert_allclose(points.get_offsets(), X)
    (x0, x1), (y0, y1) = stepper.display.ax_.get_xlim(), stepper.display.ax_.get_ylim()
    assert x0 <= X[:, 0].min() and X[:, 0].max() <= x1
    assert y0 <= X[:, 1].min() and X[:, 1].max() <= y1
    updates, _ = own_perceptron(X, y, 1.0, 50)
    assert stepper.controls["step"].max == len(updates)


def test_xor_never_converges_and_the_slider_stops_at_max_epochs(xor_stepper, status_text):
    st = xor_stepper
    X, y = own_data("xor")
    updates, converged = own_perceptron(X, y, 1.0, 8)
    assert not converged and not st.model.converged_
    assert st.controls["step"].max == len(updates) == st.model.n_updates_
    assert max(u[0] for u in updates) == 7  # every one of the 8 epochs made mistakes
    assert "did not converge in max_epochs = 8 epochs" in status_text(st)
    st.controls["step"].value = len(updates)
    assert st.display.step_ == len(updates)


def test_play_moves_in_steps_that_end_a_long_run_in_time(xor_stepper):
    st = xor_stepper
    n = st.model.n_updates_
    play = st.controls["play"]
    assert play.step == max(1, math.ceil(n / 200)) and play.interval > 0
    short = perceptron_stepper()  # 2 updates: one at a time
    assert short.controls["play"].step == 1


def test_figure_and_artists_survive_many_updates(stepper, pyplot):
    fignums = pyplot.get_fignums()
    d, fig = stepper.display, stepper.figure
    names = ["highlight_", "w_before_", "w_after_", "correction_", "line_before_", "info_",
             "legend_", "hyperplane_", "ax_"]
    ids = {n: id(getattr(d, n)) for n in names}
    n_children = len(d.ax_.get_children())
    for k in (1, 2, 0, 2):
        stepper.controls["step"].value = k
    for name, lr in (("xor", 1.0), (IRIS, 0.1), ("blobs", 3.0), ("xor", 0.02)):
        stepper.controls["dataset"].value = name
        stepper.controls["lr"].value = lr
        stepper.controls["step"].value = stepper.controls["step"].max // 2
    assert stepper.figure is fig and d.figure_ is fig and stepper.display is d
    assert {n: id(getattr(d, n)) for n in names} == ids
    assert len(fig.axes) == 1 and len(d.ax_.get_children()) == n_children
    assert sum(isinstance(p, FancyArrow) for p in d.ax_.patches + d.ax_.artists) <= 4
    assert pyplot.get_fignums() == fignums


def test_image_is_a_png_of_fixed_size_that_changes_with_the_step(stepper, png_pixels):
    first = stepper.image.value
    pixels = png_pixels(first)
    width, height = (round(v * stepper.dpi) for v in STEPPER_FIGSIZE)
    assert pixels.shape[:2] == (height, width)
    assert stepper.image.layout.width == f"{width}px"
    assert stepper.image.layout.height == f"{height}px"
    stepper.controls["step"].value = 1
    second = stepper.image.value
    assert second != first
    stepper.controls["step"].value = 2
    assert stepper.image.value not in (first, second)
    stepper.controls["step"].value = 0  # back to the start: the same picture
    np.testing.assert_array_equal(png_pixels(stepper.image.value), pixels)


@pytest.mark.parametrize("moves", [[("step", 1)], [("step", 2), ("step", 0)],
                                   [("dataset", "xor"), ("step", 37)],
                                   [("dataset", IRIS), ("lr", 0.01), ("step", 4)]])
def test_fast_image_equals_a_full_redraw(stepper, moves, png_pixels):
    for name, value in moves:
        stepper.controls[name].value = value
    fast = png_pixels(stepper.image.value)
    full = png_pixels(render_png(stepper.figure, dpi=stepper.dpi))
    np.testing.assert_array_equal(fast, full[..., :3])  # the stepper sends RGB


def test_step_move_only_redraws_the_moving_artists(stepper, monkeypatch):
    calls = []
    for name in ("fast", "full"):
        original = getattr(stepper._renderer, name)
        monkeypatch.setattr(stepper._renderer, name,
                            lambda *a, _n=name, _o=original, **k: calls.append(_n) or _o(*a, **k))
    fits = []
    original_fit = stepper._fit
    monkeypatch.setattr(stepper, "_fit", lambda X, y: fits.append(1) or original_fit(X, y))
    stepper.controls["step"].value = 1
    assert calls == ["fast"] and fits == []
    calls.clear()
    stepper.controls["lr"].value = 0.1
    assert calls == ["full"] and fits == [1]  # one refit, one full redraw


def test_explicit_data_comes_first_in_the_menu(pyplot):
    X = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 0.5], [2.0, -1.0], [3.0, 1.0]])
    y = np.array([0, 1, 0, 1, 1])
    st = perceptron_stepper(X, y, lr=0.5)
    assert list(st.controls["dataset"].options)[0] == "your data"
    assert st.controls["dataset"].value == "your data"
    np.testing.assert_allclose(st.display.hyperplane_.points_.get_offsets(), X)
    updates, _ = own_perceptron(X, y, 0.5, 50)
    assert st.model.n_updates_ == len(updates)
    st.controls["dataset"].value = "xor"
    st.controls["dataset"].value = "your data"
    np.testing.assert_allclose(st.display.hyperplane_.points_.get_offsets(), X)


def test_errors_in_callbacks_are_shown_in_the_output(stepper, monkeypatch, shell):
    def broken(k):
        raise RuntimeError("boom")

    monkeypatch.setattr(stepper.display, "update", broken)
    stepper.controls["step"].value = 1  # does not raise: the Output widget took it
    assert [str(e) for e in shell.shown] == ["boom"]


def test_repr_mimebundle_is_the_widget_view(stepper):
    bundle = stepper._repr_mimebundle_()
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == stepper.widget.model_id


def test_menu_loaders_are_the_documented_ones():
    for name in ("blobs", IRIS, "xor"):
        X, y = STEPPER_DATASETS[name]()
        X0, y0 = own_data(name)
        np.testing.assert_array_equal(X, X0)
        np.testing.assert_array_equal(y, y0)
    assert LR_EXPONENTS[:2] == (-2.0, 1.0)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(dataset="moons"), ValueError, "dataset must be one of"),
        (dict(lr=0.001), ValueError, "lr must be from 0.01 to 10"),
        (dict(lr=100.0), ValueError, "lr must be from 0.01 to 10"),
        (dict(lr=-1.0), ValueError, "lr must be a finite number > 0"),
        (dict(lr="fast"), TypeError, "lr must be a real number"),
        (dict(max_epochs=0), ValueError, "max_epochs must be an int >= 1"),
        (dict(max_epochs=2.5), TypeError, "max_epochs must be an int"),
        (dict(seed=-3), ValueError, "seed must be an int >= 0"),
        (dict(X=[[0.0, 1.0]]), ValueError, "y is required with X"),
        (dict(y=[0, 1]), ValueError, "y was given without X"),
        (dict(X=[[0.0, 1.0, 2.0]], y=[0]), ValueError, "X must have 2 features"),
        (dict(X=[[0.0, 1.0]], y=[2]), ValueError, r"y must contain labels in \{0, 1\}"),
    ],
)
def test_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        perceptron_stepper(**kwargs)


# -- fast frames: matplotlib's pixels, after many moves (issue 14) ----------------------


def test_fast_frames_equal_a_full_redraw_after_many_moves(stepper, png_pixels):
    # A frame paints its texts from kept glyphs and the half-space image from its data
    # (nncore.widgets._fastdraw: GlyphCache, PastedImage); after many moves, forward, back, jumps
    # and a refit, a frame must still be exactly matplotlib's own draw (savefig).
    st = stepper
    image = st._renderer._images[id(st.display.hyperplane_.regions_)]

    def check(what):
        fast = png_pixels(st.image.value)
        full = png_pixels(render_png(st.figure, dpi=st.dpi))
        np.testing.assert_array_equal(fast, full[..., :3], err_msg=what)

    n = st.controls["step"].max
    steps = list(range(1, min(n, 30) + 1)) + [n, 0, n // 2, 1, n // 3, n - 1]
    for i, k in enumerate(steps):
        st.controls["step"].value = k
        if i % 7 == 6 or i >= len(steps) - 6:
            check(f"step {k}")
    assert image._plan is not None  # the image was painted from its data
    st.controls["lr"].value = 0.1  # a refit: a full redraw, then fast frames again
    for k in (1, 2, st.controls["step"].max, 3):
        st.controls["step"].value = k
        check(f"lr 0.1, step {k}")
    st.controls["dataset"].value = IRIS  # another view: the image is mapped anew
    for k in (1, st.controls["step"].max // 2, 2):
        st.controls["step"].value = k
        check(f"iris, step {k}")
    assert image._plan is not None


@pytest.mark.parametrize("case", ["fills the axes", "inside the axes", "rotated",
                                  "float data"])
def test_pasted_images_are_matplotlibs_pixels(case, png_pixels):
    # PastedImage reads, once per geometry, which data pixel each screen pixel
    # shows from matplotlib's own resampling; the frames must equal savefig's, also
    # after the view changes, and an image it cannot paint is drawn by matplotlib.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import ListedColormap, NoNorm
    from matplotlib.transforms import Affine2D

    from nncore.widgets._render import BlitRenderer

    rng = np.random.default_rng(3)
    fig = Figure(figsize=(3.1, 2.9), dpi=90)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.13, 0.11, 0.77, 0.8))
    ax.set_xlim(-4.0, 4.5)
    ax.set_ylim(-4.5, 4.0)
    extent = (-2.3, 3.1, -1.7, 2.9) if case == "inside the axes" else (-4.0, 4.5, -4.5, 4.0)
    dtype = float if case == "float data" else np.uint8
    image = ax.imshow(rng.integers(0, 3, (37, 53)).astype(dtype), extent=extent,
                      origin="lower", cmap=ListedColormap(["#fdd", "#dfd", "#ddf"]),
                      norm=NoNorm(), interpolation="nearest", interpolation_stage="data",
                      aspect="auto", zorder=0)
    if case == "rotated":
        image.set_transform(Affine2D().rotate_deg(20) + ax.transData)
    ax.grid(True, color="white", lw=0.8)
    ax.set_axisbelow(True)
    for line in ax.get_xgridlines() + ax.get_ygridlines():
        line.set_zorder(0.5)
    renderer = BlitRenderer(fig, ax, [image], pasted=[image])
    for i in range(6):
        if i == 3:  # another view: another map
            ax.set_xlim(-5.0, 5.0)
        image.set_data(rng.integers(0, 3, (37, 53)).astype(dtype))
        frame = renderer.full() if i in (0, 3) else renderer.fast()
        np.testing.assert_array_equal(png_pixels(frame), png_pixels(render_png(fig, dpi=90)),
                                      err_msg=f"{case}, frame {i}")
    assert (renderer._images[id(image)]._plan is None) == (case == "float data")
