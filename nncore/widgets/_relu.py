"""Chapter 5's ReLU superposition explorer: each hidden unit's weight, bias and output
weight as sliders, the pieces adding up to a curve, and a least-squares fit of the output
layer (:class:`nncore.plotting.ReluPiecesDisplay`)."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np

from .. import mlp as _mlp
from .._checks import as_int, as_vector
from ..plotting import PIECE_COLORS, ReluPiecesDisplay
from ._base import FigureWidget, in_slider_range, slider
from ._render import DPI, BlitRenderer
from ._website import Axis, Grid

__all__ = ["ReluSuperpositionExplorer", "relu_superposition_explorer"]


#: Target curves of the superposition explorer: menu name -> function of x.
RELU_TARGETS = {
    "sin(x)": np.sin,
    "|x|": np.abs,
    "bump exp(-x\u00b2)": lambda x: np.exp(-x ** 2),
    "step at 0": lambda x: (x >= 0).astype(float),
}
#: The x range and number of points of the superposition explorer.
RELU_X_RANGE = (-3.0, 3.0)
RELU_N_POINTS = 241
#: Slider ranges (low, high, step) of the superposition explorer: each unit's weight
#: w_j, bias b_j and output weight v_j, and the output bias c.
RELU_RANGES = {"w": (-4.0, 4.0, 0.05), "b": (-4.0, 4.0, 0.05), "v": (-3.0, 3.0, 0.05),
               "c": (-2.0, 2.0, 0.05)}
#: Figure size (inches) of the superposition explorer (450 x 414 px at 90 dpi).
RELU_FIGSIZE = (5.0, 4.6)
_SUBSCRIPT_TABLE = str.maketrans("0123456789", "".join(chr(0x2080 + d) for d in range(10)))


def _default_units(n_units):
    """w = 1, kinks -b/w evenly spread over the middle of the x range, v = 0.5."""
    kinks = np.linspace(-2.0, 2.0, n_units) if n_units > 1 else np.zeros(1)
    return np.ones(n_units), -kinks, np.full(n_units, 0.5)


class ReluSuperpositionExplorer(FigureWidget):
    r"""Sliders for the units of a one-input ReLU network, and the curve they add up to.

    Build it with :func:`relu_superposition_explorer`. The network has one input, a
    hidden layer of ``n_units`` ReLUs and one output,

    .. math:: \hat{y}(x) = \sum_{j=1}^{k} v_j\,\mathrm{relu}(w_j x + b_j) + c,

    an :class:`nncore.mlp.MLP` of sizes ``[1, k, 1]`` (``model``) whose parameters the
    sliders write in place. A :class:`~nncore.plotting.ReluPiecesDisplay` draws each
    unit's piece ``model.contributions``, their sum (the network's output) and the
    target; the status line gives the mean squared error against the target
    (:func:`nncore.losses.mse`) and where each piece bends.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"w1"``, ``"b1"``, ``"v1"``, ``"w2"``, ... (FloatSliders, ranges
        :data:`RELU_RANGES`), ``"c"`` (the output bias), ``"target"`` (Dropdown,
        :data:`RELU_TARGETS`) and ``"fit"`` (Button: the least-squares output weights
        :math:`v_1, \dots, v_k, c` for the current :math:`w_j, b_j`, clipped to the
        sliders' ranges).
    model : nncore.mlp.MLP
    x, target : ndarray of shape (n,)
        The inputs and the target curve at them.
    display : ReluPiecesDisplay
    figure, image, status, output, widget
        As for the other widgets.

    Notes
    -----
    A slider move writes one number into ``model.params``, recomputes the pieces and
    redraws only the moving lines (blitting): see ``bench/bench_mlp_widgets.py``. As
    in the other explorers, a change smaller than half a slider step from the value
    in use is the browser's echo of a value the kernel set, and is ignored.

    Used in Chapter 5, section "ReLU pieces add up to a curve".
    """

    def __init__(self, n_units=3, target="sin(x)", *, w=None, b=None, v=None, c=0.0,
                 dpi=DPI):
        n_units = as_int(n_units, "n_units", minimum=1)
        if n_units > len(PIECE_COLORS):
            raise ValueError(f"n_units must be from 1 to {len(PIECE_COLORS)}; got {n_units}")
        w0, b0, v0 = _default_units(n_units)
        values = {}
        for name, given, default in (("w", w, w0), ("b", b, b0), ("v", v, v0)):
            arr = default if given is None else as_vector(given, name, dim=n_units,
                                                          against="n_units")
            low, high, _ = RELU_RANGES[name]
            bad = np.flatnonzero((arr < low) | (arr > high))
            if bad.size:
                raise ValueError(f"{name} must be from {low:g} to {high:g} (the range of its "
                                 f"sliders); got {arr[bad[0]]:g} at index {bad[0]}")
            for j, value in enumerate(arr):
                values[f"{name}{j + 1}"] = float(value)
        values["c"] = in_slider_range(c, "c", *RELU_RANGES["c"][:2])
        self.n_units = n_units
        self._targets = dict(RELU_TARGETS)
        if callable(target):
            self._targets = {"your function": target, **self._targets}
            target = "your function"
        elif target not in self._targets:
            raise ValueError(f"target must be one of {list(RELU_TARGETS)} or a function of "
                             f"x; got {target!r}")
        self._state = dict(values)  # what the model in use was built from
        self.x = np.linspace(*RELU_X_RANGE, RELU_N_POINTS)
        self.target = self._target_values(target)
        self.model = _mlp.MLP([1, n_units, 1], activation="relu", params=self._params())

        # -- the figure: created once, never through pyplot ------------------------
        self._make_figure(RELU_FIGSIZE, dpi)
        ax = self.figure.add_axes((0.13, 0.3, 0.83, 0.66))
        self.display = ReluPiecesDisplay.from_model(self.x, self.model, target=self.target,
                                                    ylim=self._ylim()).plot(ax=ax, title=False)
        self._renderer = BlitRenderer(self.figure, ax, self.display.dynamic_artists(),
                                       mode="RGB")

        # -- controls ----------------------------------------------------------------
        self.controls = {}
        rows = []
        for j in range(n_units):
            sub = str(j + 1).translate(_SUBSCRIPT_TABLE)
            color = PIECE_COLORS[j % len(PIECE_COLORS)]
            rows.append(widgets.HTML(
                f"<b style='color:{color}'>unit {j + 1}</b>: "
                f"v{sub}\u00b7relu(w{sub}x + b{sub})",
                layout=widgets.Layout(margin="6px 0 0 8px")))
            for name, label in (("w", "weight w"), ("b", "bias b"), ("v", "output v")):
                key = f"{name}{j + 1}"
                self.controls[key] = slider(f"{label}{sub}", values[key], RELU_RANGES[name])
                rows.append(self.controls[key])
        self.controls["c"] = slider("output bias c", values["c"], RELU_RANGES["c"])
        self.controls["target"] = widgets.Dropdown(
            options=list(self._targets), value=target, description="target",
            style={"description_width": "80px"}, layout=widgets.Layout(width="330px"))
        self.controls["fit"] = widgets.Button(
            description="fit output weights v, c", tooltip="least squares for v and c, "
            "given the w and b of the sliders", layout=widgets.Layout(width="240px",
                                                                    margin="4px 0 0 88px"))
        c_ = self.controls
        self._make_layout(rows + [c_["c"], c_["target"], c_["fit"]], status_height="5em")

        # -- wiring: every callback reports its errors in self.output ------------------
        capture = self._capture
        self._watch_sliders(list(self._state))
        c_["target"].observe(capture(self._on_target), names="value")
        c_["fit"].on_click(capture(lambda button: self.fit_output()))
        self.update(full=True)

    # -- the model ------------------------------------------------------------------

    def _params(self):
        s, k = self._state, self.n_units
        W1 = np.array([[s[f"w{j + 1}"]] for j in range(k)])
        b1 = np.array([s[f"b{j + 1}"] for j in range(k)])
        W2 = np.array([[s[f"v{j + 1}"] for j in range(k)]])
        return [(W1, b1), (W2, np.array([s["c"]]))]

    def _write_params(self):
        """Copy the state in use into the model's own arrays (in place)."""
        for (W, b), (W_new, b_new) in zip(self.model.params, self._params()):
            W[...] = W_new
            b[...] = b_new

    def _target_values(self, name):
        values = np.asarray(self._targets[name](self.x), dtype=float)
        return as_vector(values, f"the target {name!r} at x", dim=len(self.x))

    def _ylim(self):
        lo, hi = float(self.target.min()), float(self.target.max())
        pad = 0.6 * max(hi - lo, 1.0)
        return math.floor(2 * (lo - pad)) / 2, math.ceil(2 * (hi + pad)) / 2

    def fit_output(self):
        r"""Set :math:`v_1, \dots, v_k` and :math:`c` to the least-squares fit of the
        target for the current :math:`w_j, b_j` (clipped to the sliders' ranges):
        minimise :math:`\sum_i (\sum_j v_j a_{ij} + c - t_i)^2` with
        :math:`a_{ij} = \mathrm{relu}(w_j x_i + b_j)` from ``model.trace``.

        Returns
        -------
        self : ReluSuperpositionExplorer
        """
        A = self.model.trace(self.x[:, np.newaxis])[0]["A"]
        design = np.column_stack([A, np.ones(len(self.x))])
        coef = np.linalg.lstsq(design, self.target, rcond=None)[0]
        names = [f"v{j + 1}" for j in range(self.n_units)] + ["c"]
        self._quiet = True
        try:
            for name, value in zip(names, coef):
                low, high, step = RELU_RANGES[name[0]]
                value = float(np.clip(round(value / step) * step, low, high))
                self._state[name] = value
                self.controls[name].value = value
        finally:
            self._quiet = False
        return self.update()

    # -- callbacks --------------------------------------------------------------------

    def _on_target(self, change):
        self.target = self._target_values(change["new"])
        self.display.set_target(self.target, ylim=self._ylim())
        self.update(full=True)  # the y axis changed: redraw the ticks too

    def website_grid(self):
        """On the website: every target, and the first neuron's w, b and v on a grid
        (the other neurons and c keep the chapter's values)."""
        s = self._state
        def steps(v, step, low, high):
            return sorted({round(v + step * k, 6) for k in range(-12, 13)
                           if low <= v + step * k <= high})
        return Grid([Axis("w1", steps(s["w1"], 1.0, -2.0, 2.0)),
                     Axis("b1", steps(s["b1"], 1.0, -3.0, 3.0)),
                     Axis("v1", steps(s["v1"], 0.5, -1.0, 1.5))],
                    outer=[Axis("target", list(self._targets))],
                    note="On this page the pictures were drawn in advance: every target, "
                         "and the first neuron's w₁, b₁ (whole steps) and v₁ "
                         "(steps of 0.5); the other sliders and the fit need Jupyter "
                         "(<code>make lab</code>, Binder, Colab).")

    # -- the one redraw path -----------------------------------------------------------

    def update(self, full=False):
        """Write the sliders' values into the model, move the pieces and the sum,
        re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (axes, legend); needed only when they changed.

        Returns
        -------
        self : ReluSuperpositionExplorer
        """
        self._write_params()
        self.display.update_model(self.model)
        return self._show(full, self._status())

    def _status(self):
        d = self.display
        kinks = ", ".join("none" if not np.isfinite(k) else f"{k:.2f}" for k in d.kinks)
        return (f"<b>mean squared error = {d.error_:.4f}</b> "
                f"(over {len(self.x)} points, x from {RELU_X_RANGE[0]:g} to "
                f"{RELU_X_RANGE[1]:g})<br>the pieces bend at x = \u2212b/w: {kinks}")


def relu_superposition_explorer(n_units=3, target="sin(x)", *, w=None, b=None, v=None,
                                c=0.0):
    r"""Sliders for each hidden unit of a 1-k-1 ReLU network: see its pieces
    :math:`v_j\,\mathrm{relu}(w_j x + b_j)` add up to a curve.

    Move a unit's weight :math:`w_j` (its steepness and direction), bias :math:`b_j`
    (with :math:`w_j`, where it bends: :math:`x = -b_j/w_j`) and output weight
    :math:`v_j` (how much of it goes into the sum), and the output bias :math:`c`;
    the sum :math:`\hat{y}(x) = \sum_j v_j\,\mathrm{relu}(w_j x + b_j) + c` follows,
    against a target curve, with its mean squared error. The button fits
    :math:`v, c` by least squares. As the last expression of a notebook cell it
    displays itself.

    Parameters
    ----------
    n_units : int, default=3
        Hidden units, 1 to 6.
    target : str or callable, default="sin(x)"
        A name of :data:`RELU_TARGETS` ("sin(x)", "|x|", "bump exp(-x²)",
        "step at 0"), or a function of x (then "your function" in the menu).
    w, b, v : array-like of shape (n_units,), optional
        Initial weights, biases and output weights; default: w = 1, kinks evenly
        spread from -2 to 2, v = 0.5.
    c : float, default=0.0
        Initial output bias.

    Returns
    -------
    ReluSuperpositionExplorer

    Examples
    --------
    >>> ex = relu_superposition_explorer(n_units=2, target="|x|", w=[1.0, -1.0],
    ...                                  b=[0.0, 0.0], v=[1.0, 0.0])
    >>> ex.controls["v2"].value = 1.0           # relu(x) + relu(-x) = |x|
    >>> ex.display.error_
    0.0

    Used in Chapter 5, section "ReLU pieces add up to a curve".
    """
    return ReluSuperpositionExplorer(n_units, target, w=w, b=b, v=v, c=c)
