"""Chapter 1's hyperplane explorer: sliders for $\\mathbf{w}$ (by components, or by angle and
length) and $b$, moving a :class:`nncore.plotting.HyperplaneDisplay` over a data set."""

from __future__ import annotations

import math
from contextlib import contextmanager

import ipywidgets as widgets
import numpy as np

from .. import vectors as _vec
from .._checks import as_scalar, as_vector
from ..plotting import DISPLAY_FIGSIZE, HyperplaneDisplay
from ..plotting._base import display_axes
from ._base import DataMenu, FigureWidget, load_datasets, slider
from ._render import DPI, BlitRenderer
from ._website import Axis, Grid

__all__ = ["HyperplaneExplorer", "hyperplane_explorer"]


#: The two ways to set w: its components, or its direction (degrees) and length.
MODES = ("components", "angle and length")
#: Slider ranges (low, high, step).
W_RANGE = (-3.0, 3.0, 0.05)
B_RANGE = (-4.0, 4.0, 0.05)
ANGLE_RANGE = (-180.0, 180.0, 1.0)
LENGTH_RANGE = (0.0, 3.0, 0.05)


def fit_to_sliders(w, b, polar):
    r"""``(w / c, b / c, c)`` with ``c`` the smallest power of two (1 if none is needed)
    that brings :math:`\mathbf{w}` and :math:`b` into the sliders' ranges: by
    components :math:`|w_i| \le 3`, by angle and length :math:`\|\mathbf{w}\| \le 3`,
    and :math:`|b| \le 4`.

    :math:`(\mathbf{w}/c, b/c)` with :math:`c > 0` is the same line, with the same
    sides, so the same points on the wrong side; dividing by a power of two is exact,
    so even a point lying on the line stays on it. A trained perceptron's (29.1, -33.1)
    and -26 thus show as (1.82, -2.07) and -1.63: its line, not the slider ends'.
    """
    def fits(c):
        wc, bc = w / c, b / c
        if not B_RANGE[0] <= bc <= B_RANGE[1]:
            return False
        if polar:
            return _vec.norm(wc) <= LENGTH_RANGE[1]
        return bool(np.all((W_RANGE[0] <= wc) & (wc <= W_RANGE[1])))

    c = 1.0
    while not fits(c):
        c *= 2.0
    return w / c, b / c, c


class HyperplaneExplorer(FigureWidget):
    r"""Sliders for :math:`\mathbf{w}` and :math:`b` moving the line
    :math:`\mathbf{w}\cdot\mathbf{x} + b = 0` over a toy data set.

    Build it with :func:`hyperplane_explorer`. The picture is a
    :class:`~nncore.plotting.HyperplaneDisplay`; a status line counts the points on
    the wrong side (:func:`nncore.hyperplane.count_misclassified`).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"w1"``, ``"w2"``, ``"b"``, ``"angle"`` (degrees), ``"length"``,
        ``"dataset"`` and ``"mode"`` (``"components"`` or ``"angle and length"``).
        The two ways of setting w are kept in sync: ``w1 = length cos(angle)``,
        ``w2 = length sin(angle)``. The length slider stops at 3, so for
        :math:`\|\mathbf{w}\| > 3` (corners of the w1-w2 square) it shows 3.
        A slider refuses NaN (a ValueError, and it keeps its value).
    scale : float
        What the given ``w`` and ``b`` were divided by to fit the sliders
        (:func:`fit_to_sliders`): 1, or a power of two for a line given beyond them.
        The status line says so until a slider moves.
    display : HyperplaneDisplay
    figure : matplotlib.figure.Figure
        Not a pyplot figure: the notebook shows it only through ``image``.
    image : ipywidgets.Image
        The figure as PNG, redrawn on every change.
    status : ipywidgets.HTML
        ``w``, ``b``, ``||w||`` and "k of n points on the wrong side".
    output : ipywidgets.Output
        Errors raised in a callback are shown here instead of being lost.
    widget : ipywidgets.VBox
        The whole thing; the explorer displays as this box.

    Notes
    -----
    A slider move redraws only the moving artists over a saved picture of the rest
    (blitting on the Agg canvas), then encodes the PNG with ``compress_level=1``:
    about 19 ms a move against 100 ms for a new figure per move
    (``bench/bench_widget.py``).

    Used in Chapter 1, section "Move the hyperplane yourself".
    """

    def __init__(self, X=None, y=None, *, dataset="blobs", w=(1.0, 1.0), b=0.0,
                 mode="components", dpi=DPI, resolution=150):
        w = as_vector(w, "w", dim=2)
        b = as_scalar(b, "b")
        if mode == "angle":
            mode = MODES[1]
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}; got {mode!r}")
        # a line beyond the sliders is shown as it is, never clipped into another one
        w, b, self.scale = fit_to_sliders(w, b, polar=mode == MODES[1])
        self._data = DataMenu(load_datasets(), X, y, dataset)
        dataset = self._data.initial
        self._syncing = False

        # -- the figure: created once, never through pyplot ------------------------
        self._make_figure(DISPLAY_FIGSIZE, dpi)
        X0, y0 = self._data[dataset]
        self.display = HyperplaneDisplay(w=w, b=b, X=X0, y=y0).plot(
            ax=display_axes(self.figure), resolution=resolution
        )
        # the half-spaces are painted from their data, without resampling each frame
        self._renderer = BlitRenderer(self.figure, self.display.ax_,
                                      self.display.dynamic_artists(),
                                      pasted=[self.display.regions_])

        # -- controls --------------------------------------------------------------
        length, angle = self._polar(w, default_angle=45.0)
        self.controls = {
            "mode": widgets.ToggleButtons(options=list(MODES), value=mode,
                                          style={"button_width": "150px"}),
            "w1": slider("w\u2081", w[0], W_RANGE),
            "w2": slider("w\u2082", w[1], W_RANGE),
            "angle": slider("angle (\u00b0)", angle, ANGLE_RANGE, readout_format=".1f"),
            "length": slider("length \u2016w\u2016", length, LENGTH_RANGE),
            "b": slider("b", b, B_RANGE),
            "dataset": self._data.dropdown(),
        }
        c = self.controls
        self._make_layout([c["mode"], c["w1"], c["w2"], c["angle"], c["length"], c["b"],
                           c["dataset"]])

        # -- wiring: every callback reports its errors in self.output --------------
        capture = self._capture
        c["w1"].observe(capture(self._on_components), names="value")
        c["w2"].observe(capture(self._on_components), names="value")
        c["angle"].observe(capture(self._on_polar), names="value")
        c["length"].observe(capture(self._on_polar), names="value")
        c["b"].observe(capture(self._on_bias), names="value")
        c["mode"].observe(capture(self._on_mode), names="value")
        c["dataset"].observe(capture(self._on_dataset), names="value")
        if mode == MODES[1]:
            # w1, w2 as the visible angle and length give them (equal up to rounding)
            self._set_components_from_polar()
        self._show_mode(mode)
        #: the sliders as first set: the note on a rescaled line holds while they stay
        self._first = {name: c[name].value for name in ("w1", "w2", "angle", "length", "b")}
        self.update(full=True)

    def website_grid(self):
        """On the website: both modes and every data set; by angle, every line of the
        plane (w every 15 degrees, b every 0.25, its length as the chapter set it); by
        components, w1 and w2 from -2 to 2 and b from -3 to 3 in whole steps."""
        polar = [Axis("angle", np.arange(-165.0, 181.0, 15.0)),
                 Axis("b", np.round(np.arange(-4.0, 4.001, 0.25), 2))]
        components = [Axis("w1", [-2.0, -1.0, 0.0, 1.0, 2.0]),
                      Axis("w2", [-2.0, -1.0, 0.0, 1.0, 2.0]),
                      Axis("b", [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0])]
        return Grid(lambda w: polar if w._polar_mode() else components,
                    outer=[Axis("mode", list(MODES)), Axis("dataset", self._data.names)],
                    note="On this page the pictures were drawn in advance: by angle, w "
                         "turns in steps of 15° and b moves in steps of 0.25 (its "
                         "length stays where the chapter set it); by components, w₁, "
                         "w₂ and b move in whole steps. In Jupyter (<code>make "
                         "lab</code>, Binder, Colab) every value works.")

    # -- the two parametrisations of w --------------------------------------------

    @staticmethod
    def _polar(w, default_angle):
        length = _vec.norm(w)
        angle = math.degrees(_vec.polar_angle(w)) if length > 0 else default_angle
        return length, angle

    @contextmanager
    def _sync(self):
        """Set one parametrisation from the other without re-entering the callbacks."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def _set_polar_from_components(self):
        w = (self.controls["w1"].value, self.controls["w2"].value)
        length, angle = self._polar(w, default_angle=self.controls["angle"].value)
        with self._sync():
            self.controls["angle"].value = angle
            self.controls["length"].value = min(length, LENGTH_RANGE[1])

    def _set_components_from_polar(self):
        length = self.controls["length"].value
        theta = math.radians(self.controls["angle"].value)
        with self._sync():
            self.controls["w1"].value = length * math.cos(theta)
            self.controls["w2"].value = length * math.sin(theta)

    # -- callbacks ------------------------------------------------------------------

    # Only the visible pair of sliders drives w. The hidden pair is kept in step for
    # show, but a change to it is ignored: in a live notebook the browser snaps a value
    # the kernel set (say an angle of 123.456 on a 0.1 step) and sends the snapped
    # value back as if the reader had moved it; obeying it would nudge w off the
    # slider the reader is actually dragging.

    def _polar_mode(self):
        return self.controls["mode"].value == MODES[1]

    def _refuse_nan(self, change):
        """Put a slider set to NaN (or an infinity) back to its value and say so: a NaN
        would spread to w and leave the widget broken."""
        new = change["new"]
        if math.isfinite(new):
            return
        owner = change["owner"]
        name = next(k for k, control in self.controls.items() if control is owner)
        with self._sync():
            owner.value = change["old"]
        raise ValueError(f"{name} must be a finite number; got {new}")

    def _on_components(self, change):
        if self._syncing:
            return
        self._refuse_nan(change)
        if self._polar_mode():
            return
        self._set_polar_from_components()
        self.update()

    def _on_polar(self, change):
        if self._syncing:
            return
        self._refuse_nan(change)
        if not self._polar_mode():
            return
        self._set_components_from_polar()
        self.update()

    def _on_bias(self, change):
        if self._syncing:
            return
        self._refuse_nan(change)
        self.update()

    def _on_mode(self, change):
        self._show_mode(change["new"])

    def _on_dataset(self, change):
        X, y = self._data[change["new"]]
        self.display.set_data(X, y)
        self.update(full=True)  # the view may have changed: redraw the ticks too

    def _show_mode(self, mode):
        polar = mode == MODES[1]
        for name, shown in (("w1", not polar), ("w2", not polar),
                            ("angle", polar), ("length", polar)):
            self.controls[name].layout.display = None if shown else "none"

    # -- the one redraw path ----------------------------------------------------------

    @property
    def w(self):
        """The current w, shape (2,), as set by the visible sliders: (w1, w2), or
        length (cos angle, sin angle) in the "angle and length" mode."""
        c = self.controls
        if self._polar_mode():
            theta = math.radians(c["angle"].value)
            return c["length"].value * np.array([math.cos(theta), math.sin(theta)])
        return np.array([c["w1"].value, c["w2"].value])

    @property
    def b(self):
        """The current bias."""
        return float(self.controls["b"].value)

    def update(self, full=False):
        """Read the controls, move the display's artists, re-render the PNG and the
        status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts of the figure too (ticks, legend); needed only
            when they changed. Otherwise only the moving artists are redrawn.

        Returns
        -------
        self : HyperplaneExplorer
        """
        w, b = self.w, self.b
        self.display.update(w, b)
        self._render(full)
        n_wrong, n = self.display.n_wrong_, len(self.display.X)
        note = ""
        if self.scale != 1.0 and all(self.controls[k].value == v
                                     for k, v in self._first.items()):
            note = (f"<br><i>the given w and b divided by {self.scale:g} to fit the "
                    f"sliders: the same line</i>")
        self.status.value = (
            f"<b>w</b> = ({w[0]:.2f}, {w[1]:.2f}), &nbsp; <b>b</b> = {b:.2f}, &nbsp; "
            f"\u2016<b>w</b>\u2016 = {_vec.norm(w):.2f}<br>"
            f"<b>{n_wrong} of {n} points on the wrong side</b>{note}"
        )
        return self


def hyperplane_explorer(X=None, y=None, *, dataset="blobs", w=(1.0, 1.0), b=0.0,
                        mode="components"):
    r"""Sliders that move the line :math:`\mathbf{w}\cdot\mathbf{x} + b = 0` over data.

    Move :math:`w_1, w_2` (or the angle and length of :math:`\mathbf{w}`) and
    :math:`b`; the half-spaces, the line, the arrow of :math:`\mathbf{w}` and the
    rings around the points on the wrong side follow, and the status line counts
    them. As the last expression of a notebook cell it displays itself.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), optional
        Your own points; they override ``dataset``.
    y : array-like of shape (n_samples,), optional
        Their labels in {0, 1}; required with ``X``.
    dataset : str, default="blobs"
        A name from :data:`nncore.datasets.DATASETS` ("blobs", "xor", "circles",
        "moons", "spiral"); the menu switches between them.
    w : array-like of shape (2,), default=(1.0, 1.0)
        Initial normal vector, any finite values.
    b : float, default=0.0
        Initial bias. A line beyond the sliders (``|w_i| > 3``, or ``||w|| > 3`` by
        angle and length, or ``|b| > 4``, as a trained perceptron's often is) is shown
        exactly: ``w`` and ``b`` are divided by the smallest power of two that fits
        them (:func:`fit_to_sliders`; the same line, the same points on the wrong
        side), and the status line says by what.
    mode : {"components", "angle and length"}, default="components"
        Which sliders set w ("angle" is accepted for "angle and length").

    Returns
    -------
    HyperplaneExplorer

    Examples
    --------
    >>> ex = hyperplane_explorer(dataset="xor", w=(1.0, 0.0), b=-0.5)
    >>> ex.controls["b"].value = 0.25   # what a slider move does
    >>> ex.display.n_wrong_ == int(ex.status.value.split("<b>")[-1].split()[0])
    True

    Used in Chapter 1, section "Move the hyperplane yourself".
    """
    return HyperplaneExplorer(X, y, dataset=dataset, w=w, b=b, mode=mode)
