"""Chapter 3's descent explorer: gradient descent on the average squared loss of a line,
with the learning rate, the start, momentum, the batch size and standardised inputs
(:class:`nncore.plotting.DescentDisplay`)."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np

from .. import datasets as _datasets
from .. import linreg as _linreg
from .._checks import as_int, as_scalar, as_vector
from ..plotting import DESCENT_FIGSIZE, DescentDisplay
from ._base import FigureWidget, in_slider_range
from ._render import BlitRenderer
from ._website import Axis, Grid

__all__ = ["DescentExplorer", "descent_explorer"]


#: The lr slider: 10 ** exponent, exponents (low, high, step): lr from 1e-6 to about 3,
#: which covers 2/β of the raw house data (about 4.8e-5) and of standardised data (1).
DESCENT_LR_EXPONENTS = (-6.0, 0.5, 0.05)
#: The batch menu: its entries and the batch size each gives to
#: :func:`nncore.optimisers.minibatch_descent` (None = the full batch, plain descent).
BATCHES = {"full batch": None, "mini-batch (8)": 8, "stochastic (1)": 1}
#: The momentum slider (low, high, step).
MOMENTUM_RANGE = (0.0, 0.95, 0.05)
#: Resolution of the explorer's picture (:data:`nncore.plotting.DESCENT_FIGSIZE` at
#: 80 dpi is 880 x 312 px): measured in bench/bench_descent.py.
DESCENT_DPI = 80
#: Milliseconds between two frames of the explorer's Play button.
DESCENT_PLAY_INTERVAL = 200


def _nice_step(span, n=200):
    """A round slider step (1, 2 or 5 times a power of ten) giving about ``n`` stops."""
    raw = span / n
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _start_ranges(x, y):
    """Ranges (low, high, step) of the w0 and b0 sliders, in raw units: from minus
    twice to three times the size of the least-squares (w, b) (or of the data's scale,
    sd(y)/sd(x) and sd(y), if larger), so the start can be put on either side."""
    w_star, b_star = _linreg.closed_form(x, y)
    sd_x, sd_y = float(np.std(x)), float(np.std(y))
    ranges = []
    for size in (max(abs(w_star), sd_y / sd_x if sd_x > 0 else 0.0, 1e-3),
                 max(abs(b_star), sd_y, 1e-3)):
        step = _nice_step(5.0 * size)
        ranges.append((-math.ceil(2 * size / step) * step, math.ceil(3 * size / step) * step,
                       step))
    return ranges


class DescentExplorer(FigureWidget):
    r"""Gradient descent on the average squared loss of a line, with sliders.

    Build it with :func:`descent_explorer`. A run of
    :math:`\boldsymbol\theta \leftarrow \boldsymbol\theta - \mathrm{lr}\,\nabla L(\boldsymbol\theta)`
    (:func:`nncore.optimisers.gradient_descent`, or
    :func:`~nncore.optimisers.minibatch_descent` for the mini-batch and stochastic
    entries, on :func:`nncore.linreg.loss` and :func:`~nncore.linreg.loss_grad`) is
    computed when lr, the start, momentum, the batch or the scaling change; the
    ``steps`` slider (and the Play button linked to it) then only shows step
    :math:`k` of that run in a :class:`~nncore.plotting.DescentDisplay`.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"lr"`` (FloatLogSlider, 1e-6 to about 3), ``"w0"``, ``"b0"`` (the start line,
        always in the raw units of the data), ``"steps"`` (IntSlider, the step shown,
        0 to ``n_steps``), ``"play"`` (Play, linked to ``"steps"`` in the browser),
        ``"momentum"`` (FloatSlider 0 to 0.95), ``"scaled"`` (Checkbox: standardise
        x first) and ``"batch"`` (Dropdown: "full batch", "mini-batch (8)",
        "stochastic (1)").
    link : ipywidgets.Link
        ``jslink((play, "value"), (steps, "value"))``.
    path : nncore.optimisers.Path
        The run shown; with ``scaled`` its :math:`(w, b)` are for standardised x.
    display : DescentDisplay
    figure, image, status, output, widget
        As for the other widgets: a plain Figure drawn to PNG into ``image``; the
        status line says the step, the loss, the distance
        :math:`\|\boldsymbol\theta_k - \boldsymbol\theta^*\|` to the least-squares
        optimum (in the parameters of the picture), :math:`2/\beta` and "lr > 2/β:
        diverges" when so; ``output`` shows the errors of callbacks.

    Notes
    -----
    A mini-batch or stochastic run makes one step per batch; the explorer shows the
    first ``n_steps`` of them (so each entry is compared step for step, not epoch for
    epoch), with the batches drawn by ``seed``. Moving ``steps`` only calls
    ``display.update`` and redraws the moving artists over a saved picture (see
    ``bench/bench_descent.py``); the other controls recompute the run and redraw
    everything, once per release (``continuous_update=False``). As in the perceptron
    stepper, a change of a slider smaller than half its step from the value in use is
    taken for the browser's echo of a value the kernel set (snapped to the step), not
    a move of the reader, and ignored.

    Used in Chapter 3, sections "Gradient descent", "The learning rate",
    "Feature scaling", "Batches: full, stochastic, mini" and "Momentum".
    """

    def __init__(self, x=None, y=None, *, lr=4e-5, start=(0.0, 0.0), n_steps=50,
                 momentum=0.0, scaled=False, batch="full batch", seed=0, dpi=DESCENT_DPI):
        if x is None and y is None:
            x, y = _datasets.house_prices()
            names, units = ("area", "price"), ("m\u00b2", "thousand")
        elif x is None or y is None:
            raise ValueError("pass both x and y (1-D, same length), or neither for "
                             "nncore.datasets.house_prices()")
        else:
            names, units = ("x", "y"), (None, None)
        self.x = as_vector(x, "x")
        self.y = as_vector(y, "y", dim=len(self.x), against="x")
        if len(self.x) < 2 or not np.ptp(self.x) > 0:
            raise ValueError("x must have at least 2 different values to fit a line; got "
                             f"{len(self.x)} value(s) spanning {float(np.ptp(self.x)):g}")
        lr = in_slider_range(lr, "lr", 10.0 ** DESCENT_LR_EXPONENTS[0],
                             10.0 ** DESCENT_LR_EXPONENTS[1], "the lr slider")
        w0, b0 = as_vector(start, "start", dim=2)
        self.n_steps = as_int(n_steps, "n_steps", minimum=1)
        momentum = as_scalar(momentum, "momentum")
        if not MOMENTUM_RANGE[0] <= momentum <= MOMENTUM_RANGE[1]:
            raise ValueError(f"momentum must be from {MOMENTUM_RANGE[0]} to "
                             f"{MOMENTUM_RANGE[1]}; got {momentum}")
        if not isinstance(scaled, bool):
            raise TypeError(f"scaled must be True or False; got {scaled!r}")
        if batch not in BATCHES:
            raise ValueError(f"batch must be one of {list(BATCHES)}; got {batch!r}")
        self.seed = seed
        w_range, b_range = _start_ranges(self.x, self.y)
        for name, v, (lo, hi, _) in (("start[0] (w0)", w0, w_range),
                                     ("start[1] (b0)", b0, b_range)):
            if not lo <= v <= hi:
                raise ValueError(f"{name} must be from {lo:g} to {hi:g} (the slider's "
                                 f"range for these data); got {v:g}")
        self._x_std, self._mean, self._std = _linreg.standardize(self.x)

        # -- controls ------------------------------------------------------------------
        style, width = {"description_width": "80px"}, widgets.Layout(width="330px")
        slow = dict(continuous_update=False, style=style, layout=width)
        self.controls = {
            "lr": widgets.FloatLogSlider(value=lr, base=10, min=DESCENT_LR_EXPONENTS[0],
                                         max=DESCENT_LR_EXPONENTS[1],
                                         step=DESCENT_LR_EXPONENTS[2], description="lr",
                                         readout_format=".3g", **slow),
            "w0": widgets.FloatSlider(value=w0, min=w_range[0], max=w_range[1],
                                      step=w_range[2], description="start w\u2080",
                                      readout_format=".4g", **slow),
            "b0": widgets.FloatSlider(value=b0, min=b_range[0], max=b_range[1],
                                      step=b_range[2], description="start b\u2080",
                                      readout_format=".4g", **slow),
            "momentum": widgets.FloatSlider(value=momentum, min=MOMENTUM_RANGE[0],
                                            max=MOMENTUM_RANGE[1], step=MOMENTUM_RANGE[2],
                                            description="momentum \u03bc",
                                            readout_format=".2f", **slow),
            "batch": widgets.Dropdown(options=list(BATCHES), value=batch,
                                      description="batch", style=style, layout=width),
            "scaled": widgets.Checkbox(value=scaled, description="standardise x first",
                                       indent=False, layout=widgets.Layout(
                                           width="330px", margin="0 0 0 88px")),
            "play": widgets.Play(value=0, min=0, max=self.n_steps, step=1,
                                 interval=DESCENT_PLAY_INTERVAL, show_repeat=False,
                                 tooltip="play the steps",
                                 layout=widgets.Layout(width="120px", margin="0 0 0 88px")),
            "steps": widgets.IntSlider(value=0, min=0, max=self.n_steps, description="step k",
                                       continuous_update=True, style=style, layout=width),
        }
        c = self.controls
        # what the run in use was computed from (the echo guard compares with these)
        self._state = {name: c[name].value for name in ("lr", "w0", "b0", "momentum")}

        # -- the run and the figure ------------------------------------------------------
        self.path = self._run()
        self._make_figure(DESCENT_FIGSIZE, dpi)
        self.display = DescentDisplay(
            x=self.x, y=self.y, path=self.path, standardized=scaled, names=names,
            units=units).plot(fig=self.figure, caption=False)  # the status line says it
        d = self.display
        self._renderer = BlitRenderer(self.figure, [d.ax_contour_, d.ax_data_, d.ax_loss_],
                                       d.dynamic_artists(), mode="RGB",
                                       overlays=d.overlay_artists())
        self.link = widgets.jslink((c["play"], "value"), (c["steps"], "value"))
        self._make_layout([c["play"], c["steps"], c["lr"], c["w0"], c["b0"], c["momentum"],
                           c["batch"], c["scaled"]], status_height="7.5em")

        # -- wiring: every callback reports its errors in self.output ------------------
        capture = self._capture
        c["steps"].observe(capture(self._on_step), names="value")
        self._watch_sliders(("lr", "w0", "b0", "momentum"), "rerun")
        c["batch"].observe(capture(self._on_rerun), names="value")
        c["scaled"].observe(capture(self._on_rerun), names="value")
        self.update(full=True)

    # -- the run ------------------------------------------------------------------------

    def _run(self):
        """Gradient descent from the controls' state: :func:`nncore.linreg.descent_path`
        (on the standardised x, from the same starting line, when "scaled" is on)."""
        theta0 = np.array([self._state["w0"], self._state["b0"]])
        x = self.x
        if self.controls["scaled"].value:
            x = self._x_std
            theta0 = _linreg.standardize_params(theta0, self._mean, self._std)
        return _linreg.descent_path(x, self.y, theta0, self._state["lr"], self.n_steps,
                                    momentum=self._state["momentum"],
                                    batch_size=BATCHES[self.controls["batch"].value],
                                    seed=self.seed)

    def rerun(self):
        """Compute the run again from the controls and redraw everything, keeping the
        step shown (or the run's last step, if it stopped earlier).

        Returns
        -------
        self : DescentExplorer
        """
        scaled = self.controls["scaled"].value
        old_start = getattr(self, "_drawn_start", None)
        self.path = self._run()
        start = (scaled, self._state["w0"], self._state["b0"])
        if start != old_start:  # a new view: new contours
            self.display.set_data(x=self.x, y=self.y, path=self.path, standardized=scaled)
        else:
            self.display.set_path(self.path)
        self._drawn_start = start
        return self.update(full=True)

    # -- callbacks ----------------------------------------------------------------------

    def website_grid(self):
        """On the website: the raw areas, five learning rates around 2/β, four starts
        and every step; momentum, the batch and standardised x need Jupyter."""
        bound = self.display.two_over_L_
        lr, step = self._state["lr"], self.controls["lr"].step
        # near 0.4, 0.95, 1.05 and 1.15 times 2/β, on the lr slider's own grid of
        # exponents (a reader in Jupyter can set them), more than half a step from the
        # others (the echo rule)
        lrs = {lr}
        for factor in (0.4, 0.95, 1.05, 1.15):
            e = round(np.log10(factor * bound) / step) * step
            if all(abs(e - np.log10(v)) > 0.5 * step for v in lrs):
                lrs.add(float(f"{10.0 ** e:.3g}"))
        lrs = sorted(lrs)
        w0, b0 = self._state["w0"], self._state["b0"]
        return Grid([Axis("steps", list(range(self.n_steps + 1)), play=True)],
                    outer=[Axis("lr", lrs), Axis("w0", sorted({w0, 5.0})),
                           Axis("b0", sorted({b0, 200.0}))],
                    note=f"On this page the pictures were drawn in advance: the raw areas, "
                         f"the learning rates above (2/\u03b2 = {bound:.3g}), the starts "
                         f"w₀ ∈ {{0, 5}}, b₀ ∈ {{0, 200}} and every step. "
                         f"Momentum, the batches and standardised areas need Jupyter "
                         f"(<code>make lab</code>, Binder, Colab), where every value works.")

    # -- the one redraw path ------------------------------------------------------------

    def update(self, full=False):
        """Show the step the slider says, re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (contours, ticks); needed after a new run.

        Returns
        -------
        self : DescentExplorer
        """
        if full:
            self._drawn_start = (self.controls["scaled"].value, self._state["w0"],
                                 self._state["b0"])
        k = min(self.controls["steps"].value, self.display.n_steps)
        self.display.update(k)
        return self._show(full, self._status(k))

    def _status(self, k):
        d, c = self.display, self.controls
        theta, loss = d.params_[k], d.losses_[k]
        dist = float(np.linalg.norm(theta - d.optimum_))
        shown = self.controls["steps"].value
        where = f"<b>step {k} of {d.n_steps}</b>"
        if shown > d.n_steps:
            where += f" (the run stopped there; step {shown} does not exist)"
        space = " (standardised x)" if c["scaled"].value else ""
        lines = [f"{where}: w = {theta[0]:.4g}, b = {theta[1]:.4g}{space}",
                 f"loss = {loss:.4g} (least squares: {d.min_loss_:.4g})",
                 f"distance to the least-squares optimum = {dist:.4g}"]
        lr, mu, bound = self._state["lr"], self._state["momentum"], d.two_over_L_
        verdict = f"lr = {lr:.3g}, 2/\u03b2 = {bound:.3g}"
        if mu == 0:
            if lr > bound:
                verdict += ": <b>lr &gt; 2/\u03b2: diverges</b>"
        else:  # heavy-ball momentum on a quadratic is stable up to 2(1 + mu)/beta
            limit = (1.0 + mu) * bound
            verdict += f"; with momentum the limit is 2(1+\u03bc)/\u03b2 = {limit:.3g}"
            if lr > limit:
                verdict += ": <b>lr &gt; 2(1+\u03bc)/\u03b2: diverges</b>"
        if BATCHES[c["batch"].value] is not None:
            verdict += " (2/\u03b2 is for the full batch)"
        lines.append(verdict)
        if self.path.diverged:
            lines.append(f"<b>diverged at step {d.n_steps}</b>: the run stopped")
        return "<br>".join(lines)


def descent_explorer(x=None, y=None, *, lr=4e-5, start=(0.0, 0.0), n_steps=50,
                     momentum=0.0, scaled=False, batch="full batch", seed=0):
    r"""Sliders for gradient descent on the line :math:`\hat y(x) = w x + b`.

    Fits a line to ``x, y`` (by default :func:`nncore.datasets.house_prices`, price in
    thousands against area in m²) by minimising the average squared loss with gradient
    descent, and shows step :math:`k` of the run: the path over the loss contours,
    the line over the data, the loss per step. Move lr past :math:`2/\beta` to see it
    diverge; tick "standardise x first" to see the long valley become a round bowl.
    As the last expression of a notebook cell it displays itself.

    Parameters
    ----------
    x, y : array-like of shape (n,), optional
        Your own data (both, or neither).
    lr : float, default=4e-5
        Learning rate, 1e-6 to about 3 (the slider's range); just below
        :math:`2/\beta \approx 4.8 \times 10^{-5}` of the raw house data.
    start : (float, float), default=(0.0, 0.0)
        The starting line :math:`(w_0, b_0)` in the raw units of the data.
    n_steps : int, default=50
        Steps (updates) in a run: the range of the step slider.
    momentum : float, default=0.0
        :math:`\mu`, 0 to 0.95.
    scaled : bool, default=False
        Standardise x before descending (:func:`nncore.linreg.standardize`).
    batch : {"full batch", "mini-batch (8)", "stochastic (1)"}, default="full batch"
    seed : int, default=0
        The batches' shuffling.

    Returns
    -------
    DescentExplorer

    Examples
    --------
    >>> ex = descent_explorer(n_steps=20)
    >>> ex.controls["steps"].value = 20        # what a slider move does
    >>> ex.display.step_, "step 20 of 20" in ex.status.value
    (20, True)
    >>> ex.controls["lr"].value = 1e-4         # past 2/β = 4.8e-5
    >>> "diverges" in ex.status.value, ex.display.message_.get_visible()
    (True, True)

    Used in Chapter 3, sections "Gradient descent", "The learning rate",
    "Feature scaling", "Batches: full, stochastic, mini" and "Momentum".
    """
    return DescentExplorer(x, y, lr=lr, start=start, n_steps=n_steps, momentum=momentum,
                           scaled=scaled, batch=batch, seed=seed)
