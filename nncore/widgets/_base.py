"""What every widget shares: a plain Agg figure drawn into an :class:`ipywidgets.Image`, a
status line, an Output that shows callback errors, the layout, the data menu, and the one
slider handler of the book (:meth:`FigureWidget._watch_sliders`), which ignores the
browser's echo of a value it snapped to the slider's grid (:func:`is_echo`).
"""

from __future__ import annotations

import functools
import math

import ipywidgets as widgets
import numpy as np

from .. import datasets as _datasets
from .._checks import as_labels, as_matrix, as_scalar
from ..plotting._base import check_dpi
from ._website import on_website, website_widget

__all__ = ["DataMenu", "FigureWidget", "in_slider_range", "is_echo", "load_datasets",
           "slider"]


#: Menu entry for data passed in as X, y.
CUSTOM_DATA = "your data"


def is_echo(control, new, old):
    """Whether ``new`` is the browser's echo of a value the kernel set, snapped to the
    control's grid, and not a move of the reader: it lies within half a step of ``old``
    (in exponents for a log slider). Every widget ignores such values (the echo rule)."""
    if isinstance(control, widgets.FloatLogSlider):
        base = control.base
        return abs(math.log(new, base) - math.log(old, base)) < 0.5 * control.step
    return abs(new - old) < 0.5 * control.step


def in_slider_range(value, name, low, high, slider="its slider"):
    """``value`` as a float, refused unless it lies in ``[low, high]``, the range of the
    slider that will show it (a widget never moves a value the reader gave it)."""
    value = as_scalar(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low:.3g} to {high:.3g} (the range of "
                         f"{slider}); got {value:g}")
    return value


def slider(description, value, bounds, readout_format=".2f"):
    low, high, step = bounds
    return widgets.FloatSlider(
        value=float(np.clip(value, low, high)), min=low, max=high, step=step,
        description=description, readout_format=readout_format,
        continuous_update=True, style={"description_width": "80px"},
        layout=widgets.Layout(width="330px"),
    )


def load_datasets():
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


class DataMenu:
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


class FigureWidget:
    """What every widget here shares: a plain Agg figure of fixed size drawn into an
    :class:`ipywidgets.Image` (blitting, fast PNG), a status line, an Output that shows
    the errors of callbacks, and the layout (picture left, controls right)."""

    def _make_figure(self, figsize, dpi):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.dpi = check_dpi(dpi)  # before matplotlib divides by it
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

    #: True while the widget sets its own controls (a refit, a fitted output): the
    #: observers of those controls then leave the picture alone.
    _quiet = False

    #: True while the website's frames are drawn: a callback's error then stops the
    #: build instead of going to the Output (see :meth:`_capture`).
    _raising = False

    def _capture(self, handler):
        """``handler`` with its errors shown in ``self.output`` (the notebook UI swallows
        the errors of callbacks), or raised while the website's frames are drawn."""
        captured = self.output.capture()(handler)

        @functools.wraps(handler)
        def call(*args, **kwargs):
            return (handler if self._raising else captured)(*args, **kwargs)
        return call

    def _watch_sliders(self, names, then="update"):
        """Observe the sliders ``self.controls[name]`` for ``names`` with the one slider
        handler of the book: a reader's move stores the new value in
        ``self._state[name]`` and calls the method named ``then`` (``update`` to redraw,
        ``rerun`` or ``refit`` to compute a new run first); a value the widget set itself
        (``_quiet``) and the browser's echo of a snapped value (:func:`is_echo`) change
        nothing. Errors go to ``self.output``."""
        capture = self._capture
        for name in names:
            handler = functools.partial(self._on_slider, name, then)
            self.controls[name].observe(capture(handler), names="value")

    def _on_step(self, change):
        """A step (epoch) slider moved, by the reader or by Play: show that step."""
        if not self._quiet:
            self.update()

    def _on_rerun(self, change):
        """A menu or a check box that changes the run moved: compute a new run."""
        self.rerun()

    def _on_slider(self, name, then, change):
        new = float(change["new"])
        if self._quiet or is_echo(change["owner"], new, self._state[name]):
            return  # set by the widget, or the browser's echo: not a move of the reader
        self._state[name] = new
        getattr(self, then)()

    #: False while the website's frames are drawn (:mod:`nncore.widgets._website`): the
    #: picture is then left in the canvas, where the walker takes it, and not encoded.
    _encode = True

    def _render(self, full=False):
        """Re-render the PNG: everything (``full``) or only the moving artists."""
        renderer, encode = self._renderer, self._encode
        png = renderer.full(encode) if full else renderer.fast(encode)
        if png is not None:
            self.image.value = png

    def _show(self, full, status):
        """Re-render the PNG (everything when ``full``) and write ``status`` (HTML) in the
        status line: how every ``update`` ends."""
        self._render(full)
        self.status.value = status
        return self

    def website_grid(self):
        """The grid of control values this widget shows on the website
        (:class:`nncore.widgets._website.Grid`)."""
        raise NotImplementedError(f"{type(self).__name__} has no website grid")

    def website(self):
        """The website version of this widget: the pictures of :meth:`website_grid`,
        drawn now by this widget, behind controls that work with no kernel (made once)."""
        if getattr(self, "_website", None) is None:
            name = type(self).__name__
            self._website = website_widget(self, self.website_grid(),
                                           label=f"the picture of the {name}")
        return self._website

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, or its website version while the book is built."""
        shown = self.website() if on_website() else self.widget
        return shown._repr_mimebundle_(**kwargs)
