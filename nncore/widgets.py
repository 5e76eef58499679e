"""Interactive widgets for the chapters (ipywidgets).

This is the top layer of :mod:`nncore`: sliders and menus that drive the displays of
:mod:`nncore.plotting`. A widget is an object holding its controls, its matplotlib
figure and an ``update()`` path, so a test can set ``control.value = ...`` and look at
the artists without a browser.

The figure is a plain :class:`matplotlib.figure.Figure`, never a pyplot figure (the
notebook's inline backend would show a second, frozen copy of it). It is drawn to PNG
bytes into an :class:`ipywidgets.Image` after every move; its artists are created once
and only moved afterwards.

On the static website there is no Python kernel: the saved widget state shows the
sliders and the first picture, but moving a slider changes nothing there. (A Play
button linked to a slider in the browser, as in :func:`perceptron_stepper`, still moves
that slider there, but the picture stays.)

Used in Chapter 1, "Vectors, dot products, hyperplanes" (:func:`hyperplane_explorer`),
Chapter 2, "The perceptron and how it learns" (:func:`perceptron_stepper`) and
Chapter 3, "Gradient descent" (:func:`descent_explorer`) and Chapter 4,
"Backpropagation" (:func:`graph_explorer`).
Chapter 5, "A small network, in matrices": :func:`relu_superposition_explorer` and
:func:`mlp_training_viewer`.
Chapter 6, "Softmax and cross-entropy": :func:`softmax_explorer` and
:func:`digit_inspector`.
"""

from __future__ import annotations

import io
import math
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib
import numpy as np

from . import autodiff as _autodiff
from . import datasets as _datasets
from . import gradcheck as _gradcheck
from . import linreg as _linreg
from . import losses as _losses
from . import optimisers as _optimisers
from . import plotting as _plotting
from . import vectors as _vec
from ._checks import as_int, as_labels, as_matrix, as_scalar, as_vector
from .perceptron import Perceptron
from .plotting import (
    _STEP_MARGINS,
    _STEP_MARGINS_SHORT,
    DESCENT_FIGSIZE,
    DISPLAY_FIGSIZE,
    STEP_FIGSIZE,
    DescentDisplay,
    GraphDisplay,
    HyperplaneDisplay,
    PerceptronStepDisplay,
    _display_axes,
    _fixed,
)

__all__ = [
    "DescentExplorer",
    "DigitInspector",
    "GraphExplorer",
    "HyperplaneExplorer",
    "MLPTrainingViewer",
    "PerceptronStepper",
    "ReluSuperpositionExplorer",
    "SoftmaxExplorer",
    "descent_explorer",
    "digit_inspector",
    "graph_explorer",
    "hyperplane_explorer",
    "mlp_training_viewer",
    "perceptron_stepper",
    "relu_superposition_explorer",
    "render_png",
    "softmax_explorer",
]

#: The two ways to set w: its components, or its direction (degrees) and length.
MODES = ("components", "angle and length")
#: Slider ranges (low, high, step).
W_RANGE = (-3.0, 3.0, 0.05)
B_RANGE = (-4.0, 4.0, 0.05)
ANGLE_RANGE = (-180.0, 180.0, 1.0)
LENGTH_RANGE = (0.0, 3.0, 0.05)
#: Menu entry for data passed in as X, y.
CUSTOM_DATA = "your data"
#: PNG settings of the rendered figure (measured in bench/bench_widget.py).
DPI = 90
PNG_KWARGS = {"compress_level": 1}


def render_png(figure, dpi=DPI):
    """Draw ``figure`` and return it as PNG bytes, with fast (light) compression.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    dpi : float, default=90

    Returns
    -------
    bytes
        A PNG file; it starts with ``b"\\x89PNG"``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> render_png(Figure(figsize=(1, 1)), dpi=20)[:4]
    b'\\x89PNG'

    Used in Chapter 1 by :func:`hyperplane_explorer`.
    """
    buf = io.BytesIO()
    figure.savefig(buf, format="png", dpi=dpi, pil_kwargs=PNG_KWARGS)
    return buf.getvalue()


def _encode_png(canvas, mode="RGBA"):
    """PNG bytes of what an Agg canvas holds now (no new draw); ``mode="RGB"`` drops
    the alpha channel (an opaque figure loses nothing, and encodes a quarter faster)."""
    from PIL import Image  # Pillow is a dependency of matplotlib

    width, height = canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    if mode != "RGBA":
        img = img.convert(mode)
    buf = io.BytesIO()
    img.save(buf, format="png", **PNG_KWARGS)
    return buf.getvalue()


class _BlitRenderer:
    """Render a figure whose only changing artists are ``dynamic``, fast.

    A full draw paints everything that does not move (tick labels, legend, axes
    labels: most of the cost of a draw is their text) and keeps that picture; each
    later frame restores it and paints only the moving artists, plus the thin static
    lines that lie on top of them inside the axes (grid, the coordinate axes, the
    frame), in z-order. This is matplotlib's blitting, used to make PNG frames.
    Call :meth:`full` whenever something static changed (e.g. the axes limits).
    ``ax`` is the axes of the moving artists, or a list of them (a figure of panels).
    ``overlays`` are static artists that lie on top of moving ones (a legend, a
    marker, a message): they are left out of the saved picture and painted once per
    frame in z-order, so that they stay on top and are not painted twice.
    """

    def __init__(self, figure, ax, dynamic, mode="RGBA", overlays=()):
        self.axes = list(ax) if isinstance(ax, (list, tuple)) else [ax]
        self.figure, self.ax, self.mode = figure, self.axes[0], mode
        self.dynamic = [a for a in dynamic if a is not None]
        self.overlays = [a for a in overlays if a is not None]
        for artist in self.dynamic + self.overlays:
            artist.set_animated(True)
        self._background = None

    def _layers(self):
        base = min(a.get_zorder() for a in self.dynamic)
        statics = []
        for ax in self.axes:
            statics += [line for line in ax.lines if line not in self.dynamic]
            statics += ax.get_xgridlines() + ax.get_ygridlines() + list(ax.spines.values())
        statics = [a for a in statics if a.get_visible() and a.get_zorder() > base
                   and a not in self.overlays]
        return sorted(self.dynamic + self.overlays + statics, key=lambda a: a.get_zorder())

    def full(self):
        """Draw everything; keep the static picture. Returns PNG bytes."""
        canvas = self.figure.canvas
        canvas.draw()  # animated (dynamic) artists are left out of this draw
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._layers_cache = self._layers()
        return self._paint_and_encode()

    def fast(self, encode=True):
        """Restore the static picture, draw the moving artists; PNG bytes or None."""
        if self._background is None:
            return self.full()
        self.figure.canvas.restore_region(self._background)
        return self._paint_and_encode(encode)

    def _paint_and_encode(self, encode=True):
        for artist in self._layers_cache:
            if artist.get_visible():
                self.ax.draw_artist(artist)
        return _encode_png(self.figure.canvas, self.mode) if encode else None



class _TextBlitRenderer(_BlitRenderer):
    """A :class:`_BlitRenderer` for a figure whose moving artists are texts (the numbers
    written on a computation graph): a frame repaints only the texts that changed.

    Drawing a text is the expensive part of such a frame (glyph layout and rendering,
    over a millisecond each), and a slider move changes only some of the numbers. The
    saved static picture is restored under the old and the new extent of every changed
    text, grown to the whole extent of any text such a region touches (so no text is
    painted twice over itself), and every text in those regions is drawn once, in
    z-order. The frame equals a full one pixel for pixel (tests/widgets/test_graph.py).
    Use it only where nothing but texts moves and no static artist lies on top of them.
    """

    #: Glyphs drawn without hinting: a quarter cheaper, and at
    #: this size as legible (full frames and fast ones use the same setting).
    TEXT_RC = {"text.hinting": "no_hinting"}

    def full(self):
        with matplotlib.rc_context(self.TEXT_RC):
            png = super().full()
            self._remember()
        return png

    def fast(self, encode=True):
        with matplotlib.rc_context(self.TEXT_RC):
            return self._fast(encode)

    def _remember(self):
        renderer = self.figure.canvas.get_renderer()
        self._drawn = {
            id(t): ((t.get_text(), t.get_position(), t.get_color(), t.get_visible()),
                    t.get_window_extent(renderer).padded(2).extents if t.get_visible()
                    else None)
            for t in self.dynamic
        }

    def _fast(self, encode):
        if self._background is None:
            return self.full()
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        boxes = {}  # id -> the extents a text covers: where it was and where it goes
        dirty = []
        for t in self.dynamic:
            state, old = self._drawn[id(t)]
            now = (t.get_text(), t.get_position(), t.get_color(), t.get_visible())
            if state == now:
                boxes[id(t)] = [old] if old is not None else []
                continue
            new = t.get_window_extent(renderer).padded(2).extents if now[3] else None
            boxes[id(t)] = [b for b in (old, new) if b is not None]
            self._drawn[id(t)] = (now, new)
            dirty.append(t)

        def overlaps(a, b):
            return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

        regions = [b for t in dirty for b in boxes[id(t)]]
        redraw = {id(t) for t in dirty}
        grown = True
        while grown:  # a text touched by a region is redrawn whole: its boxes join
            grown = False
            for t in self.dynamic:
                if id(t) not in redraw and any(overlaps(b, r) for b in boxes[id(t)]
                                               for r in regions):
                    redraw.add(id(t))
                    regions += boxes[id(t)]
                    grown = True
        width, height = canvas.get_width_height(physical=True)
        for x0, y0, x1, y1 in regions:  # display boxes (origin bottom left) -> rows
            left, right = max(0, int(x0)), min(width, int(np.ceil(x1)))
            top, bottom = max(0, int(height - y1)), min(height, int(np.ceil(height - y0)))
            if right > left and bottom > top:
                # bbox in rows from the top; xy places the saved (whole-figure) region
                canvas.restore_region(self._background, bbox=(left, top, right, bottom),
                                      xy=(0, 0))
        for artist in self._layers_cache:
            if id(artist) in redraw and artist.get_visible():
                self.ax.draw_artist(artist)
        return _encode_png(canvas, self.mode) if encode else None


def _is_echo(control, new, old):
    """Whether ``new`` is the browser's echo of a value the kernel set, snapped to the
    control's grid, and not a move of the reader: it lies within half a step of ``old``
    (in exponents for a log slider). Every widget ignores such values (the echo rule)."""
    if isinstance(control, widgets.FloatLogSlider):
        base = control.base
        return abs(math.log(new, base) - math.log(old, base)) < 0.5 * control.step
    return abs(new - old) < 0.5 * control.step


def _slider(description, value, bounds, readout_format=".2f"):
    low, high, step = bounds
    return widgets.FloatSlider(
        value=float(np.clip(value, low, high)), min=low, max=high, step=step,
        description=description, readout_format=readout_format,
        continuous_update=True, style={"description_width": "80px"},
        layout=widgets.Layout(width="330px"),
    )


def _load_datasets():
    """Every toy set of :data:`nncore.datasets.DATASETS` that gives 2-D, 2-class data
    with its default arguments (n=100, seed=0), in menu order."""
    loaded = {}
    for name, make in _datasets.DATASETS.items():
        X, y = make()
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        if X.ndim == 2 and X.shape[1] == 2 and set(np.unique(y)) <= {0, 1}:
            loaded[name] = (X, y.astype(int))
    return loaded


# -- plumbing shared by the widgets ---------------------------------------------------


class _DataMenu:
    """The data sets of a widget's menu: name -> (X, y), each loaded on first use.

    ``sources`` maps a name to ``(X, y)`` or to a function of no argument returning
    it. Points passed as ``X, y`` come first, as :data:`CUSTOM_DATA`, and are the
    initial choice; otherwise ``dataset`` must be one of the names.
    """

    def __init__(self, sources, X=None, y=None, dataset=None):
        self._sources = dict(sources)
        self._loaded = {}
        if X is not None:
            if y is None:
                raise ValueError("y is required with X: the labels (n_samples,) in {0, 1}")
            X = as_matrix(X, "X", n_features=2)
            y = as_labels(y, "y", n=len(X))
            self._sources = {CUSTOM_DATA: (X, y), **self._sources}
            dataset = CUSTOM_DATA
        elif y is not None:
            raise ValueError("y was given without X; pass both, or neither and a dataset")
        elif dataset not in self._sources:
            raise ValueError(f"dataset must be one of {list(self._sources)}; got {dataset!r}")
        self.initial = dataset

    @property
    def names(self):
        return list(self._sources)

    def __getitem__(self, name):
        if name not in self._loaded:
            source = self._sources[name]
            X, y = source() if callable(source) else source
            X = as_matrix(X, f"the data set {name!r}", n_features=2)
            self._loaded[name] = (X, as_labels(y, f"the labels of {name!r}", n=len(X)))
        return self._loaded[name]

    def dropdown(self):
        return widgets.Dropdown(options=self.names, value=self.initial, description="data",
                                style={"description_width": "80px"},
                                layout=widgets.Layout(width="330px"))


class _FigureWidget:
    """What every widget here shares: a plain Agg figure of fixed size drawn into an
    :class:`ipywidgets.Image` (blitting, fast PNG), a status line, an Output that shows
    the errors of callbacks, and the layout (picture left, controls right)."""

    def _make_figure(self, figsize, dpi):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.dpi = dpi
        self.figure = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.figure)
        width, height = (round(v * dpi) for v in figsize)
        self.image = widgets.Image(
            format="png", width=str(width), height=str(height),
            layout=widgets.Layout(width=f"{width}px", height=f"{height}px",
                                  flex="0 0 auto"),
        )
        self.output = widgets.Output(layout=widgets.Layout(max_height="12em",
                                                           overflow="auto"))
        return self.figure

    def _make_layout(self, controls, status_height="4.5em"):
        """The status line, then the top-level box: image | (controls, status), Output."""
        # a minimum height keeps the page from jumping as the text changes, and lets a
        # longer status grow instead of being cut off
        self.status = widgets.HTML(layout=widgets.Layout(width="330px",
                                                         min_height=status_height))
        panel = widgets.VBox([*controls, self.status],
                             layout=widgets.Layout(width="340px", flex="0 0 auto"))
        self.widget = widgets.VBox([
            widgets.HBox([self.image, panel],
                         layout=widgets.Layout(flex_flow="row wrap",
                                               align_items="flex-start")),
            self.output,
        ])

    def _render(self, full=False):
        """Re-render the PNG: everything (``full``) or only the moving artists."""
        self.image.value = self._renderer.full() if full else self._renderer.fast()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class HyperplaneExplorer(_FigureWidget):
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
        self._data = _DataMenu(_load_datasets(), X, y, dataset)
        dataset = self._data.initial
        self._syncing = False

        # -- the figure: created once, never through pyplot ------------------------
        self._make_figure(DISPLAY_FIGSIZE, dpi)
        X0, y0 = self._data[dataset]
        self.display = HyperplaneDisplay(w=w, b=b, X=X0, y=y0).plot(
            ax=_display_axes(self.figure), resolution=resolution
        )
        d = self.display
        self._renderer = _BlitRenderer(
            self.figure, d.ax_,
            [d.regions_, d.line_, d.arrow_, d.arrow_label_, d.points_, d.wrong_,
             d.message_, d.info_],
        )

        # -- controls --------------------------------------------------------------
        length, angle = self._polar(w, default_angle=45.0)
        self.controls = {
            "mode": widgets.ToggleButtons(options=list(MODES), value=mode,
                                          style={"button_width": "150px"}),
            "w1": _slider("w\u2081", w[0], W_RANGE),
            "w2": _slider("w\u2082", w[1], W_RANGE),
            "angle": _slider("angle (\u00b0)", angle, ANGLE_RANGE, readout_format=".1f"),
            "length": _slider("length \u2016w\u2016", length, LENGTH_RANGE),
            "b": _slider("b", b, B_RANGE),
            "dataset": self._data.dropdown(),
        }
        c = self.controls
        self._make_layout([c["mode"], c["w1"], c["w2"], c["angle"], c["length"], c["b"],
                           c["dataset"]])

        # -- wiring: every callback reports its errors in self.output --------------
        capture = self.output.capture()
        c["w1"].observe(capture(self._on_components), names="value")
        c["w2"].observe(capture(self._on_components), names="value")
        c["angle"].observe(capture(self._on_polar), names="value")
        c["length"].observe(capture(self._on_polar), names="value")
        c["b"].observe(capture(self._on_bias), names="value")
        c["mode"].observe(capture(self._on_mode), names="value")
        c["dataset"].observe(capture(self._on_dataset), names="value")
        if mode == MODES[1]:
            # w as given may not be exactly length (cos, sin) after clipping
            self._set_components_from_polar()
        self._show_mode(mode)
        self.update(full=True)

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

    def _on_components(self, change):
        if self._syncing or self._polar_mode():
            return
        self._set_polar_from_components()
        self.update()

    def _on_polar(self, change):
        if self._syncing or not self._polar_mode():
            return
        self._set_components_from_polar()
        self.update()

    def _on_bias(self, change):
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
        self.status.value = (
            f"<b>w</b> = ({w[0]:.2f}, {w[1]:.2f}), &nbsp; <b>b</b> = {b:.2f}, &nbsp; "
            f"\u2016<b>w</b>\u2016 = {_vec.norm(w):.2f}<br>"
            f"<b>{n_wrong} of {n} points on the wrong side</b>"
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
        Initial normal vector.
    b : float, default=0.0
        Initial bias.
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


# ----------------------------------------------------------------------------------
# Chapter 2: the perceptron, one update at a time
# ----------------------------------------------------------------------------------

#: The data sets of the stepper's menu (their loaders take no argument).
STEPPER_DATASETS = {
    "blobs": _datasets.blobs,
    "iris (setosa vs versicolor)": _datasets.iris,
    "xor": lambda: _datasets.xor(n=100, seed=0),
}
#: The lr slider: 10 ** exponent, exponents (low, high, step): lr from 0.01 to 10.
LR_EXPONENTS = (-2.0, 1.0, 0.1)
#: Figure size (inches) of the stepper: :data:`nncore.plotting.STEP_FIGSIZE` less the
#: three caption lines that its status line shows instead (450 x 585 px at 90 dpi).
STEPPER_FIGSIZE = (STEP_FIGSIZE[0], STEP_FIGSIZE[1] - (_STEP_MARGINS["top"]
                                                       - _STEP_MARGINS_SHORT["top"]))
#: Milliseconds between two frames of the Play button, and the most frames a full
#: run takes (a longer history is played in steps of several updates).
PLAY_INTERVAL = 300
PLAY_FRAMES = 200


class PerceptronStepper(_FigureWidget):
    r"""Step through a perceptron's training, one update of the learning rule at a time.

    Build it with :func:`perceptron_stepper`. A :class:`~nncore.perceptron.Perceptron`
    is trained once (``model``); the ``step`` slider (and the Play button linked to it)
    then shows update :math:`k` of its history in a
    :class:`~nncore.plotting.PerceptronStepDisplay`:

    .. math::

        \mathbf{w} \leftarrow \mathbf{w} + \mathrm{lr}\,(y - \hat{y})\,\mathbf{x},
        \qquad b \leftarrow b + \mathrm{lr}\,(y - \hat{y}).

    Changing ``lr`` or the data set trains a new model and keeps the step where it was
    (or at the new last update, if there are fewer).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"step"`` (IntSlider, 0 = before training, to ``model.n_updates_``),
        ``"play"`` (Play, linked to ``"step"`` in the browser, so it also moves on the
        static site), ``"lr"`` (FloatLogSlider, 0.01 to 10) and ``"dataset"``
        (Dropdown: "blobs", "iris (setosa vs versicolor)", "xor", and "your data"
        first when ``X, y`` were given).
    link : ipywidgets.Link
        ``jslink((play, "value"), (step, "value"))``.
    model : Perceptron
        The fitted model whose ``history_`` is shown.
    display : PerceptronStepDisplay
    figure : matplotlib.figure.Figure
        Not a pyplot figure: the notebook shows it only through ``image``.
    image : ipywidgets.Image
        The figure as PNG, redrawn on every change.
    status : ipywidgets.HTML
        "update k of K · epoch e · sample i · mistakes so far this epoch m"; w, b and
        "n of N points on the wrong side"; lr and whether training converged (in how
        many epochs) or did not converge in ``max_epochs`` epochs. The figure leaves
        these out (``caption="short"`` of :meth:`PerceptronStepDisplay.plot`): its
        caption says the rule as applied and the arrows' scale.
    output : ipywidgets.Output
        Errors raised in a callback are shown here instead of being lost.
    widget : ipywidgets.VBox
        The whole thing; the stepper displays as this box.

    Notes
    -----
    Moving ``step`` only calls ``display.show_step`` and redraws the moving artists
    (blitting) before encoding the PNG: see ``bench/bench_stepper.py``. ``lr`` and
    the data set refit the model, and redraw everything.

    Only the controls a reader moves drive the state. The lr slider moves in steps of
    0.1 in :math:`\log_{10}` lr; in a live notebook the browser snaps a value the
    kernel set (``lr=0.5`` is shown as 0.501) and sends it back as if the reader had
    moved it, so a change of less than half a step from the model's lr is taken for
    that echo and ignored.

    Used in Chapter 2, section "Step through training yourself".
    """

    def __init__(self, X=None, y=None, *, dataset="blobs", lr=1.0, max_epochs=50, seed=None,
                 dpi=DPI, resolution=150):
        # Perceptron checks lr, max_epochs and seed (with their names in the message)
        Perceptron(lr=lr, max_epochs=max_epochs, seed=seed)
        low, high = 10.0 ** LR_EXPONENTS[0], 10.0 ** LR_EXPONENTS[1]
        if not low <= float(lr) <= high:
            raise ValueError(f"lr must be from {low:g} to {high:g} (the range of the lr "
                             f"slider); got {lr}")
        self.lr, self.max_epochs, self.seed = float(lr), as_int(max_epochs, "max_epochs"), seed
        self._data = _DataMenu(STEPPER_DATASETS, X, y, dataset)
        self._quiet = False

        # -- the model and the figure ------------------------------------------------
        X0, y0 = self._data[self._data.initial]
        self.model = self._fit(X0, y0)
        self._make_figure(STEPPER_FIGSIZE, dpi)
        self.display = PerceptronStepDisplay(X=X0, y=y0, **self._run()).plot(
            ax=_display_axes(self.figure, **_STEP_MARGINS_SHORT), resolution=resolution,
            caption="short")  # the update, w, b, the counts: in the status line
        self._renderer = _BlitRenderer(self.figure, self.display.ax_,
                                       self.display.dynamic_artists(), mode="RGB")

        # -- controls ------------------------------------------------------------------
        n = self.model.n_updates_
        style, width = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            "play": widgets.Play(value=0, min=0, max=n, step=self._play_step(n),
                                 interval=PLAY_INTERVAL, show_repeat=False,
                                 tooltip="play the updates",
                                 layout=widgets.Layout(width="120px", margin="0 0 0 88px")),
            "step": widgets.IntSlider(value=0, min=0, max=n, description="update",
                                      continuous_update=True, style=style, layout=width),
            "lr": widgets.FloatLogSlider(value=self.lr, base=10, min=LR_EXPONENTS[0],
                                         max=LR_EXPONENTS[1], step=LR_EXPONENTS[2],
                                         description="lr", readout_format=".3g",
                                         continuous_update=False, style=style,
                                         layout=width),
            "dataset": self._data.dropdown(),
        }
        c = self.controls
        self.link = widgets.jslink((c["play"], "value"), (c["step"], "value"))
        self._make_layout([c["play"], c["step"], c["lr"], c["dataset"]],
                          status_height="8em")

        # -- wiring: every callback reports its errors in self.output ------------------
        capture = self.output.capture()
        c["step"].observe(capture(self._on_step), names="value")
        c["lr"].observe(capture(self._on_lr), names="value")
        c["dataset"].observe(capture(self._on_dataset), names="value")
        self.update(full=True)

    # -- the model ----------------------------------------------------------------------

    def _fit(self, X, y):
        return Perceptron(lr=self.lr, max_epochs=self.max_epochs, seed=self.seed).fit(X, y)

    def _run(self):
        """The fitted run, as the display takes it."""
        m = self.model
        return dict(history=m.history_, initial_w=getattr(m, "initial_w_", None),
                    initial_b=getattr(m, "initial_b_", 0.0))

    @staticmethod
    def _play_step(n_updates):
        return max(1, math.ceil(n_updates / PLAY_FRAMES))

    def refit(self):
        """Train a new model on the chosen data with the current lr, show it at the
        same step (or its last, if it has fewer updates) and redraw everything.

        Returns
        -------
        self : PerceptronStepper
        """
        X, y = self._data[self.controls["dataset"].value]
        self.model = self._fit(X, y)
        self.display.set_data(X, y, **self._run())
        n = self.model.n_updates_
        step, play = self.controls["step"], self.controls["play"]
        k = min(step.value, n)
        self._quiet = True  # the slider's own observer must not redraw half-way
        try:
            with step.hold_sync(), play.hold_sync():
                for slider in (step, play):
                    if n >= slider.max:
                        slider.max = n
                        slider.value = k
                    else:
                        slider.value = k
                        slider.max = n
                play.step = self._play_step(n)
        finally:
            self._quiet = False
        return self.update(full=True)

    # -- callbacks -----------------------------------------------------------------------

    def _on_step(self, change):
        if not self._quiet:
            self.update()

    def _on_lr(self, change):
        new = float(change["new"])
        if _is_echo(change["owner"], new, self.lr):
            return  # the browser's echo of a snapped value, not a move of the reader
        self.lr = new
        self.refit()

    def _on_dataset(self, change):
        self.refit()

    # -- the one redraw path -----------------------------------------------------------

    def update(self, full=False):
        """Show the step the slider says, re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (ticks, legend); needed only when they changed
            (a new data set, a new view).

        Returns
        -------
        self : PerceptronStepper
        """
        k = self.controls["step"].value
        self.display.show_step(k)
        self._render(full)
        self.status.value = self._status(k)
        return self

    def _status(self, k):
        m, d = self.model, self.display
        n = m.n_updates_
        if m.converged_:
            outcome = (f"converged: epoch {m.n_epochs_ - 1} made no mistake "
                       f"({n} updates in {m.n_epochs_} epochs)")
        else:
            outcome = (f"<b>did not converge</b> in max_epochs = {self.max_epochs} epochs "
                       f"({n} updates)")
        hp = d.hyperplane_
        w, b = hp.w, hp.b
        wrong = f"{hp.n_wrong_} of {len(hp.X)} points on the wrong side"
        if k == 0:
            where = f"<b>before training</b> (update 0 of {n})"
        else:
            r = m.history_[k - 1]
            where = (f"<b>update {k} of {n}</b> · epoch {r['epoch']} · sample {r['index']}"
                     f" · mistakes so far this epoch {r['errors']}")
        digits = max(2, 2 - math.floor(math.log10(self.lr)))  # lr = 0.01: 4 decimals
        return (f"{where}<br><b>w</b> = ({_fixed(w[0], digits)}, {_fixed(w[1], digits)}), "
                f"&nbsp; <b>b</b> = {_fixed(b, digits)}: {wrong}"
                f"<br>lr = {self.lr:.3g}: {outcome}")


def perceptron_stepper(X=None, y=None, *, dataset="blobs", lr=1.0, max_epochs=50, seed=None):
    r"""Step through Rosenblatt's learning rule, update by update, on 2-D data.

    Trains a :class:`~nncore.perceptron.Perceptron` and shows update :math:`k` of its
    history: the sample corrected, :math:`\mathbf{w}` before and after, the correction
    :math:`\mathrm{lr}\,(y - \hat{y})\,\mathbf{x}` and the new boundary. Drag the
    ``update`` slider or press play; change ``lr`` or the data set to train again. As
    the last expression of a notebook cell it displays itself.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), optional
        Your own points; they override ``dataset`` ("your data" in the menu).
    y : array-like of shape (n_samples,), optional
        Their labels in {0, 1}; required with ``X``.
    dataset : {"blobs", "iris (setosa vs versicolor)", "xor"}, default="blobs"
        blobs: :func:`nncore.datasets.blobs` (defaults); iris:
        :func:`nncore.datasets.iris` (petal length, sepal width); xor:
        ``nncore.datasets.xor(n=100, seed=0)``, on which training never converges.
    lr : float, default=1.0
        Learning rate, from 0.01 to 10 (the slider's range).
    max_epochs : int, default=50
        Training stops after this many epochs if it has not converged; the slider
        offers every update of those epochs.
    seed : None or int, default=None
        None visits the samples in index order; an int shuffles them every epoch.

    Returns
    -------
    PerceptronStepper

    Examples
    --------
    >>> st = perceptron_stepper(dataset="xor", max_epochs=5)
    >>> st.controls["step"].max == st.model.n_updates_, st.model.converged_
    (True, False)
    >>> st.controls["step"].value = 3          # what a slider move does
    >>> st.display.step_, "did not converge" in st.status.value
    (3, True)

    Used in Chapter 2, section "Step through training yourself".
    """
    return PerceptronStepper(X, y, dataset=dataset, lr=lr, max_epochs=max_epochs, seed=seed)


# ----------------------------------------------------------------------------------
# Chapter 3: gradient descent on the average squared loss of a line
# ----------------------------------------------------------------------------------

#: The lr slider: 10 ** exponent, exponents (low, high, step): lr from 1e-6 to about 3,
#: which covers 2/L of the raw house data (about 4.8e-5) and of standardised data (1).
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


def _standardized_start(w0, b0, mean, std):
    r"""The same starting line on standardised :math:`z = (x - \mu)/\sigma`: from
    :math:`w x + b = (w\sigma) z + (b + w\mu)`, the inverse of
    :func:`nncore.linreg.unstandardize_params`."""
    return np.array([w0 * std, b0 + w0 * mean])


def _first_steps(path, n_steps):
    """The first ``n_steps`` updates of a Path (a mini-batch run is made of whole
    epochs); a divergence after them is not part of the shorter run."""
    if len(path) <= n_steps + 1:
        return path
    return _optimisers.Path(path.params[:n_steps + 1], path.losses[:n_steps + 1], path.lr,
                            diverged=False, converged=False)


class DescentExplorer(_FigureWidget):
    r"""Gradient descent on the average squared loss of a line, with sliders.

    Build it with :func:`descent_explorer`. A run of
    :math:`\boldsymbol\theta \leftarrow \boldsymbol\theta - \mathrm{lr}\,\nabla \mathrm{AL}(\boldsymbol\theta)`
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
        optimum (in the parameters of the picture), :math:`2/L` and "lr > 2/L:
        diverges" when so; ``output`` shows the errors of callbacks.

    Notes
    -----
    A mini-batch or stochastic run makes one step per batch; the explorer shows the
    first ``n_steps`` of them (so each entry is compared step for step, not epoch for
    epoch), with the batches drawn by ``seed``. Moving ``steps`` only calls
    ``display.show_step`` and redraws the moving artists over a saved picture (see
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
        lr = as_scalar(lr, "lr")
        low, high = 10.0 ** DESCENT_LR_EXPONENTS[0], 10.0 ** DESCENT_LR_EXPONENTS[1]
        if not low <= lr <= high:
            raise ValueError(f"lr must be from {low:g} to {high:.3g} (the range of the lr "
                             f"slider); got {lr:g}")
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
        self._quiet = False

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
                                            description="momentum \u03b2",
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
        self._renderer = _BlitRenderer(self.figure, [d.ax_contour_, d.ax_data_, d.ax_loss_],
                                       d.dynamic_artists(), mode="RGB",
                                       overlays=d.overlay_artists())
        self.link = widgets.jslink((c["play"], "value"), (c["steps"], "value"))
        self._make_layout([c["play"], c["steps"], c["lr"], c["w0"], c["b0"], c["momentum"],
                           c["batch"], c["scaled"]], status_height="7.5em")

        # -- wiring: every callback reports its errors in self.output ------------------
        capture = self.output.capture()
        c["steps"].observe(capture(self._on_step), names="value")
        for name in ("lr", "w0", "b0", "momentum"):
            c[name].observe(capture(self._on_slider), names="value")
        c["batch"].observe(capture(self._on_rerun), names="value")
        c["scaled"].observe(capture(self._on_rerun), names="value")
        self.update(full=True)

    # -- the run ------------------------------------------------------------------------

    def _run(self):
        """Gradient descent from the controls' state, through nncore.optimisers."""
        c = self.controls
        scaled = c["scaled"].value
        x_fit = self._x_std if scaled else self.x
        w0, b0 = self._state["w0"], self._state["b0"]
        theta0 = (_standardized_start(w0, b0, self._mean, self._std) if scaled
                  else np.array([w0, b0]))
        lr, beta = self._state["lr"], self._state["momentum"]
        batch = BATCHES[c["batch"].value]
        if batch is None:
            y = self.y
            return _optimisers.gradient_descent(
                lambda theta: _linreg.loss(theta, x_fit, y),
                lambda theta: _linreg.loss_grad(theta, x_fit, y),
                theta0, lr, self.n_steps, momentum=beta)
        batch = min(batch, len(self.x))
        epochs = math.ceil(self.n_steps / math.ceil(len(self.x) / batch))
        path = _optimisers.minibatch_descent(_linreg.loss, _linreg.loss_grad, theta0, x_fit,
                                             self.y, lr, epochs, batch_size=batch,
                                             momentum=beta, seed=self.seed)
        return _first_steps(path, self.n_steps)

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

    def _on_step(self, change):
        if not self._quiet:
            self.update()

    def _on_slider(self, change):
        name = next(n for n in ("lr", "w0", "b0", "momentum")
                    if self.controls[n] is change["owner"])
        new = float(change["new"])
        if _is_echo(change["owner"], new, self._state[name]):
            return  # the browser's echo of a snapped value, not a move of the reader
        self._state[name] = new
        self.rerun()

    def _on_rerun(self, change):
        self.rerun()

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
        self.display.show_step(k)
        self._render(full)
        self.status.value = self._status(k)
        return self

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
        lr, beta, bound = self._state["lr"], self._state["momentum"], d.two_over_L_
        verdict = f"lr = {lr:.3g}, 2/L = {bound:.3g}"
        if beta == 0:
            if lr > bound:
                verdict += ": <b>lr &gt; 2/L: diverges</b>"
        else:  # heavy-ball momentum on a quadratic is stable up to 2(1 + beta)/L
            limit = (1.0 + beta) * bound
            verdict += f"; with momentum the limit is 2(1+\u03b2)/L = {limit:.3g}"
            if lr > limit:
                verdict += ": <b>lr &gt; 2(1+\u03b2)/L: diverges</b>"
        if BATCHES[c["batch"].value] is not None:
            verdict += " (2/L is for the full batch)"
        lines.append(verdict)
        if self.path.diverged:
            lines.append(f"<b>diverged at step {d.n_steps}</b>: the run stopped")
        return "<br>".join(lines)


def descent_explorer(x=None, y=None, *, lr=4e-5, start=(0.0, 0.0), n_steps=50,
                     momentum=0.0, scaled=False, batch="full batch", seed=0):
    r"""Sliders for gradient descent on the line :math:`p(x) = w x + b`.

    Fits a line to ``x, y`` (by default :func:`nncore.datasets.house_prices`, price in
    thousands against area in m²) by minimising the average squared loss with gradient
    descent, and shows step :math:`k` of the run: the path over the loss contours,
    the line over the data, the loss per step. Move lr past :math:`2/L` to see it
    diverge; tick "standardise x first" to see the long valley become a round bowl.
    As the last expression of a notebook cell it displays itself.

    Parameters
    ----------
    x, y : array-like of shape (n,), optional
        Your own data (both, or neither).
    lr : float, default=4e-5
        Learning rate, 1e-6 to about 3 (the slider's range); just below
        :math:`2/L \approx 4.8 \times 10^{-5}` of the raw house data.
    start : (float, float), default=(0.0, 0.0)
        The starting line :math:`(w_0, b_0)` in the raw units of the data.
    n_steps : int, default=50
        Steps (updates) in a run: the range of the step slider.
    momentum : float, default=0.0
        :math:`\beta`, 0 to 0.95.
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
    >>> ex.controls["lr"].value = 1e-4         # past 2/L = 4.8e-5
    >>> "diverges" in ex.status.value, ex.display.message_.get_visible()
    (True, True)

    Used in Chapter 3, sections "Gradient descent", "The learning rate",
    "Feature scaling", "Batches: full, stochastic, mini" and "Momentum".
    """
    return DescentExplorer(x, y, lr=lr, start=start, n_steps=n_steps, momentum=momentum,
                           scaled=scaled, batch=batch, seed=seed)


# ----------------------------------------------------------------------------------
# Chapter 4: one neuron's computation graph, forward and backward
# ----------------------------------------------------------------------------------

#: Slider ranges (low, high, step) of the graph explorer.
GRAPH_RANGES = {"x": (-3.0, 3.0, 0.01), "w": (-3.0, 3.0, 0.01), "b": (-3.0, 3.0, 0.01),
                "y": (0.0, 1.0, 0.01)}
#: Resolution of the graph explorer's picture (its figure is wide: about 920 px).
GRAPH_DPI = 80


class GraphExplorer(_FigureWidget):
    r"""Sliders for :math:`x, w, b, y` of one neuron, and its computation graph with
    every value, gradient and local derivative.

    Build it with :func:`graph_explorer`. Each move builds the graph of

    .. math:: z = w x + b, \qquad a = \sigma(z), \qquad L = (a - y)^2

    again with :func:`nncore.autodiff.neuron`, runs ``L.backward()`` and writes the new
    numbers into the same :class:`~nncore.plotting.GraphDisplay` (only its texts
    change). The status line compares :math:`\partial L/\partial w` three ways: from
    backward, from the hand-derived chain rule (:func:`nncore.autodiff.neuron_grads`)
    and from central differences of :math:`L` as a function of :math:`w`
    (:func:`nncore.gradcheck.numerical_gradient`), with the relative error of the
    last against backward (:func:`nncore.gradcheck.relative_error`).

    Attributes
    ----------
    controls : dict of str to ipywidgets.FloatSlider
        ``"x"``, ``"w"``, ``"b"`` (-3 to 3) and ``"y"`` (0 to 1), steps of 0.01.
    loss, parts : Value, dict of str to Value
        The graph in use, as :func:`nncore.autodiff.neuron` returns it, after backward.
    grads : dict
        ``"backward"`` (dL/dw, dL/db from the graph), ``"formula"`` (from
        ``neuron_grads``), ``"numerical"`` (dL/dw by central differences) and
        ``"relative_error"`` (numerical against backward).
    display : GraphDisplay
    figure, image, status, output, widget
        As for the other widgets: a plain Figure drawn to PNG into ``image``, the
        status line, an Output showing the errors of callbacks, the whole box.

    Notes
    -----
    As in the other explorers, a change of a slider smaller than half its step from
    the value in use is taken for the browser's echo of a value the kernel set
    (snapped to the step), not a move of the reader, and ignored.

    Used in Chapter 4, sections "A computation graph" and "Automatic differentiation".
    """

    def __init__(self, x=1.0, w=0.5, b=-0.2, y=1.0, *, dpi=GRAPH_DPI):
        values = {}
        for name, v in (("x", x), ("w", w), ("b", b), ("y", y)):
            v = as_scalar(v, name)
            low, high, _ = GRAPH_RANGES[name]
            if not low <= v <= high:
                raise ValueError(f"{name} must be from {low:g} to {high:g} (the range of "
                                 f"its slider); got {v:g}")
            values[name] = v
        self._state = dict(values)  # what the graph in use was built from
        self._compute()

        # -- the figure: created once, never through pyplot; its size fits the graph
        self.display = GraphDisplay(root=self.loss)
        self._make_figure(self.display.figsize, dpi)
        self.display.plot(ax=self.figure.add_axes((0.0, 0.0, 1.0, 1.0)))
        self._renderer = _TextBlitRenderer(self.figure, self.display.ax_,
                                           self.display.dynamic_artists(), mode="RGB")

        # -- controls and wiring: every callback reports its errors in self.output
        self.controls = {name: _slider(name, values[name], GRAPH_RANGES[name])
                         for name in ("x", "w", "b", "y")}
        self._make_layout(list(self.controls.values()), status_height="8em")
        capture = self.output.capture()
        for control in self.controls.values():
            control.observe(capture(self._on_slider), names="value")
        self.update(full=True)

    def _compute(self):
        """The graph of the state in use, backward, and the two other gradients."""
        s = self._state
        self.loss, self.parts = _autodiff.neuron(s["x"], s["w"], s["b"], s["y"])
        self.loss.backward()

        def loss_of_w(w):
            return _autodiff.neuron(s["x"], float(w[0]), s["b"], s["y"])[0].data

        backward = {"dL/dw": self.parts["w"].grad, "dL/db": self.parts["b"].grad}
        numerical = float(_gradcheck.numerical_gradient(loss_of_w, [s["w"]])[0])
        self.grads = {
            "backward": backward,
            "formula": _autodiff.neuron_grads(s["x"], s["w"], s["b"], s["y"]),
            "numerical": numerical,
            "relative_error": float(_gradcheck.relative_error([numerical],
                                                              [backward["dL/dw"]])),
        }

    def _on_slider(self, change):
        name = next(n for n, c in self.controls.items() if c is change["owner"])
        new = float(change["new"])
        if _is_echo(self.controls[name], new, self._state[name]):
            return  # the browser's echo of a snapped value, not a move of the reader
        self._state[name] = new
        self.update()

    def update(self, full=False):
        """Build the graph from the values in use, run backward, write the numbers into
        the display's texts, re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (boxes, arrows); they never change after the
            first draw.

        Returns
        -------
        self : GraphExplorer
        """
        self._compute()
        self.display.update(self.loss)
        self._render(full)
        self.status.value = self._status()
        return self

    def _status(self):
        g, s = self.grads, self._state
        bw, fw = g["backward"], g["formula"]
        return "<br>".join([
            f"x = {s['x']:.2f}, w = {s['w']:.2f}, b = {s['b']:.2f}, y = {s['y']:.2f}: "
            f"<b>L = {self.loss.data:.6g}</b>",
            f"<b>dL/dw</b>: backward {bw['dL/dw']:.8g}, formula {fw['dL/dw']:.8g}, "
            f"numerical {g['numerical']:.8g}",
            f"relative error (numerical vs backward) = {g['relative_error']:.1e}",
            f"<b>dL/db</b>: backward {bw['dL/db']:.8g}, formula {fw['dL/db']:.8g}",
        ])


def graph_explorer(x=1.0, w=0.5, b=-0.2, y=1.0):
    r"""Sliders for one neuron's :math:`x, w, b, y` over its computation graph.

    Every move rebuilds :math:`L = (\sigma(w x + b) - y)^2` as Values, runs backward
    and shows each node's value and gradient and each edge's local derivative; the
    status line checks :math:`\partial L/\partial w` against the chain rule by hand
    and against central differences. As the last expression of a notebook cell it
    displays itself.

    Parameters
    ----------
    x, w, b : float, default=1.0, 0.5, -0.2
        Input, weight and bias, from -3 to 3.
    y : float, default=1.0
        The target, from 0 to 1.

    Returns
    -------
    GraphExplorer

    Examples
    --------
    >>> ex = graph_explorer()
    >>> ex.controls["w"].value = 1.5           # what a slider move does
    >>> ex.display.value_texts_[ex.display.nodes_.index(ex.parts["w"])].get_text()
    'w = 1.500'
    >>> ex.grads["relative_error"] < 1e-6
    True

    Used in Chapter 4, sections "A computation graph" and "Automatic differentiation".
    """
    return GraphExplorer(x, w, b, y)


# ----------------------------------------------------------------------------------
# Chapter 5: a small network: ReLU pieces, and an MLP learning 2-D data
# ----------------------------------------------------------------------------------

from . import mlp as _mlp  # noqa: E402  (this chapter's section)
from .plotting import (  # noqa: E402
    MLP_TRAINING_FIGSIZE,
    PIECE_COLORS,
    MLPTrainingDisplay,
    ReluPiecesDisplay,
)

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


class ReluSuperpositionExplorer(_FigureWidget):
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
        c = as_scalar(c, "c")
        if not RELU_RANGES["c"][0] <= c <= RELU_RANGES["c"][1]:
            raise ValueError(f"c must be from {RELU_RANGES['c'][0]:g} to "
                             f"{RELU_RANGES['c'][1]:g} (the range of its slider); got {c:g}")
        values["c"] = c
        self.n_units = n_units
        self._targets = dict(RELU_TARGETS)
        if callable(target):
            self._targets = {"your function": target, **self._targets}
            target = "your function"
        elif target not in self._targets:
            raise ValueError(f"target must be one of {list(RELU_TARGETS)} or a function of "
                             f"x; got {target!r}")
        self._state = dict(values)  # what the model in use was built from
        self._quiet = False
        self.x = np.linspace(*RELU_X_RANGE, RELU_N_POINTS)
        self.target = self._target_values(target)
        self.model = _mlp.MLP([1, n_units, 1], activation="relu", params=self._params())

        # -- the figure: created once, never through pyplot ------------------------
        self._make_figure(RELU_FIGSIZE, dpi)
        ax = self.figure.add_axes((0.13, 0.3, 0.83, 0.66))
        self.display = ReluPiecesDisplay.from_model(self.x, self.model, target=self.target,
                                                    ylim=self._ylim()).plot(ax=ax, title=False)
        self._renderer = _BlitRenderer(self.figure, ax, self.display.dynamic_artists(),
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
                self.controls[key] = _slider(f"{label}{sub}", values[key], RELU_RANGES[name])
                rows.append(self.controls[key])
        self.controls["c"] = _slider("output bias c", values["c"], RELU_RANGES["c"])
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
        capture = self.output.capture()
        for key in self._state:
            c_[key].observe(capture(self._on_slider), names="value")
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

    def _on_slider(self, change):
        if self._quiet:
            return
        name = next(n for n in self._state if self.controls[n] is change["owner"])
        new = float(change["new"])
        if _is_echo(self.controls[name], new, self._state[name]):
            return  # the browser's echo of a snapped value, not a move of the reader
        self._state[name] = new
        self.update()

    def _on_target(self, change):
        self.target = self._target_values(change["new"])
        self.display.set_target(self.target, ylim=self._ylim())
        self.update(full=True)  # the y axis changed: redraw the ticks too

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
        self._render(full)
        self.status.value = self._status()
        return self

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


class _PanelBlitRenderer(_BlitRenderer):
    """A :class:`_BlitRenderer` for panels whose moving artists lie at different depths:
    each axes repaints its static lines (grid, frame) only above its own lowest moving
    artist. (The regions' image is at the bottom of its axes, the loss curve above the
    grid of its own: with one depth for both, that grid would be painted twice.)"""

    def _layers(self):
        statics = []
        for ax in self.axes:
            moving = [a for a in self.dynamic if a.axes is ax]
            if not moving:
                continue
            base = min(a.get_zorder() for a in moving)
            lines = [line for line in ax.lines if line not in self.dynamic]
            lines += ax.get_xgridlines() + ax.get_ygridlines() + list(ax.spines.values())
            statics += [a for a in lines if a.get_visible() and a.get_zorder() > base
                        and a not in self.overlays]
        return sorted(self.dynamic + self.overlays + statics, key=lambda a: a.get_zorder())


#: The data sets of the training viewer's menu (2-D, two classes).
VIEWER_DATASETS = {
    "xor": lambda: _datasets.xor(n=100, seed=0),
    "circles": lambda: _datasets.circles(n=100, seed=0),
    "moons": lambda: _datasets.moons(n=100, seed=0),
    "blobs": lambda: _datasets.blobs(n=100, seed=0),
    "spiral": lambda: _datasets.spiral(n=100, seed=0),
}
#: The training viewer's activations (menu).
VIEWER_ACTIVATIONS = ("tanh", "relu", "sigmoid")
#: The viewer's lr slider: 10 ** exponent, exponents (low, high, step): 0.001 to 10.
VIEWER_LR_EXPONENTS = (-3.0, 1.0, 0.1)
#: Resolution of the viewer's picture (MLP_TRAINING_FIGSIZE at 80 dpi: 720 x 368 px).
VIEWER_DPI = 80
#: Milliseconds between two frames of the viewer's Play button.
VIEWER_PLAY_INTERVAL = 200


class MLPTrainingViewer(_FigureWidget):
    r"""Watch an MLP learn a 2-D data set: Play, Pause, Step, Reset; the decision
    regions, the first hidden layer's lines and the loss per epoch.

    Build it with :func:`mlp_training_viewer`. A :class:`nncore.mlp.MLP` (``model``) is
    trained by a :class:`nncore.mlp.Trainer` (``trainer``: mini-batch SGD, the loss
    of the whole training set recorded after each epoch, ``eval_train="full"``)
    only as far as the ``epoch`` slider asks; the parameters after every epoch are
    kept, so moving the slider back shows an earlier epoch without training again.
    The picture is an :class:`~nncore.plotting.MLPTrainingDisplay` of a copy of the
    model loaded with the chosen epoch's parameters.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"play"`` (Play, linked to ``"epoch"`` in the browser), ``"epoch"``
        (IntSlider 0 to ``max_epochs``: the epoch shown; 0 is before training),
        ``"step"`` (Button: ``step_epochs`` more), ``"reset"`` (Button: back to epoch
        0, the initial weights), ``"lr"`` (FloatLogSlider 0.001 to 10), ``"activation"``
        and ``"dataset"`` (Dropdowns) and ``"seed"`` (the initial weights and the
        batches' order). A new lr, activation, data set or seed starts a new run,
        shown at the same epoch.
    link : ipywidgets.Link
        ``jslink((play, "value"), (epoch, "value"))``.
    model : nncore.mlp.MLP
        The model being trained (at the last epoch trained so far).
    trainer : nncore.mlp.Trainer
    history : dict of lists
        ``"epoch"`` 0, 1, ..., ``"train_loss"``, ``"train_acc"``: epoch 0 is the model
        before training (``trainer.evaluate()``), then ``trainer.history_``.
    display : MLPTrainingDisplay
    figure, image, status, output, widget
        As for the other widgets; the status line says the epoch, the loss, the
        accuracy and whether the run diverged.

    Notes
    -----
    A frame (an epoch more) trains one epoch, recomputes the regions on a 100 x 100
    grid and the hidden lines, and redraws only those and the loss curve over a saved
    picture of the rest (blitting): see ``bench/bench_mlp_widgets.py``. On the static
    website the Play button still moves the slider, but nothing trains there: the
    chapter shows :func:`nncore.plotting.animate_mlp_training` instead.

    Used in Chapter 5, section "Solving XOR".
    """

    def __init__(self, X=None, y=None, *, dataset="xor", sizes=(2, 4, 1), activation="tanh",
                 lr=0.3, seed=0, batch_size=32, max_epochs=300, step_epochs=5,
                 dpi=VIEWER_DPI, grid=100):
        if activation not in VIEWER_ACTIVATIONS:
            raise ValueError(f"activation must be one of {VIEWER_ACTIVATIONS}; got "
                             f"{activation!r}")
        lr = as_scalar(lr, "lr")
        low, high = 10.0 ** VIEWER_LR_EXPONENTS[0], 10.0 ** VIEWER_LR_EXPONENTS[1]
        if not low <= lr <= high:
            raise ValueError(f"lr must be from {low:g} to {high:g} (the range of the lr "
                             f"slider); got {lr:g}")
        seed = as_int(seed, "seed", minimum=0)
        self.sizes = tuple(_mlp.MLP(sizes, activation=activation).sizes)  # checks sizes
        if self.sizes[0] != 2 or self.sizes[-1] not in (1, 2):
            raise ValueError(f"sizes must start with 2 (the viewer draws 2-D data) and end "
                             f"with 1 (one logit, binary cross-entropy) or 2 (two logits, "
                             f"cross-entropy) for its two classes; got sizes "
                             f"{list(self.sizes)}")
        self.batch_size = as_int(batch_size, "batch_size", minimum=1)
        self.max_epochs = as_int(max_epochs, "max_epochs", minimum=1)
        self.step_epochs = as_int(step_epochs, "step_epochs", minimum=1)
        self._data = _DataMenu(VIEWER_DATASETS, X, y, dataset)
        self._state = {"lr": lr}
        self._quiet = False

        # -- controls ------------------------------------------------------------------
        style, width = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            "play": widgets.Play(value=0, min=0, max=self.max_epochs, step=self.step_epochs,
                                 interval=VIEWER_PLAY_INTERVAL, show_repeat=False,
                                 tooltip="train, a few epochs a frame",
                                 layout=widgets.Layout(width="120px", margin="0 0 0 88px")),
            "epoch": widgets.IntSlider(value=0, min=0, max=self.max_epochs,
                                       description="epoch", continuous_update=True,
                                       style=style, layout=width),
            "step": widgets.Button(description=f"step +{self.step_epochs}",
                                   tooltip=f"train {self.step_epochs} more epochs",
                                   layout=widgets.Layout(width="100px", margin="0 0 0 88px")),
            "reset": widgets.Button(description="reset", tooltip="back to epoch 0: the "
                                    "initial weights", layout=widgets.Layout(width="100px")),
            "lr": widgets.FloatLogSlider(value=lr, base=10, min=VIEWER_LR_EXPONENTS[0],
                                         max=VIEWER_LR_EXPONENTS[1],
                                         step=VIEWER_LR_EXPONENTS[2], description="lr",
                                         readout_format=".3g", continuous_update=False,
                                         style=style, layout=width),
            "activation": widgets.Dropdown(options=list(VIEWER_ACTIVATIONS), value=activation,
                                           description="activation", style=style,
                                           layout=width),
            "dataset": self._data.dropdown(),
            "seed": widgets.BoundedIntText(value=seed, min=0, max=10 ** 6, description="seed",
                                           style=style, layout=widgets.Layout(width="200px")),
        }
        c = self.controls

        # -- the run and the figure ----------------------------------------------------
        self._new_run()
        self._make_figure(MLP_TRAINING_FIGSIZE, dpi)
        X0, y0 = self._data[self._data.initial]
        self.display = MLPTrainingDisplay(model=self._view, X=X0, y=y0, history=self.history,
                                          max_epochs=self.max_epochs, grid=grid).plot(
            fig=self.figure, caption=False)  # the status line says the epoch and loss
        for spine in self.display.ax_regions_.spines.values():
            # one whole pixel wide: painted again over the moving image (blitting), a
            # frame of partly covered pixels would come out darker than in a full draw
            spine.set_linewidth(72.0 / dpi)
        self._make_renderer()
        self.link = widgets.jslink((c["play"], "value"), (c["epoch"], "value"))
        buttons = widgets.HBox([c["step"], c["reset"]])
        self._make_layout([c["play"], c["epoch"], buttons, c["lr"], c["activation"],
                           c["dataset"], c["seed"]], status_height="6em")

        # -- wiring: every callback reports its errors in self.output ------------------
        capture = self.output.capture()
        c["epoch"].observe(capture(self._on_epoch), names="value")
        c["lr"].observe(capture(self._on_lr), names="value")
        for name in ("activation", "dataset", "seed"):
            c[name].observe(capture(self._on_rerun), names="value")
        c["step"].on_click(capture(lambda button: self.step()))
        c["reset"].on_click(capture(lambda button: self.reset()))
        self.update(full=True)

    # -- the run ------------------------------------------------------------------------

    def _new_run(self):
        """A new model and trainer from the controls; epoch 0 recorded."""
        c = self.controls
        X, y = self._data[c["dataset"].value]
        seed = int(c["seed"].value)
        self.model = _mlp.MLP(list(self.sizes), activation=c["activation"].value, seed=seed)
        self.trainer = _mlp.Trainer(self.model, X, y, lr=self._state["lr"],
                                    batch_size=self.batch_size, seed=seed, eval_train="full")
        start = self.trainer.evaluate()
        self.history = {"epoch": [0], "train_loss": [start["loss"]],
                        "train_acc": [start["acc"]]}
        self._snapshots = [self.model.get_flat()]
        self._view = self.model.copy()
        self.X, self.y = X, y

    def _train_to(self, epoch):
        """Train (one epoch at a time, keeping each epoch's parameters) until ``epoch``
        or a divergence; returns the epoch that can be shown."""
        t = self.trainer
        while t.epoch < epoch and not t.diverged:
            t.run_epoch()
            if t.diverged:
                break
            self._snapshots.append(self.model.get_flat())
            h = t.history_
            self.history["epoch"].append(h["epoch"][-1])
            self.history["train_loss"].append(h["train_loss"][-1])
            self.history["train_acc"].append(h["train_acc"][-1])
        return min(epoch, len(self._snapshots) - 1)

    def _make_renderer(self):
        d = self.display
        axes = [d.ax_regions_, d.ax_loss_]
        self._renderer = _PanelBlitRenderer(self.figure, axes, d.dynamic_artists(),
                                            mode="RGB", overlays=d.overlay_artists())

    def rerun(self):
        """Start a new run from the controls (lr, activation, data set, seed) and show
        it at the epoch the slider says (training that far).

        Returns
        -------
        self : MLPTrainingViewer
        """
        old_X = self.X
        self._new_run()
        if self.X is not old_X:
            self.display.set_data(self.X, self.y)
        return self.update(full=True)

    def step(self):
        """Show ``step_epochs`` more epochs (training them if needed).

        Returns
        -------
        self : MLPTrainingViewer
        """
        e = self.controls["epoch"]
        e.value = min(e.value + self.step_epochs, e.max)  # the observer updates
        return self

    def reset(self):
        """Back to epoch 0 (the initial weights) of this run.

        Returns
        -------
        self : MLPTrainingViewer
        """
        c = self.controls
        if c["epoch"].value == 0:
            return self.update()
        self._quiet = True
        try:
            c["play"].value = 0
            c["epoch"].value = 0
        finally:
            self._quiet = False
        return self.update()

    # -- callbacks ----------------------------------------------------------------------

    def _on_epoch(self, change):
        if not self._quiet:
            self.update()

    def _on_lr(self, change):
        new = float(change["new"])
        if _is_echo(change["owner"], new, self._state["lr"]):
            return  # the browser's echo of a snapped value, not a move of the reader
        self._state["lr"] = new
        self.rerun()

    def _on_rerun(self, change):
        self.rerun()

    # -- the one redraw path ------------------------------------------------------------

    def update(self, full=False):
        """Train as far as the epoch slider says (if not yet), show that epoch,
        re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (ticks, legend); done anyway when the loss
            axis had to widen.

        Returns
        -------
        self : MLPTrainingViewer
        """
        wanted = self.controls["epoch"].value
        shown = self._train_to(wanted)
        self._view.set_flat(self._snapshots[shown])
        self.display.show(self._view, history=self.history, epoch=shown)
        self._render(full or self.display.view_changed_)
        self.status.value = self._status(wanted, shown)
        return self

    def _status(self, wanted, shown):
        h = self.history
        lines = [f"<b>epoch {shown}</b> of {self.max_epochs}: training loss "
                 f"{h['train_loss'][shown]:.4g}, accuracy {100 * h['train_acc'][shown]:.0f}%"]
        if self.trainer.diverged and wanted > shown:
            lines.append(f"<b>diverged in epoch {shown + 1}</b>: the loss is no longer "
                         "finite; lower lr")
        t = self.trainer
        lines.append(f"sizes {list(self.sizes)}, {self.controls['activation'].value}, "
                     f"{self.model.n_params} parameters; lr = {t.lr:.3g}, batches of "
                     f"{t.batch_size} ({t.batches_per_epoch} steps an epoch)")
        return "<br>".join(lines)


def mlp_training_viewer(X=None, y=None, *, dataset="xor", sizes=(2, 4, 1), activation="tanh",
                        lr=0.3, seed=0, batch_size=32, max_epochs=300):
    r"""Train a small MLP on 2-D data and watch it learn: decision regions, the hidden
    units' lines and the loss, epoch by epoch.

    Press play (or step, or drag the epoch slider) to train; the network's decision
    regions (:math:`P(\text{class } 1)`), its first hidden layer's lines
    :math:`\mathbf{w}_j\cdot\mathbf{x} + b_j = 0` and the loss per epoch follow.
    Change lr, the activation, the data set or the seed for a new run. As the last
    expression of a notebook cell it displays itself.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), optional
        Your own points ("your data" in the menu).
    y : array-like of shape (n_samples,), optional
        Their labels in {0, 1}; required with ``X``.
    dataset : {"xor", "circles", "moons", "blobs", "spiral"}, default="xor"
        100 points of :mod:`nncore.datasets` (``seed=0``).
    sizes : tuple of int, default=(2, 4, 1)
        The layers (:class:`nncore.mlp.MLP`); 2 inputs; 1 output (binary
        cross-entropy) or one per class (cross-entropy).
    activation : {"tanh", "relu", "sigmoid"}, default="tanh"
    lr : float, default=0.3
        0.001 to 10.
    seed : int, default=0
        The initial weights and the order of the batches.
    batch_size : int, default=32
    max_epochs : int, default=300
        The range of the epoch slider.

    Returns
    -------
    MLPTrainingViewer

    Examples
    --------
    >>> v = mlp_training_viewer(dataset="xor")
    >>> v.controls["epoch"].value = 100        # what Play does, frame after frame
    >>> v.trainer.epoch, v.history["train_acc"][100]
    (100, 1.0)

    Used in Chapter 5, section "Solving XOR".
    """
    return MLPTrainingViewer(X, y, dataset=dataset, sizes=sizes, activation=activation,
                             lr=lr, seed=seed, batch_size=batch_size, max_epochs=max_epochs)


# ----------------------------------------------------------------------------------
# Chapter 6: softmax and cross-entropy; a digit classifier, pixel by pixel
# ----------------------------------------------------------------------------------

#: Slider range (low, high, step) of every logit of the softmax explorer.
LOGIT_RANGE = (-10.0, 10.0, 0.1)
#: The temperature slider: T = 10 ** exponent, exponents (low, high, step): 0.1 to 10.
TEMPERATURE_EXPONENTS = (-1.0, 1.0, 0.02)
#: How many logits (classes) the softmax explorer takes: 2 to 6 sliders.
SOFTMAX_CLASSES = (2, 6)
#: Resolution of the softmax explorer's and the digit inspector's pictures
#: (:data:`nncore.plotting.SOFTMAX_FIGSIZE` less its caption at 85 dpi is 697 x 309 px,
#: :data:`nncore.plotting.DIGIT_FIGSIZE` less its caption at 85 dpi 765 x 267 px).
SOFTMAX_DPI = 85
DIGIT_DPI = 85
#: The digit inspector's menu entry for "the loss of the image's own label".
TARGET_LABEL = "its label"

_SUBSCRIPTS = "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"


class SoftmaxExplorer(_FigureWidget):
    r"""Sliders for the logits and the temperature of a softmax, with the cross-entropy
    of a chosen true class and its gradient.

    Build it with :func:`softmax_explorer`. Every move computes

    .. math::

        \mathbf{p} = \mathrm{softmax}(\mathbf{z}/T), \qquad L = -\log p_y, \qquad
        \frac{\partial L}{\partial \mathbf{z}} = \frac{\mathbf{p} - \mathbf{e}_y}{T}

    (:func:`nncore.activations.softmax`, :func:`nncore.losses.cross_entropy` and
    :func:`~nncore.losses.cross_entropy_grad` on :math:`\mathbf{z}/T`) and moves the
    bars of a :class:`~nncore.plotting.SoftmaxDisplay`: :math:`\mathbf{p}` on the left,
    :math:`\mathbf{p} - \mathbf{e}_y` on the right. The status line writes the numbers
    and checks :math:`\partial L/\partial \mathbf{z}` against central differences
    (:func:`nncore.gradcheck.numerical_gradient`).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"z0"``, ``"z1"``, ... (one FloatSlider per logit, -10 to 10, step 0.1),
        ``"temperature"`` (FloatLogSlider, 0.1 to 10) and ``"true_class"`` (Dropdown of
        the class names, value the class index).
    display : nncore.plotting.SoftmaxDisplay
    grads : dict
        ``"backward"`` (:math:`\partial L/\partial \mathbf{z}` from the formula),
        ``"numerical"`` (central differences) and ``"relative_error"``.
    figure, image, status, output, widget
        As for the other widgets: a plain Figure drawn to PNG into ``image``, the
        status line, an Output showing the errors of callbacks, the whole box.

    Notes
    -----
    Every control only moves the bars (blitting over a saved picture of the axes,
    legends and labels; see ``bench/bench_softmax_widgets.py``). As in the other
    explorers, a change of a slider smaller than half its step from the value in use
    (for the temperature: half a step of :math:`\log_{10} T`) is taken for the browser's
    echo of a value the kernel set, not a move of the reader, and ignored.

    Used in Chapter 6, section "Explore it yourself".
    """

    def __init__(self, logits=(2.0, 1.0, 0.1), temperature=1.0, true_class=0, *,
                 labels=None, dpi=SOFTMAX_DPI):
        z = as_vector(logits, "logits")
        low, high = SOFTMAX_CLASSES
        if not low <= len(z) <= high:
            raise ValueError(f"logits must have {low} to {high} entries (one slider per "
                             f"class); got {len(z)}")
        lo, hi, _ = LOGIT_RANGE
        for i, v in enumerate(z):
            if not lo <= v <= hi:
                raise ValueError(f"logits[{i}] must be from {lo:g} to {hi:g} (the range of "
                                 f"its slider); got {v:g}")
        T = as_scalar(temperature, "temperature")
        t_lo, t_hi = 10.0 ** TEMPERATURE_EXPONENTS[0], 10.0 ** TEMPERATURE_EXPONENTS[1]
        if not t_lo <= T <= t_hi:
            raise ValueError(f"temperature must be from {t_lo:g} to {t_hi:g} (the range of "
                             f"its slider); got {T:g}")
        k = len(z)
        true_class = _plotting._check_class(true_class, k, allow_none=False)
        self.labels = _plotting._class_labels(labels, k)
        self.n_classes = k
        # what the picture in use was computed from (the echo guard compares with these)
        self._state = {f"z{i}": float(v) for i, v in enumerate(z)}
        self._state["temperature"] = T

        # -- the figure: created once, never through pyplot
        width, height = _plotting.SOFTMAX_FIGSIZE
        self._make_figure((width, height - _plotting._CAPTION_H), dpi)
        self.display = _plotting.SoftmaxDisplay(
            logits=z, temperature=T, true_class=true_class,
            labels=self.labels).plot(fig=self.figure, caption=False)
        d = self.display
        self._renderer = _BlitRenderer(self.figure, [d.ax_proba_, d.ax_grad_],
                                       d.dynamic_artists(), mode="RGB")

        # -- controls and wiring: every callback reports its errors in self.output
        style, width_ = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            f"z{i}": _slider(f"logit z{self._sub(i)}", v, LOGIT_RANGE, readout_format=".1f")
            for i, v in enumerate(z)}
        self.controls["temperature"] = widgets.FloatLogSlider(
            value=T, base=10, min=TEMPERATURE_EXPONENTS[0], max=TEMPERATURE_EXPONENTS[1],
            step=TEMPERATURE_EXPONENTS[2], description="temperature T", readout_format=".3g",
            continuous_update=True, style=style, layout=width_)
        self.controls["true_class"] = widgets.Dropdown(
            options=[(name, i) for i, name in enumerate(self.labels)], value=true_class,
            description="true class y", style=style, layout=width_)
        self._make_layout(list(self.controls.values()), status_height="8.5em")
        capture = self.output.capture()
        for name, control in self.controls.items():
            if name == "true_class":
                control.observe(capture(self._on_class), names="value")
            else:
                control.observe(capture(self._on_slider), names="value")
        self.update(full=True)

    @staticmethod
    def _sub(i):
        return "".join(_SUBSCRIPTS[int(c)] for c in str(i))

    # -- callbacks ----------------------------------------------------------------------

    def _on_slider(self, change):
        name = next(n for n, c in self.controls.items() if c is change["owner"])
        new = float(change["new"])
        if _is_echo(change["owner"], new, self._state[name]):
            return  # the browser's echo of a snapped value, not a move of the reader
        self._state[name] = new
        self.update()

    def _on_class(self, change):
        self.update()

    # -- the one redraw path ------------------------------------------------------------

    @property
    def logits(self):
        """The logits in use, shape (n_classes,)."""
        return np.array([self._state[f"z{i}"] for i in range(self.n_classes)])

    @property
    def temperature(self):
        return self._state["temperature"]

    def update(self, full=False):
        """Compute p, L and the gradient from the values in use, move the bars,
        re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (axes, legends); they never change after the
            first draw.

        Returns
        -------
        self : SoftmaxExplorer
        """
        z, T, y = self.logits, self.temperature, self.controls["true_class"].value
        self.display.update(z, T, y)

        def loss_of_z(v):
            return _losses.cross_entropy(np.asarray(v, dtype=float) / T, y)

        backward = self.display.grad_ / T  # dL/dz = (p - e_y) / T
        numerical = _gradcheck.numerical_gradient(loss_of_z, z)
        self.grads = {"backward": backward, "numerical": numerical,
                      "relative_error": float(_gradcheck.relative_error(numerical,
                                                                        backward))}
        self._render(full)
        self.status.value = self._status()
        return self

    def _status(self):
        d, y = self.display, self.controls["true_class"].value

        def vec(v, digits=3):
            return "(" + ", ".join(_fixed(float(x), digits) for x in v) + ")"

        name = self.labels[y]
        return "<br>".join([
            f"<b>p</b> = softmax(<b>z</b>/T) = {vec(d.p_)}, T = {self.temperature:.3g}",
            f"true class {name}: <b>L</b> = \u2212log p<sub>y</sub> = "
            f"\u2212log {d.p_[y]:.4g} = <b>{d.loss_:.4g}</b>",
            f"\u2202L/\u2202<b>z</b> = (<b>p</b> \u2212 <b>e</b><sub>y</sub>)/T = "
            f"{vec(self.grads['backward'])}; its entries sum to "
            f"{_fixed(float(self.grads['backward'].sum()), 3)}",
            f"central differences: relative error {self.grads['relative_error']:.1e}",
        ])


def softmax_explorer(logits=(2.0, 1.0, 0.1), temperature=1.0, true_class=0, *,
                     labels=None):
    r"""Sliders for the logits :math:`\mathbf{z}` and the temperature :math:`T` of a
    softmax, with the cross-entropy of a true class and its gradient.

    Shows :math:`\mathbf{p} = \mathrm{softmax}(\mathbf{z}/T)` as bars, the loss
    :math:`L = -\log p_y` and the gradient :math:`\mathbf{p} - \mathbf{e}_y` (the
    gradient with respect to :math:`\mathbf{z}/T`; divide by :math:`T` for
    :math:`\mathbf{z}`). Add the same number to every logit: nothing changes. Raise
    :math:`T`: the bars flatten; lower it: the largest logit takes everything. As the
    last expression of a notebook cell it displays itself.

    Parameters
    ----------
    logits : sequence of float, default=(2.0, 1.0, 0.1)
        2 to 6 logits (one slider each), from -10 to 10.
    temperature : float, default=1.0
        From 0.1 to 10.
    true_class : int, default=0
        The index of the true class :math:`y`.
    labels : sequence of str, optional
        Class names for the bars and the menu (default "0", "1", ...).

    Returns
    -------
    SoftmaxExplorer

    Examples
    --------
    >>> ex = softmax_explorer()
    >>> ex.controls["z1"].value = 2.0          # what a slider move does: z1 = z0
    >>> heights = [bar.get_height() for bar in ex.display.bars_]
    >>> heights[0] == heights[1], round(sum(heights), 12)
    (True, 1.0)
    >>> ex.grads["relative_error"] < 1e-6
    True

    Used in Chapter 6, section "Explore it yourself".
    """
    return SoftmaxExplorer(logits, temperature, true_class, labels=labels)


class DigitInspector(_FigureWidget):
    r"""Pick an image; see its pixels, what the network predicts and the gradient of
    the loss with respect to every pixel.

    Build it with :func:`digit_inspector`. For image :math:`i` the model runs forward
    and backward once:

    .. math::

        \mathbf{p} = \mathrm{softmax}(f(\mathbf{x}_i)), \qquad L = -\log p_c, \qquad
        \frac{\partial L}{\partial \mathbf{x}_i} = \Delta_1 W_1

    (``MLP.forward``, :func:`nncore.losses.cross_entropy_grad`, ``MLP.backward``, whose
    ``dX_`` is :math:`\Delta_1 W_1`), with :math:`c` the image's label or a class the
    reader picks. A :class:`~nncore.plotting.DigitDisplay` shows the pixels, the bars
    of :math:`\mathbf{p}` and the gradient as an image scaled to :math:`\pm 1` (red:
    more ink there raises :math:`L`; blue: it lowers it).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"index"`` (IntSlider over the images), ``"target"`` (Dropdown: "its label",
        then every class: whose loss is differentiated) and ``"next_wrong"`` (Button:
        go to the next misclassified image).
    model : nncore.mlp.MLP
        Used as it is at each move (not copied): train it further and move the slider
        to see the new network. Each move calls its ``forward`` and ``backward``.
    X, y : ndarray
        The images (n, h*w) and their labels.
    display : nncore.plotting.DigitDisplay
    figure, image, status, output, widget
        As for the other widgets.

    Notes
    -----
    A move of the slider or the menu runs one sample through the network and moves
    only the artists (two 8 x 8 images, the bars, their values): see
    ``bench/bench_softmax_widgets.py``. The index slider takes integers, which the
    browser never snaps, so it needs no echo guard.

    Used in Chapter 6, section "Explore it yourself".
    """

    def __init__(self, model, X, y, index=0, *, shape=(8, 8), dpi=DIGIT_DPI):
        self.X = as_matrix(X, "X")
        k = _plotting._check_model(model, self.X.shape[1])
        self.y = as_labels(y, "y", n=len(self.X), binary=False)
        if self.y.max() >= k:
            raise ValueError(f"y must hold labels from 0 to {k - 1} (the model's {k} "
                             f"classes); got {int(self.y.max())}")
        h, w = _plotting._check_shape(shape)
        if h * w != self.X.shape[1]:
            raise ValueError(f"shape {h} x {w} = {h * w} pixels does not match X's "
                             f"{self.X.shape[1]} features")
        index = as_int(index, "index", minimum=0)
        if index >= len(self.X):
            raise ValueError(f"index must be from 0 to {len(self.X) - 1} (a row of X); "
                             f"got {index}")
        self.model, self.shape, self.n_classes = model, (h, w), k

        # -- the display, from the first image
        width, height = _plotting.DIGIT_FIGSIZE
        self._make_figure((width, height - _plotting._CAPTION_H), dpi)
        self.display = _plotting.DigitDisplay.from_model(
            model, self.X, self.y, index, shape=self.shape).plot(fig=self.figure,
                                                                 caption=False)
        d = self.display
        # the axes whose static lines could lie on top of a moving artist: none of the
        # bars' (grid and spines are under the bars), none of the images' (frames under)
        self._renderer = _BlitRenderer(self.figure, [d.ax_image_, d.ax_grad_],
                                       d.dynamic_artists(), mode="RGB")

        # -- controls and wiring: every callback reports its errors in self.output
        style, width_ = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            "index": widgets.IntSlider(value=index, min=0, max=len(self.X) - 1,
                                       description="image", continuous_update=True,
                                       style=style, layout=width_),
            "target": widgets.Dropdown(
                options=[(TARGET_LABEL, -1)] + [(f"class {c}", c) for c in range(k)],
                value=-1, description="loss of", style=style, layout=width_),
            "next_wrong": widgets.Button(description="next misclassified",
                                         tooltip="go to the next image the network gets "
                                                 "wrong",
                                         layout=widgets.Layout(width="160px",
                                                               margin="0 0 0 88px")),
        }
        c = self.controls
        self._make_layout([c["index"], c["target"], c["next_wrong"]], status_height="8em")
        capture = self.output.capture()
        c["index"].observe(capture(self._on_change), names="value")
        c["target"].observe(capture(self._on_change), names="value")
        c["next_wrong"].on_click(capture(self._on_next_wrong))
        self.update(full=True)

    # -- callbacks ----------------------------------------------------------------------

    def _on_change(self, change):
        self.update()

    def _on_next_wrong(self, button=None):
        self.next_misclassified()

    def misclassified(self):
        """Indices of the images the model (as it is now) gets wrong.

        Returns
        -------
        ndarray of int
        """
        return np.flatnonzero(self.model.predict(self.X) != self.y)

    def next_misclassified(self):
        """Move the slider to the next misclassified image after the one shown (around
        to the first); the status line says so if there is none.

        Returns
        -------
        self : DigitInspector
        """
        wrong = self.misclassified()
        if len(wrong) == 0:
            self.status.value = self._status(note="<b>no misclassified image</b>: the "
                                                  "network gets every one right")
            return self
        i = self.controls["index"].value
        later = wrong[wrong > i]
        self.controls["index"].value = int(later[0] if len(later) else wrong[0])
        return self

    # -- the one redraw path ------------------------------------------------------------

    @property
    def index(self):
        return self.controls["index"].value

    @property
    def target(self):
        """The class whose loss is differentiated: the label, or the menu's class."""
        chosen = self.controls["target"].value
        return int(self.y[self.index]) if chosen < 0 else int(chosen)

    def update(self, full=False):
        """Run the image the slider says through the model (forward, loss, backward),
        move the display's artists, re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (titles, ticks, the colour bar).

        Returns
        -------
        self : DigitInspector
        """
        i, c = self.index, self.target
        p, loss, grad = _plotting._input_gradient(self.model, self.X[i], c)
        self.display.update(image=self.X[i], proba=p, input_grad=grad,
                            label=int(self.y[i]), target=c, loss=loss, index=i)
        self._render(full)
        self.status.value = self._status()
        return self

    def _status(self, note=None):
        d, i = self.display, self.index
        k = d.predicted_
        verdict = "right" if k == d.label else "<b>wrong</b>"
        lines = [
            f"<b>image {i}</b> of {len(self.X)}: label {d.label}, predicted {k} "
            f"(p = {d.proba[k]:.3f}): {verdict}",
            f"loss of class {d.target}: <b>L</b> = \u2212log p<sub>{d.target}</sub> = "
            f"{d.loss:.4g}",
            f"largest |\u2202L/\u2202x<sub>i</sub>| = {d.scale_:.3g} (the colour scale's "
            f"\u00b11); red: more ink raises L",
        ]
        if note:
            lines.append(note)
        return "<br>".join(lines)


def digit_inspector(model, X, y, index=0, *, shape=(8, 8)):
    r"""A slider over images (e.g. the test digits): the pixels, the network's
    probabilities and the gradient of the loss with respect to the pixels.

    The gradient :math:`\partial L/\partial \mathbf{x}` is what backpropagation gives
    one step past the first layer (``MLP.backward`` leaves it in ``dX_``): it says which
    pixels, inked a little more, would raise the loss (red) or lower it (blue). Pick
    another class in the menu to see which pixels would make the image look more like
    it (blue for that class's loss). As the last expression of a notebook cell it
    displays itself.

    Parameters
    ----------
    model : nncore.mlp.MLP
        A classifier with ``sizes[0] == h*w`` inputs and ``sizes[-1] >= 2`` logits.
    X : array-like of shape (n, h*w)
        The images, as the model takes them (e.g. the digits divided by 16).
    y : array-like of int, shape (n,)
        Their labels.
    index : int, default=0
        The image shown first.
    shape : (int, int), default=(8, 8)

    Returns
    -------
    DigitInspector

    Examples
    --------
    >>> import numpy as np
    >>> from nncore.mlp import MLP
    >>> X = np.eye(4)[:, :4].repeat(16, axis=1)  # 4 toy "images" of 8 x 8 pixels
    >>> net = MLP([64, 3], seed=0)
    >>> ins = digit_inspector(net, X, [0, 1, 2, 0])
    >>> ins.controls["index"].value = 2        # what a slider move does
    >>> ins.display.label, ins.display.input_grad.shape
    (2, (64,))

    Used in Chapter 6, section "Explore it yourself".
    """
    return DigitInspector(model, X, y, index, shape=shape)
