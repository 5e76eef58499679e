"""Tests of nncore.widgets.descent_explorer (Chapter 3): move a control as a reader would,
then check the figure's artists, the PNG and the status line against gradient descent
that this file runs itself with plain numpy (the update and the gradient of the line's
average squared loss written out here, never taken from nncore)."""

import math

import ipywidgets
import numpy as np
import pytest
from ipywidgets.widgets.widget_link import Link
from matplotlib.figure import Figure

from nncore import datasets
from nncore.widgets import (
    BATCHES,
    DESCENT_LR_EXPONENTS,
    DescentExplorer,
    descent_explorer,
    render_png,
)

# ----------------------------------------------------------------------------------
# the test's own maths
# ----------------------------------------------------------------------------------


def own_loss(theta, x, y):
    residual = y - (theta[0] * x + theta[1])
    return float(np.mean(residual ** 2))


def own_grad(theta, x, y):
    """d/dw and d/db of (1/n) sum (y - (w x + b))^2, by hand."""
    residual = y - (theta[0] * x + theta[1])
    n = len(x)
    return np.array([-(2.0 / n) * np.sum(residual * x), -(2.0 / n) * np.sum(residual)])


def own_descent(x, y, theta0, lr, n_steps, momentum=0.0, max_norm=1e12):
    """theta <- theta - lr v, v <- momentum v + grad; stop after the first point whose
    norm exceeds max_norm (as API3.md specifies)."""
    theta = np.array(theta0, dtype=float)
    v = np.zeros(2)
    params, losses = [theta.copy()], [own_loss(theta, x, y)]
    for _ in range(n_steps):
        v = momentum * v + own_grad(theta, x, y)
        theta = theta - lr * v
        params.append(theta.copy())
        losses.append(own_loss(theta, x, y))
        if np.hypot(*theta) > max_norm:
            break
    return np.array(params), np.array(losses)


def own_minibatch(x, y, theta0, lr, n_updates, batch_size, seed=0):
    """Mini-batch descent: a fresh permutation from default_rng(seed) each epoch, batches
    cut in order; the loss recorded on all the data."""
    rng = np.random.default_rng(seed)
    theta = np.array(theta0, dtype=float)
    params = [theta.copy()]
    while len(params) < n_updates + 1:
        order = rng.permutation(len(x))
        for i in range(0, len(x), batch_size):
            batch = order[i:i + batch_size]
            theta = theta - lr * own_grad(theta, x[batch], y[batch])
            params.append(theta.copy())
            if len(params) == n_updates + 1:
                break
    return np.array(params)


def own_two_over_L(x):
    n = len(x)
    H = (2.0 / n) * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), n]])
    return 2.0 / np.max(np.linalg.eigvalsh(H))


def own_zscores(x):
    mean = x.mean()
    std = np.sqrt(np.mean((x - mean) ** 2))
    return (x - mean) / std, mean, std


def own_lstsq(x, y):
    A = np.column_stack([x, np.ones_like(x)])
    return np.linalg.lstsq(A, y, rcond=None)[0]


def line_params(line):
    """Slope and intercept of a drawn straight line, from two of its points."""
    (x0, x1), (y0, y1) = line.get_data()
    slope = (y1 - y0) / (x1 - x0)
    return slope, y0 - slope * x0


HOUSES = datasets.house_prices()


@pytest.fixture
def explorer(pyplot):
    """A fresh explorer on the house prices; the pyplot fixture proves no pyplot figure
    appears."""
    fignums = pyplot.get_fignums()
    ex = descent_explorer()
    yield ex
    assert pyplot.get_fignums() == fignums


# ----------------------------------------------------------------------------------


def test_explorer_has_the_agreed_parts(explorer):
    assert isinstance(explorer, DescentExplorer)
    c = explorer.controls
    assert set(c) == {"lr", "w0", "b0", "steps", "play", "momentum", "scaled", "batch"}
    assert isinstance(c["lr"], ipywidgets.FloatLogSlider)
    assert isinstance(c["steps"], ipywidgets.IntSlider)
    assert isinstance(c["play"], ipywidgets.Play)
    assert isinstance(c["scaled"], ipywidgets.Checkbox)
    assert isinstance(c["batch"], ipywidgets.Dropdown)
    assert list(c["batch"].options) == ["full batch", "mini-batch (8)", "stochastic (1)"]
    assert (c["steps"].min, c["steps"].max) == (0, 50)
    assert (c["momentum"].min, c["momentum"].max) == (0.0, 0.95)
    assert type(explorer.figure) is Figure
    assert len(explorer.figure.axes) == 3
    assert isinstance(explorer.image, ipywidgets.Image)
    assert isinstance(explorer.output, ipywidgets.Output)
    assert isinstance(explorer.widget, ipywidgets.Box)
    assert explorer.display.figure_ is explorer.figure


def test_play_is_linked_to_the_steps_slider(explorer):
    link = explorer.link
    assert isinstance(link, Link)
    assert link.source == (explorer.controls["play"], "value")
    assert link.target == (explorer.controls["steps"], "value")
    assert explorer.controls["play"].max == explorer.controls["steps"].max


def test_default_data_are_the_house_prices(explorer):
    x, y = HOUSES
    np.testing.assert_allclose(explorer.display.points_.get_offsets(), np.column_stack([x, y]))


def test_path_polyline_is_gradient_descent_done_by_hand(explorer):
    x, y = HOUSES
    lr = explorer.controls["lr"].value
    params, losses = own_descent(x, y, (0.0, 0.0), lr, 50)
    np.testing.assert_allclose(explorer.display.path_.get_xydata(), params, rtol=1e-9)
    np.testing.assert_allclose(explorer.display.loss_.get_ydata(), losses, rtol=1e-9)
    np.testing.assert_array_equal(explorer.display.loss_.get_xdata(), np.arange(51))


@pytest.mark.parametrize("k", [0, 1, 7, 50])
def test_step_k_shows_params_k_everywhere(explorer, k, status_text):
    x, y = HOUSES
    params, losses = own_descent(x, y, (0.0, 0.0), explorer.controls["lr"].value, 50)
    explorer.controls["steps"].value = k
    d = explorer.display
    np.testing.assert_allclose(d.current_.get_xydata(), params[k:k + 1], rtol=1e-9)
    np.testing.assert_allclose(d.trail_.get_xydata(), params[:k + 1], rtol=1e-9)
    np.testing.assert_allclose(line_params(d.line_), params[k], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(d.loss_now_.get_xydata(), [[k, losses[k]]], rtol=1e-9)
    text = status_text(explorer)
    assert f"step {k} of 50" in text
    assert f"loss = {losses[k]:.4g}" in text
    dist = np.hypot(*(params[k] - own_lstsq(x, y)))
    assert f"distance to the least-squares optimum = {dist:.4g}" in text
    assert f"2/\u03b2 = {own_two_over_L(x):.3g}" in text


def test_new_lr_start_and_momentum_recompute_the_path(explorer):
    x, y = HOUSES
    c = explorer.controls
    c["lr"].value = 10.0 ** -5
    c["w0"].value = 4.0
    c["b0"].value = 100.0
    c["momentum"].value = 0.5
    params, losses = own_descent(x, y, (4.0, 100.0), 1e-5, 50, momentum=0.5)
    np.testing.assert_allclose(explorer.display.path_.get_xydata(), params, rtol=1e-9)
    np.testing.assert_allclose(explorer.display.loss_.get_ydata(), losses, rtol=1e-9)


def test_scaled_descends_on_z_scores_and_draws_the_line_in_raw_units(explorer, status_text):
    x, y = HOUSES
    c = explorer.controls
    c["w0"].value, c["b0"].value = 1.0, 50.0
    c["scaled"].value = True
    c["lr"].value = 0.1
    z, mean, std = own_zscores(x)
    # the same starting line w x + b, written on z: (w std) z + (b + w mean)
    params, losses = own_descent(z, y, (1.0 * std, 50.0 + 1.0 * mean), 0.1, 50)
    d = explorer.display
    np.testing.assert_allclose(d.path_.get_xydata(), params, rtol=1e-9)
    np.testing.assert_allclose(d.loss_.get_ydata(), losses, rtol=1e-9)
    c["steps"].value = 9
    w_s, b_s = params[9]
    np.testing.assert_allclose(line_params(d.line_), (w_s / std, b_s - w_s * mean / std),
                               rtol=1e-7)
    np.testing.assert_allclose(d.minimum_.get_xydata(), [own_lstsq(z, y)],
                               rtol=1e-9)  # the minimum's star, in the scaled parameters
    assert "2/\u03b2 = 1" in status_text(explorer)


@pytest.mark.parametrize("entry, size", [("mini-batch (8)", 8), ("stochastic (1)", 1)])
def test_batches_take_one_step_per_batch(explorer, entry, size):
    x, y = HOUSES
    c = explorer.controls
    c["lr"].value = 10.0 ** -5
    c["batch"].value = entry
    assert BATCHES[entry] == size
    params = own_minibatch(x, y, (0.0, 0.0), 1e-5, 50, size)
    np.testing.assert_allclose(explorer.display.path_.get_xydata(), params, rtol=1e-9)
    losses = [own_loss(p, x, y) for p in params]  # recorded on all the data
    np.testing.assert_allclose(explorer.display.loss_.get_ydata(), losses, rtol=1e-9)


def test_a_diverging_lr_shows_the_message_and_stops(explorer, png_pixels, status_text):
    x, y = HOUSES
    bound = own_two_over_L(x)
    explorer.controls["steps"].value = 50
    explorer.controls["lr"].value = 1e-4  # about twice 2/beta
    assert 1e-4 > bound
    params, losses = own_descent(x, y, (0.0, 0.0), 1e-4, 50)
    d = explorer.display
    assert len(params) < 51  # the test's own run stops on |theta| > 1e12 too
    np.testing.assert_allclose(d.path_.get_xydata(), params, rtol=1e-9)
    np.testing.assert_allclose(d.loss_.get_ydata(), losses, rtol=1e-9)
    assert np.all(np.diff(d.loss_.get_ydata()) > 0)  # the loss climbs
    assert d.message_.get_visible()
    assert d.message_.get_text().startswith(f"diverged at step {len(params) - 1}")
    assert f"2/\u03b2 = {bound:.3g}" in d.message_.get_text()
    text = status_text(explorer)
    assert "lr > 2/\u03b2: diverges" in text
    assert f"step {len(params) - 1} of {len(params) - 1}" in text  # clamped to the run
    # and the picture still renders (filterwarnings = error: no RuntimeWarning)
    png_pixels(render_png(explorer.figure, dpi=40))
    explorer.controls["lr"].value = 10.0 ** -5
    assert not d.message_.get_visible()
    assert "diverges" not in status_text(explorer)


def test_lr_just_below_two_over_L_converges_just_above_diverges(pyplot):
    x, y = HOUSES
    bound = own_two_over_L(x)
    below = descent_explorer(lr=0.9 * bound, n_steps=300)
    assert not below.display.message_.get_visible() and not below.path.diverged
    assert below.display.losses_[-1] < below.display.losses_[0]
    above = descent_explorer(lr=1.1 * bound, n_steps=300)
    assert above.display.message_.get_visible() and above.path.diverged


def test_figure_and_artists_survive_many_updates(explorer):
    d = explorer.display
    keep = [explorer.figure, d.path_, d.trail_, d.current_, d.line_, d.loss_, d.loss_now_,
            d.message_, d.ax_contour_, d.ax_data_, d.ax_loss_]
    counts = [len(d.ax_contour_.collections), len(d.ax_contour_.lines), len(d.ax_data_.lines),
              len(d.ax_loss_.lines), len(d.ax_loss_.texts)]
    c = explorer.controls
    moves = [("steps", 5), ("lr", 1e-4), ("scaled", True), ("lr", 0.1), ("batch", "mini-batch (8)"),
             ("w0", 3.0), ("steps", 40), ("momentum", 0.6), ("scaled", False), ("b0", -50.0),
             ("batch", "full batch"), ("lr", 1e-5), ("steps", 2)]
    for _ in range(3):
        for name, value in moves:
            c[name].value = value
            c[name].value = value  # the same value again: nothing happens
        c["scaled"].value = True
        c["scaled"].value = False
    assert [explorer.figure, d.path_, d.trail_, d.current_, d.line_, d.loss_, d.loss_now_,
            d.message_, d.ax_contour_, d.ax_data_, d.ax_loss_] == keep
    assert explorer.display is d and len(explorer.figure.axes) == 3
    assert [len(d.ax_contour_.collections), len(d.ax_contour_.lines), len(d.ax_data_.lines),
            len(d.ax_loss_.lines), len(d.ax_loss_.texts)] == counts
    assert len(explorer.output.outputs) == 0  # no callback raised


def test_png_changes_with_the_step(explorer, png_pixels):
    first = png_pixels(explorer.image.value)
    explorer.controls["steps"].value = 3
    third = png_pixels(explorer.image.value)
    assert first.shape == third.shape
    assert np.any(first != third)
    explorer.controls["steps"].value = 0
    np.testing.assert_array_equal(png_pixels(explorer.image.value), first)


@pytest.mark.parametrize("moves", [[("steps", 7)], [("lr", 0.1), ("scaled", True), ("steps", 4)],
                                   [("lr", 1e-4), ("steps", 30)]])
def test_fast_image_equals_a_full_redraw(explorer, moves, png_pixels):
    for name, value in moves:
        explorer.controls[name].value = value
    fast = png_pixels(explorer.image.value)
    full = png_pixels(render_png(explorer.figure, dpi=explorer.dpi))
    np.testing.assert_array_equal(fast, full[..., :3])  # the explorer sends RGB


def test_step_move_only_redraws_the_moving_artists(explorer, monkeypatch):
    calls, runs = [], []
    for name in ("fast", "full"):
        original = getattr(explorer._renderer, name)
        monkeypatch.setattr(explorer._renderer, name,
                            lambda *a, _n=name, _o=original, **k: calls.append(_n) or _o(*a, **k))
    original_run = explorer._run
    monkeypatch.setattr(explorer, "_run", lambda: runs.append(1) or original_run())
    explorer.controls["steps"].value = 4
    assert calls == ["fast"] and runs == []
    calls.clear()
    explorer.controls["lr"].value = 1e-5
    assert calls == ["full"] and runs == [1]


def test_a_snapped_echo_of_lr_does_not_recompute(explorer, monkeypatch):
    """In a live notebook the browser snaps lr = 4e-5 to the slider's grid (10^-4.4 =
    3.98e-5) and sends it back; that is not a move of the reader."""
    runs = []
    original_run = explorer._run
    monkeypatch.setattr(explorer, "_run", lambda: runs.append(1) or original_run())
    exponent = round(math.log10(4e-5) / DESCENT_LR_EXPONENTS[2]) * DESCENT_LR_EXPONENTS[2]
    explorer.controls["lr"].value = 10.0 ** exponent
    assert runs == []
    assert explorer.path.lr == pytest.approx(4e-5)


def test_your_own_data(pyplot):
    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    y = np.array([1.0, 2.9, 5.2, 7.1, 8.8])
    ex = descent_explorer(x, y, lr=0.05, n_steps=20)
    params, losses = own_descent(x, y, (0.0, 0.0), ex.controls["lr"].value, 20)
    np.testing.assert_allclose(ex.display.path_.get_xydata(), params, rtol=1e-9)
    assert ex.display.ax_data_.get_xlabel() == "x"


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(lr=10.0), ValueError, "lr must be from"),
    (dict(lr=0.0), ValueError, "lr must be from"),
    (dict(n_steps=0), ValueError, "n_steps must be an int >= 1"),
    (dict(n_steps=2.5), TypeError, "n_steps must be an int"),
    (dict(momentum=0.99), ValueError, "momentum must be from 0.0 to 0.95"),
    (dict(scaled="yes"), TypeError, "scaled must be True or False"),
    (dict(batch="huge"), ValueError, "batch must be one of"),
    (dict(start=(0.0,)), ValueError, "start"),
    (dict(start=(1e6, 0.0)), ValueError, r"start\[0\] \(w0\) must be from"),
    (dict(x=[1.0, 2.0, 3.0]), ValueError, "pass both x and y"),
    (dict(x=[1.0, 2.0, 3.0], y=[1.0, 2.0]), ValueError, "y"),
    (dict(x=[1.0, 1.0], y=[1.0, 2.0]), ValueError, "at least 2 different values"),
])
def test_bad_arguments_raise_clear_errors(pyplot, kwargs, error, match):
    with pytest.raises(error, match=match):
        descent_explorer(**kwargs)
