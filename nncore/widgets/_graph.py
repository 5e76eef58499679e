"""Chapter 4's graph explorer: one neuron's computation graph, forward values and
gradients, as sliders move its input, weight, bias and target
(:class:`nncore.plotting.GraphDisplay`)."""

from __future__ import annotations

from .. import autodiff as _autodiff
from .. import gradcheck as _gradcheck
from ..plotting import GraphDisplay
from ._base import FigureWidget, in_slider_range, slider
from ._render import TextBlitRenderer
from ._website import Axis, Grid

__all__ = ["GraphExplorer", "graph_explorer"]


#: Slider ranges (low, high, step) of the graph explorer.
GRAPH_RANGES = {"x": (-3.0, 3.0, 0.01), "w": (-3.0, 3.0, 0.01), "b": (-3.0, 3.0, 0.01),
                "y": (0.0, 1.0, 0.01)}
#: Resolution of the graph explorer's picture (its figure is wide: about 920 px).
GRAPH_DPI = 80


class GraphExplorer(FigureWidget):
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
            values[name] = in_slider_range(v, name, *GRAPH_RANGES[name][:2])
        self._state = dict(values)  # what the graph in use was built from
        self._compute()

        # -- the figure: created once, never through pyplot; its size fits the graph
        self.display = GraphDisplay(root=self.loss)
        self._make_figure(self.display.figsize, dpi)
        self.display.plot(ax=self.figure.add_axes((0.0, 0.0, 1.0, 1.0)))
        self._renderer = TextBlitRenderer(self.figure, self.display.ax_,
                                           self.display.dynamic_artists(), mode="RGB")

        # -- controls and wiring: every callback reports its errors in self.output
        self.controls = {name: slider(name, values[name], GRAPH_RANGES[name])
                         for name in ("x", "w", "b", "y")}
        self._make_layout(list(self.controls.values()), status_height="8em")
        self._watch_sliders(self.controls)
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

    def website_grid(self):
        """On the website: x, w and b in steps of 1 and 0.5 around the chapter's values,
        y in {0, 0.5, 1}."""
        s = self._state
        def around(v, step, n):
            return [round(v + step * k, 6) for k in range(-n, n + 1)
                    if GRAPH_RANGES["x"][0] <= v + step * k <= GRAPH_RANGES["x"][1]]
        return Grid([Axis("x", around(s["x"], 1.0, 2)), Axis("w", around(s["w"], 0.5, 3)),
                     Axis("b", around(s["b"], 0.5, 2)),
                     Axis("y", sorted({s["y"], 0.0, 0.5, 1.0}))],
                    note="On this page the pictures were drawn in advance: x in steps of 1, "
                         "w and b in steps of 0.5, y in {0, 0.5, 1}. In Jupyter (<code>make "
                         "lab</code>, Binder, Colab) every value works.")

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
        return self._show(full, self._status())

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
